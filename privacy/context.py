"""Who is acting and from where, for the access-log rows that services write.

Services do not take the HTTP request (they are called from pages, the API and
tasks alike), yet a log row should still say from which address a change came.
The middleware puts the client address in a context variable for the length of
one request; `access_log_record` reads it when no request is passed.
"""

from contextvars import ContextVar

from django.http import HttpRequest

from core.client_ip import client_ip as core_client_ip

client_ip: ContextVar[str | None] = ContextVar("client_ip", default=None)


def request_client_ip(request: HttpRequest) -> str | None:
    """The client's address by the one rule in core.client_ip (trusted proxies only)."""
    return core_client_ip(request)


class ClientAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = client_ip.set(request_client_ip(request))
        try:
            return self.get_response(request)
        finally:
            client_ip.reset(token)
