"""The family's privacy rights: the register of requests (inzage, a copy, correction, destruction,
objection, restriction) with the legal term of each, who handles it, and the figures.

The teamleider of the family's team and the privacy officer register and decide a
request; the officer sees the register of the whole organisation but no family
file; the board sees only the figures.
"""
