"""Response headers every page and API answer carries."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def permissions_policy_value(policy: dict[str, list[str]]) -> str:
    """The header's structured-field form: `camera=(), publickey-credentials-get=(self)`."""
    return ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())


class PermissionsPolicyMiddleware:
    """Switch off the browser features the app never uses (PERMISSIONS_POLICY).

    A page that can never ask for the camera, the microphone or the location
    cannot be tricked into it by an injected script or an embedded frame either.
    The value is built once: the policy is a setting, not per request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.value = permissions_policy_value(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.value:
            response.headers.setdefault("Permissions-Policy", self.value)
        return response
