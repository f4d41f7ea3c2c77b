"""Documents in the family file: rulings, reports of the Raad and of partners, signed plans.

Stored privately (never under a public media URL), downloaded only through an
access-checked view that leaves a row in the access log.
"""
