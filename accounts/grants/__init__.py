"""Four eyes on every grant that opens family data.

A team membership, an organisation role, the admin flags, a partner API client
or its scopes or secret: one person proposes (`services.grant_propose`), a
second, authorised person approves (`services.grant_approve`), and only then is
the grant applied, in the approving transaction. Every step is an append-only
`GrantEvent`. What can be proposed is the registry `kinds.GRANT_KINDS`; apps
above accounts add their own kinds from their `AppConfig.ready()`.
"""
