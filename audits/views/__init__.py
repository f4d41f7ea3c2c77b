"""The pages of a team audit, a module per what they show.

`audit` (the list, one audit with its figures, sample, conversation and actions, and its steps),
`file_check` (one sampled file against the checklist) and `report` (the finished report, as a page
and as PDF; it names no family). Each page reaches an audit through `audits.access`.
"""
