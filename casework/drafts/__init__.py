"""Server-side drafts and posts kept across an expired session: nothing typed is lost.

A draft lives on casework's floor because it is family data: saving and
opening one goes through casework's access path, and the apps above
(teams, kwesties, reflection, audits) use it for their long-text forms
without casework knowing them. `spec` names what a draft belongs to and
signs it into the form; `services` writes, `selectors` reads, `binding`
fills a form from a draft, `views` are the autosave and discard endpoints,
`middleware` keeps a post that arrives after the session expired.
"""
