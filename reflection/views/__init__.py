"""The pages of the reflectie-instrument, a module per what they show.

`reflections` (a worker's and their senior's pages: my reflections, the senior's overview, sharing,
the form, one reflection; each reaches a reflection through `selectors.reflection_get_for_user`) and
`aggregate` (the anonymous team aggregate, for teamleiders, the board and auditors).
"""
