"""Who is acting and from where, for the access-log rows that services write.

Services do not take the HTTP request (they are called from pages, the API and
tasks alike), yet a log row should still say from which address a change came.
The middleware puts the client address in a context variable for the length of
one request; `access_log_record` reads it when no request is passed.
"""

from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest

client_ip: ContextVar[str | None] = ContextVar("client_ip", default=None)


def request_client_ip(request: HttpRequest) -> str | None:
    """The client's address; behind our own proxy, the address that proxy saw.

    Only when ACCESS_LOG_TRUST_X_FORWARDED_FOR is set (production behind the
    TLS proxy) is X-Forwarded-For used, and then only its last entry: the one our
    own proxy appended, which a client cannot forge.
    """
    if getattr(settings, "ACCESS_LOG_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


class ClientAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = client_ip.set(request_client_ip(request))
        try:
            return self.get_response(request)
        finally:
            client_ip.reset(token)
