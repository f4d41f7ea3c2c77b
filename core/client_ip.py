"""The client's address, the one rule the access log, the log-in lock-out and anything else use.

A client can put anything in X-Forwarded-For; only the entries our own proxies
appended can be believed. TRUSTED_PROXY_COUNT says how many proxies stand in
front of the app (0: none, the app is reached directly; 1 in the docker-compose
production set-up behind the TLS proxy). Each proxy appends the address it saw
the request come from, so the address the outermost of N proxies saw, the
client's, is the Nth entry from the right; whatever stands left of it is the
client's own claim and is ignored. A header that is missing, shorter than N, or
whose entry is no IP address means the request did not come the way we expect:
then REMOTE_ADDR, the one address no client can forge, is used.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"


def _ip_or_none(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's IP address as the outermost trusted proxy saw it, else REMOTE_ADDR.

    Used by the access log (privacy.context) and by django-axes
    (AXES_CLIENT_IP_CALLABLE), so a lock-out and a log row name the same address.
    """
    remote = _ip_or_none(request.META.get("REMOTE_ADDR") or "")
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if count <= 0:
        return remote
    entries = request.META.get(FORWARDED_FOR, "").split(",")
    if len(entries) < count or not "".join(entries).strip():
        return remote
    return _ip_or_none(entries[-count]) or remote
