"""Log-in settings: the second factor, passkeys, the password-reset link and optional single sign-on.

Imported by base.py (which adds the single sign-on backend when OIDC_RP_CLIENT_ID is set).
"""

import environ as _environ

_env = _environ.Env()

# The second factor (accounts/second_factor, django-otp): a TOTP app with the name the app shows, and
# recovery codes. A code may be one step (30 s) early or late; a wrong code waits 1, 2, 4 ... seconds
# before the next is checked, per device and until a right one (django-otp's throttling), on top of
# the django-axes count every wrong code adds to.
OTP_TOTP_ISSUER = _env("OTP_TOTP_ISSUER", default="Gezinsgericht werken")
SECOND_FACTOR_RECOVERY_CODES = 10
# A reset link is valid for an hour (Django's default is three days); using it, or logging in, ends it.
PASSWORD_RESET_TIMEOUT = _env.int("PASSWORD_RESET_TIMEOUT_MINUTES", default=60) * 60
# One reset link per person per this many minutes: the "wachtwoord vergeten" page cannot flood an inbox.
PASSWORD_RESET_MAIL_MINUTES = _env.int("PASSWORD_RESET_MAIL_MINUTES", default=5)

# Passkeys (django-otp-webauthn) as a second factor after the password, never instead of it: no
# passwordless log-in, so the password step and its lockout always come first. The relying party is the
# site's own host name; a passkey works only on that name (localhost under `make run`).
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_ID = _env("OTP_WEBAUTHN_RP_ID", default="localhost")
OTP_WEBAUTHN_RP_NAME = "Gezinsgericht werken"
OTP_WEBAUTHN_ALLOWED_ORIGINS = _env.list("OTP_WEBAUTHN_ALLOWED_ORIGINS", default=["http://localhost:8000"])

# Optional single sign-on (accounts/oidc.py, mozilla-django-oidc): on only when OIDC_RP_CLIENT_ID is set.
# Existing users only, matched by e-mail; the second factor must come from the identity provider: an ID
# token with an `acr` in OIDC_REQUIRED_ACR or an `amr` value in OIDC_REQUIRED_AMR (default "mfa").
OIDC_RP_CLIENT_ID = _env("OIDC_RP_CLIENT_ID", default="")
OIDC_REQUIRED_ACR = _env.list("OIDC_REQUIRED_ACR", default=[])
OIDC_REQUIRED_AMR = _env.list("OIDC_REQUIRED_AMR", default=["mfa"])
OIDC_CREATE_USER = False
if OIDC_RP_CLIENT_ID:
    OIDC_RP_CLIENT_SECRET = _env("OIDC_RP_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = _env("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = _env("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = _env("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = _env("OIDC_OP_JWKS_ENDPOINT")
    OIDC_RP_SIGN_ALGO = _env("OIDC_RP_SIGN_ALGO", default="RS256")
    OIDC_RP_SCOPES = "openid email"
