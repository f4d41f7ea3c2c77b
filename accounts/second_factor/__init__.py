"""The second factor: a code from an authenticator app (TOTP) or a recovery code, after the password.

Built on django-otp: it plugs into our own log-in view and django-axes, and its OTPMiddleware gives
`request.user.is_verified()`, the one question the gate (middleware.py) asks. django-allauth would
have replaced the whole account flow (our log-in page, the kept-post recovery, the lockout) for it.
"""
