"""Headers every /api/v1 response carries (API Design Rules)."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse

from accounts.second_factor.middleware import second_factor_not_required


def api_version() -> str:
    return str(settings.SPECTACULAR_SETTINGS["VERSION"])


def add_api_headers(response: HttpResponse, *, personal_data: bool = True) -> HttpResponse:
    """API-Version always; no-store wherever personal data may be in the body (and on errors)."""
    response["API-Version"] = api_version()
    if personal_data:
        response["Cache-Control"] = "no-store"
    return response


def api_endpoint(view, *, personal_data: bool = True):
    """Wrap an API view: no log-in redirect (partners have no session), and the API headers.

    Nor the second-factor redirect: the API reads no session (bearer tokens only), so a staff
    session without the second factor gets the API's own 401 problem+json, not an HTML page.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return add_api_headers(view(request, *args, **kwargs), personal_data=personal_data)

    return second_factor_not_required(login_not_required(wrapped))
