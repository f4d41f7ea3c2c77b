"""Court work in the family file: rulings, measure periods, requests to the court, hearings, where a child lives.

A GI works under court orders. The measure itself (`casework.models.Measure`)
says what applies to a child; its periods say for how long, each granted by a
ruling (beschikking); a request (verzoek) asks the court for the next step and
is what the court report (`courtreports`) is written for; a hearing (zitting)
is where the court hears it; a stay (verblijf) says where the child lives and
which authorisation it rests on.
"""
