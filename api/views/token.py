"""The token endpoint: OAuth2 client credentials, and nothing else reaches django-oauth-toolkit.

The grant type is checked before the toolkit sees the request. Left to the
toolkit, a password grant would first try the staff member's password (an
oracle for it, and a way to lock staff out through django-axes) before
refusing the grant, and a device-code grant without its code is a server error.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from oauth2_provider.views import TokenView

GRANT_TYPE = "client_credentials"


def _oauth_error(error: str, description: str) -> JsonResponse:
    """An RFC 6749 section 5.2 error: the token endpoint speaks OAuth, not problem+json."""
    response = JsonResponse({"error": error, "error_description": description}, status=400)
    response["Cache-Control"] = "no-store"
    response["Pragma"] = "no-cache"
    return response


class PartnerTokenView(TokenView):
    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        grant_type = request.POST.get("grant_type")
        if not grant_type:
            return _oauth_error("invalid_request", "grant_type ontbreekt; gebruik client_credentials.")
        if grant_type != GRANT_TYPE:
            return _oauth_error("unsupported_grant_type", "Alleen client_credentials wordt ondersteund.")
        return super().post(request, *args, **kwargs)
