"""Headers every /api/v1 response carries (API Design Rules)."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse


def api_version() -> str:
    return str(settings.SPECTACULAR_SETTINGS["VERSION"])


def add_api_headers(response: HttpResponse, *, personal_data: bool = True) -> HttpResponse:
    """API-Version always; no-store wherever personal data may be in the body (and on errors)."""
    response["API-Version"] = api_version()
    if personal_data:
        response["Cache-Control"] = "no-store"
    return response


def api_endpoint(view, *, personal_data: bool = True):
    """Wrap an API view: no log-in redirect (partners have no session), and the API headers."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return add_api_headers(view(request, *args, **kwargs), personal_data=personal_data)

    return login_not_required(wrapped)
