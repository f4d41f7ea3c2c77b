"""The partner API's views, a module per resource.

`families` (gezinnen), `children` (jeugdigen), `agreements` (afspraken),
`inzetten`, the OAuth2 `token` endpoint and the `docs` (schema and page); every
resource view stands on `base.PartnerAPIView` (token auth, scopes, throttling,
problem+json). Views stay thin: selectors decide what a partner sees, services
write and log.
"""
