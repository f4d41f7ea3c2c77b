"""Response headers every page and API answer carries, and the demo's friendly 404."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


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


class FriendlyNotFoundMiddleware:
    """Under `make run` (DEBUG) a page that is not there shows our Dutch 404 page, not Django's English debug
    page listing every URL pattern: a demo user who mistypes an address should see what a real user sees.

    Local settings only. Django's debug 404 is recognised by its title; /api/ keeps its own answers.
    """

    DEBUG_TITLE = b"<title>Page not found at"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 404
            and not request.path.startswith("/api/")
            and not getattr(response, "streaming", False)
            and self.DEBUG_TITLE in response.content
        ):
            return render(request, "404.html", status=404)
        return response
