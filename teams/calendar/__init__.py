"""The agenda: hearings of the worker's families and the team's sessions, on a page and as an .ics file.

"Mijn agenda" holds what the worker goes to (the hearings of the families they
write, the sessions of their teams); the team agenda holds the team's. The
.ics file carries no names: a calendar program is not the family file.
"""
