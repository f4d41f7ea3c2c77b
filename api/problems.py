"""Errors as application/problem+json (RFC 9457), for every error under /api/.

A partner system gets the same shape for a bad date, an expired token, a
stale write or a URL that does not exist: `type`, `title`, `status`,
`detail`, `instance`, and for input errors `invalidParams` naming each field
and the reason. No HTML error page is ever sent to a machine.
"""

import logging
import sys

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.views import exception_handler

from accounts.second_factor.middleware import second_factor_not_required
from casework.drafts.recovery import csrf_failure_page
from core.views import RETRY_AFTER_SECONDS, database_down_page, is_database_down

from .headers import add_api_headers

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://gezinsgericht.nl/problemen/"
TITLES = {
    400: "Ongeldige invoer",
    401: "Niet geauthenticeerd",
    403: "Geen toestemming",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Niet aanvaardbaar",
    409: "Conflict",
    412: "Verouderde versie",
    415: "Niet-ondersteund mediatype",
    422: "Sleutel al gebruikt",
    428: "Voorwaarde vereist",
    429: "Te veel verzoeken",
    500: "Interne fout",
    503: "Tijdelijk niet beschikbaar",
}
TYPE_SLUGS = {
    400: "ongeldige-invoer",
    401: "niet-geauthenticeerd",
    403: "geen-toestemming",
    404: "niet-gevonden",
    405: "methode-niet-toegestaan",
    406: "niet-aanvaardbaar",
    409: "conflict",
    412: "verouderde-versie",
    415: "niet-ondersteund-mediatype",
    422: "idempotency-key-al-gebruikt",
    428: "if-match-vereist",
    429: "te-veel-verzoeken",
    500: "interne-fout",
    503: "tijdelijk-niet-beschikbaar",
}


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = "Stuur de ETag die u het laatst las mee in de If-Match-header."
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "De inzet is gewijzigd sinds u hem las. Haal hem opnieuw op en probeer het dan nog eens."
    default_code = "precondition_failed"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Deze wijziging past niet bij de huidige status."
    default_code = "conflict"


def problem(*, status_code: int, detail: str, instance: str, invalid_params: list[dict] | None = None) -> dict:
    body = {
        "type": PROBLEM_TYPE_BASE + TYPE_SLUGS.get(status_code, "fout"),
        "title": TITLES.get(status_code, "Fout"),
        "status": status_code,
        "detail": detail,
        "instance": instance,
    }
    if invalid_params is not None:
        body["invalidParams"] = invalid_params
    return body


def _flatten(errors, prefix: str = "") -> list[dict]:
    """DRF's nested error dict into [{name, code, reason}], one entry per message."""
    if isinstance(errors, dict):
        out = []
        for key, value in errors.items():
            name = "nonFieldErrors" if key == "non_field_errors" else str(key)
            out += _flatten(value, f"{prefix}.{name}" if prefix else name)
        return out
    if isinstance(errors, list):
        out = []
        for index, value in enumerate(errors):
            if isinstance(value, dict | list):
                out += _flatten(value, f"{prefix}.{index}")
            else:
                out += _flatten(value, prefix)
        return out
    return [{"name": prefix or "body", "code": getattr(errors, "code", "invalid"), "reason": str(errors)}]


def _detail_text(data) -> str:
    if isinstance(data, dict) and "detail" in data:
        return str(data["detail"])
    if isinstance(data, list) and data:
        return str(data[0])
    return str(data)


def problem_exception_handler(exc, context):
    """DRF exception handler: DRF's status and headers, our body and content type."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("Deze resource bestaat niet of is niet met u gedeeld.")
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    instance = request.path if request is not None else ""
    if isinstance(exc, exceptions.ValidationError):
        body = problem(
            status_code=response.status_code,
            detail="Een of meer velden zijn ongeldig.",
            instance=instance,
            invalid_params=_flatten(exc.detail),
        )
    elif response.status_code == 400:
        # A body that is not JSON at all: the body itself is the invalid parameter.
        detail = _detail_text(exc.detail)
        invalid = [{"name": "body", "code": getattr(exc, "default_code", "invalid"), "reason": detail}]
        body = problem(status_code=400, detail=detail, instance=instance, invalid_params=invalid)
    else:
        body = problem(status_code=response.status_code, detail=_detail_text(exc.detail), instance=instance)
    response.data = body
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def problem_response(request: HttpRequest, *, status_code: int, detail: str) -> HttpResponse:
    response = JsonResponse(
        problem(status_code=status_code, detail=detail, instance=request.path),
        status=status_code,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
    return add_api_headers(response)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def handler404(request: HttpRequest, exception=None) -> HttpResponse:
    """Django's 404 (URL not matched): problem+json under /api/, the normal page elsewhere."""
    if _is_api(request):
        return problem_response(request, status_code=404, detail="Deze URL bestaat niet.")
    return defaults.page_not_found(request, exception)


@csrf_exempt  # it changes nothing; without this a POST would get Django's HTML CSRF page instead
@login_not_required
@second_factor_not_required  # the API reads no session: the same 404 with or without one
def api_not_found(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """Every unknown URL under /api/, whatever DEBUG says: partners get problem+json, never a page."""
    return problem_response(request, status_code=404, detail="Deze URL bestaat niet.")


def handler400(request: HttpRequest, exception=None) -> HttpResponse:
    """Suspicious or malformed requests Django itself refuses (e.g. a bad Host header or query encoding)."""
    if _is_api(request):
        return problem_response(request, status_code=400, detail="Dit verzoek kan niet worden verwerkt.")
    return defaults.bad_request(request, exception)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: problem+json under /api/; elsewhere a Dutch page that keeps the form's post.

    A lost or expired CSRF cookie must not throw away what was typed
    (casework.drafts.recovery keeps it, as for a post after the session expired).
    """
    if _is_api(request):
        return problem_response(request, status_code=403, detail="Het verzoek is geweigerd (CSRF-controle).")
    return csrf_failure_page(request, reason)


def handler403(request: HttpRequest, exception=None) -> HttpResponse:
    if _is_api(request):
        return problem_response(request, status_code=403, detail="Geen toestemming.")
    return defaults.permission_denied(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    """Django's handler for an uncaught error; a database that is down answers 503, not 500.

    Django calls it inside its `except` block, so `sys.exc_info()` is the error
    itself: an exception raised by a view or by a middleware before it (the
    session and user are loaded from the database there) lands here alike.
    """
    if is_database_down(sys.exc_info()[1]):
        logger.error("Database unavailable: answered 503 for %s %s", request.method, request.path)
        if not _is_api(request):
            return database_down_page()
        response = problem_response(
            request, status_code=503, detail="De database is tijdelijk niet bereikbaar. Probeer het later opnieuw."
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    if _is_api(request):
        return problem_response(request, status_code=500, detail="Er ging iets mis aan onze kant.")
    return defaults.server_error(request)
