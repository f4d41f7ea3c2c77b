"""Partner systems and their OAuth2 clients for the REST API under /api/v1."""
