"""The court report, drafted from the file: for a request to the court, what the file already holds
(the family, the measure's history, the plan, the scores and their reasons, the partners' help, the
team's decisions) plus what only the worker can write (analysis, the family's own words, the request
and its grounds). Versioned like the plan, approved by the gedragswetenschapper and the teamleider,
exported as PDF and Word, and its sending recorded with the PDF among the family's documents.
"""
