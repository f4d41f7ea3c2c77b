"""The gate: a session that passed the password but not the second factor reaches nothing else.

After django-otp's OTPMiddleware (which answers `request.user.is_verified()`) and after
LoginRequiredMiddleware. Such a session may open only the views marked
`second_factor_not_required` (the second-factor steps, log-out, "ingelogd blijven"); every other
page, the admin included, sends it to the second-factor step with the page it asked for as `next`.
Static files never get here (WhiteNoise, and runserver's handler, answer before the middleware).

The partner API is marked too: it authenticates bearer tokens only and never reads the session, so
a session without the second factor gets the API's own 401 there, like anyone without a token.
"""

from collections.abc import Callable

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.http import urlencode

SECOND_FACTOR_URL = "second_factor:verify"


def second_factor_not_required(view: Callable) -> Callable:
    """Mark a view that a session without the second factor may open (the steps to it, log-out)."""
    view.second_factor_required = False  # type: ignore[attr-defined]
    return view


def second_factor_redirect(next_url: str) -> str:
    return f"{resolve_url(SECOND_FACTOR_URL)}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or user.is_verified():  # type: ignore[attr-defined]
            return None
        if not getattr(view_func, "second_factor_required", True):
            return None
        return HttpResponseRedirect(second_factor_redirect(request.get_full_path()))
