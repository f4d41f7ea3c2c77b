"""Security settings of their own subject, imported by base.py: client addresses and browser features."""

import environ

env = environ.Env()

# The client's address (core.client_ip) for the access log and the log-in lock-out: X-Forwarded-For is
# believed only for the proxies we run ourselves, counted from the right; 0 means the app is reached
# directly and REMOTE_ADDR is the address. Production behind its TLS proxy sets 1.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"

# Permissions-Policy (core.middleware.PermissionsPolicyMiddleware): every browser feature the app does
# not use is switched off for it and for anything it might embed; passkeys (publickey-credentials) stay
# allowed for this origin, since log-in with a passkey may come.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "accelerometer": [],
    "ambient-light-sensor": [],
    "autoplay": [],
    "bluetooth": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "interest-cohort": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
    "publickey-credentials-create": ["self"],
    "publickey-credentials-get": ["self"],
}
