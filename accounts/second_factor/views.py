"""The second-factor steps after the password: enrol an app on the first log-in, or type a code.

Every step keeps `next` (the page the person asked for). A wrong code is a failed log-in for
django-axes (Django's `user_login_failed` with the username and the request), so guessing codes
locks out like guessing passwords; a locked-out person is logged out, with axes' lockout page.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout, user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from accounts.lockout import device_trust

from . import services
from .forms import CodeForm, EnrolCodeForm
from .middleware import second_factor_not_required
from .qr import qr_svg_data_uri, secret_grouped
from .selectors import recovery_codes_left, totp_device_confirmed_get

NEW_CODES_SESSION_KEY = "second_factor_new_recovery_codes"


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"


def _credentials(request: HttpRequest) -> dict:
    return {"username": request.user.get_username()}


def _locked_out(request: HttpRequest) -> HttpResponse | None:
    """Too many wrong passwords or codes: log out and show axes' lockout page."""
    credentials = _credentials(request)
    if not AxesProxyHandler.is_locked(request, credentials):
        return None
    logout(request)
    return get_lockout_response(request, credentials=credentials)


def _refused(request: HttpRequest, form: CodeForm, refused: services.CodeRefused) -> None:
    if refused.wait_until is not None:
        # Not checked at all (django-otp's wait after a wrong code): no new failure to count.
        seconds = services.wait_seconds(refused.wait_until)
        form.add_error(
            "otp_token",
            ngettext(
                "U typte net een verkeerde code. Wacht %(n)s seconde en probeer het opnieuw.",
                "U typte net een verkeerde code. Wacht %(n)s seconden en probeer het opnieuw.",
                seconds,
            )
            % {"n": seconds},
        )
        return
    user_login_failed.send(sender=__name__, credentials=_credentials(request), request=request)
    form.add_error(
        "otp_token",
        _(
            "Deze code klopt niet. Typ de code die de app nu toont (die verandert elke 30 seconden), "
            "of een van uw herstelcodes."
        ),
    )


def _verified(request: HttpRequest, device) -> None:
    otp_login(request, device)
    # Only now is this browser one that logged in as this person (the lock-out's device cookie).
    device_trust(request=request, user=request.user)
    # More rights than a moment ago: a new session key, so a key seen before this point is worth nothing.
    request.session.cycle_key()


@second_factor_not_required
@never_cache
def verify(request: HttpRequest) -> HttpResponse:
    """A code from the app, or a recovery code (used once)."""
    next_url = _next_url(request)
    if request.user.is_verified():  # type: ignore[union-attr]
        return redirect(next_url)
    if totp_device_confirmed_get(user=request.user) is None:  # type: ignore[arg-type]
        return redirect(_with_next("second_factor:enrol", next_url))
    if (locked := _locked_out(request)) is not None:
        return locked
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.second_factor_check(user=request.user, code=form.cleaned_data["otp_token"])  # type: ignore[arg-type]
        except services.CodeRefused as refused:
            _refused(request, form, refused)
            if getattr(request, "axes_locked_out", False):
                logout(request)  # AxesMiddleware answers with the lockout page
        else:
            _verified(request, device)
            if isinstance(device, StaticDevice):
                left = recovery_codes_left(user=request.user)  # type: ignore[arg-type]
                messages.warning(
                    request,
                    ngettext(
                        "U hebt een herstelcode gebruikt; die werkt niet nog eens. U hebt er nog %(n)s.",
                        "U hebt een herstelcode gebruikt; die werkt niet nog eens. U hebt er nog %(n)s.",
                        left,
                    )
                    % {"n": left},
                )
            return redirect(next_url)
    return render(request, "accounts/second_factor/verify.html", {"form": form, "next": next_url})


@second_factor_not_required
@never_cache
def enrol(request: HttpRequest) -> HttpResponse:
    """First log-in: scan the QR code (or type the secret) into an app and confirm with its code."""
    next_url = _next_url(request)
    if request.user.is_verified() or totp_device_confirmed_get(user=request.user) is not None:  # type: ignore[union-attr, arg-type]
        return redirect(_with_next("second_factor:verify", next_url))
    if (locked := _locked_out(request)) is not None:
        return locked
    form = EnrolCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.totp_enrolment_confirm(user=request.user, code=form.cleaned_data["otp_token"])  # type: ignore[arg-type]
        except services.CodeRefused as refused:
            _refused(request, form, refused)
            if getattr(request, "axes_locked_out", False):
                logout(request)
        else:
            _verified(request, device)
            request.session[NEW_CODES_SESSION_KEY] = codes
            return redirect(_with_next("second_factor:recovery_codes", next_url))
    enrolment = services.totp_enrolment_start(user=request.user)  # type: ignore[arg-type]
    context = {
        "form": form,
        "next": next_url,
        "qr": qr_svg_data_uri(enrolment.uri),
        "secret": secret_grouped(enrolment.secret),
        "issuer": settings.OTP_TOTP_ISSUER,
    }
    return render(request, "accounts/second_factor/enrol.html", context)


@never_cache
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """The new recovery codes, once: after this page they are only in the person's own hands."""
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    grouped = [f"{code[:4]}-{code[4:]}" for code in codes or []]
    return render(request, "accounts/second_factor/recovery_codes.html", {"codes": grouped, "next": _next_url(request)})


@never_cache
def passkey_register(request: HttpRequest) -> HttpResponse:
    """Add a passkey (after the second factor): the browser asks the phone, laptop or security key."""
    return render(request, "accounts/second_factor/passkey.html", {"next": _next_url(request)})
