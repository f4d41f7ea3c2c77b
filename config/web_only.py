"""Middleware of the web pages that steps aside for the partner API (`/api/`).

The API reads no session and no cookie (bearer tokens only, `api.bearer`),
renders no template and sends no form, so sessions, messages, the
log-in and second-factor gates, the kept-post and device cookies and the
language negotiation did nothing for it but cost about a tenth of a list
call's CPU. Each class here *is* the middleware it names (a subclass, so
Django's own checks still find it) and, for a path under `API_PREFIX`,
hands the request straight on and leaves the response alone.

What the API keeps is everything not listed here: the security headers
(SecurityMiddleware, X-Frame-Options, CSP, Permissions-Policy, no-store),
CSRF (Django's deploy check looks for it by name; DRF's views are exempt anyway),
the host check (CommonMiddleware), the client address for the access log,
the replica flag reset and django-axes. Every view under `/api/` is open
without a log-in and without the second factor anyway (`api.headers.api_endpoint`,
`api_not_found`), so skipping those gates loosens nothing; the language
is Dutch only (`LANGUAGES`), so the API activates it itself.
"""

from django.conf import settings
from django.contrib.auth.middleware import AuthenticationMiddleware as _Authentication
from django.contrib.auth.middleware import LoginRequiredMiddleware as _LoginRequired
from django.contrib.messages.middleware import MessageMiddleware as _Messages
from django.contrib.sessions.middleware import SessionMiddleware as _Sessions
from django.middleware.locale import LocaleMiddleware as _Locale
from django.utils import translation
from django_otp.middleware import OTPMiddleware as _OTP
from whitenoise.middleware import WhiteNoiseMiddleware as _WhiteNoise  # type: ignore[import-untyped]

from accounts.lockout import DeviceCookieMiddleware as _DeviceCookie
from accounts.second_factor.middleware import SecondFactorRequiredMiddleware as _SecondFactor
from casework.drafts.recovery import KeepExpiredPostMiddleware as _KeepExpiredPost

API_PREFIX = "/api/"
_HOOKS = ("process_view", "process_exception", "process_template_response")


def is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def _web_only(base: type) -> type:
    """`base` for the web pages; for the API it does nothing, not even its hooks (only those `base` has)."""

    def __call__(self, request):
        if is_api(request):
            return self.get_response(request)
        return base.__call__(self, request)

    def hook(name: str):
        inner = getattr(base, name)
        passed = 1 if name == "process_template_response" else 0  # that hook hands its response back

        def skipping(self, request, *args):
            if is_api(request):
                return args[0] if passed else None
            return inner(self, request, *args)

        skipping.__name__ = name
        return skipping

    doc = f"{base.__doc__ or ''}\n\nSkipped for the API (config.web_only)."
    namespace = {"__call__": __call__, "__module__": __name__, "__doc__": doc}
    namespace |= {name: hook(name) for name in _HOOKS if hasattr(base, name)}
    return type(base.__name__, (base,), namespace)


class LocaleMiddleware(_Locale):
    """As Django's; the API gets the one language (Dutch, `LANGUAGE_CODE`), without negotiating it."""

    def __call__(self, request):
        if is_api(request):
            translation.activate(settings.LANGUAGE_CODE)
            return self.get_response(request)
        return super().__call__(request)


WhiteNoiseMiddleware = _web_only(_WhiteNoise)
SessionMiddleware = _web_only(_Sessions)
AuthenticationMiddleware = _web_only(_Authentication)
OTPMiddleware = _web_only(_OTP)
KeepExpiredPostMiddleware = _web_only(_KeepExpiredPost)
LoginRequiredMiddleware = _web_only(_LoginRequired)
SecondFactorRequiredMiddleware = _web_only(_SecondFactor)
MessageMiddleware = _web_only(_Messages)
DeviceCookieMiddleware = _web_only(_DeviceCookie)
