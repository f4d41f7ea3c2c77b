"""Log-in lock-out that protects without harming: device cookies (OWASP) on top of django-axes.

The review found three harms in "5 failures per user name and address": anyone in the office could lock a
colleague out by typing their name wrongly five times (same address), spraying one password over many
user names was never slowed down, and the partner token endpoint had no limit at all (api.token_guard).

The design, after OWASP's "Slow down online guessing attacks with device cookies":

- **Device cookie.** After a successful log-in the browser gets a signed, long-lived cookie
  (LOCKOUT_DEVICE_COOKIE_NAME, LOCKOUT_DEVICE_COOKIE_DAYS) that names the user and a random device id.
  It proves nothing by itself (the password is still needed); it only says "this browser logged in as
  this user before".
- **Two kinds of counter per user.** axes keeps counting failures, but under a key this module gives it
  (AXES_USERNAME_CALLABLE, AXES_LOCKOUT_PARAMETERS): a browser with a valid device cookie *for the user
  name typed* counts under "<user name>|apparaat:<device id>", on its own and from any address; every
  other browser counts under the bare user name and the address. So an attacker's five wrong passwords
  lock out untrusted browsers for that user at that address, and the colleague's own browser, with its
  own counter at zero, logs in as usual. A trusted browser that fails five times locks only itself.
- **Spraying.** Failures from untrusted browsers for LOCKOUT_SPRAY_USERNAMES or more different user names
  from one address within LOCKOUT_SPRAY_WINDOW_MINUTES block untrusted log-ins from that address for a
  delay that doubles with every further user name (LOCKOUT_SPRAY_BASE_SECONDS, at most
  LOCKOUT_SPRAY_MAX_SECONDS), counted from the latest failure; the page says so in Dutch with
  Retry-After. Browsers with a device cookie are not slowed down.
- **Every failure counts.** Counting is axes's ``user_login_failed`` receiver, so a wrong password and a
  wrong second-factor code (sent as ``user_login_failed`` with ``credentials={"username": ...}`` and the
  ``request``) count the same, under the same key.
- **Reset.** A successful log-in resets that browser's counter only (AXES_RESET_ON_SUCCESS with our key:
  the colleague's success does not unlock the attacker); every counter also ends AXES_COOLOFF_TIME after
  its last failure, and the spraying block when its delay has passed.

The counts live in axes's database tables, so every gunicorn worker sees the same ones. The log-in view
itself is untouched: ``LockoutBackend`` replaces axes's backend in AUTHENTICATION_BACKENDS,
``DeviceCookieMiddleware`` sets the cookie once ``device_trust`` is called (after the second factor), and
``lockout_response`` is AXES_LOCKOUT_CALLABLE. A later step (the second factor) asks ``login_wait_seconds``
before it checks a code, sends ``user_login_failed`` for a wrong one, and calls ``device_trust`` when it
passes (so the device cookie is given after the whole log-in, never for the password alone).
"""

import math
import secrets
from datetime import timedelta
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address, get_cool_off
from axes.models import AccessAttempt, AccessBase
from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

DEVICE_MARK = "|apparaat:"
_SALT = "accounts.lockout.device"


def _typed_username(request: HttpRequest | None, credentials: dict | None) -> str | None:
    if credentials and credentials.get("username") is not None:
        return str(credentials["username"])
    if request is not None:
        value = getattr(request, "POST", {}).get("username")
        return str(value) if value is not None else None
    return None


def device_cookie_value(*, username: str, device: str | None = None) -> str:
    return signing.dumps({"u": username, "d": device or secrets.token_urlsafe(12)}, salt=_SALT, compress=True)


def trusted_device(request: HttpRequest | None, username: str | None) -> str | None:
    """The device id of this browser's valid device cookie for ``username``, or None (an untrusted browser)."""
    if request is None or not username:
        return None
    raw = getattr(request, "COOKIES", {}).get(settings.LOCKOUT_DEVICE_COOKIE_NAME)
    if not raw:
        return None
    try:
        data = signing.loads(raw, salt=_SALT, max_age=timedelta(days=settings.LOCKOUT_DEVICE_COOKIE_DAYS))
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("u") != username or not isinstance(data.get("d"), str):
        return None
    return data["d"]


def lockout_username(request: HttpRequest | None, credentials: dict | None = None) -> str | None:
    """AXES_USERNAME_CALLABLE: the key axes counts under (the user name, or it and this browser's device)."""
    username = _typed_username(request, credentials)
    device = trusted_device(request, username)
    return f"{username}{DEVICE_MARK}{device}" if username is not None and device else username


def lockout_parameters(request_or_attempt: HttpRequest | AccessBase, credentials: dict | None = None) -> list:
    """AXES_LOCKOUT_PARAMETERS: a trusted browser's counter is its own, anywhere; others per name and address."""
    if isinstance(request_or_attempt, AccessBase):
        key = request_or_attempt.username
    else:
        key = lockout_username(request_or_attempt, credentials)
    return ["username"] if key and DEVICE_MARK in key else [["username", "ip_address"]]


def spray_wait_seconds(*, ip_address: str | None, now: Any = None) -> int:
    """Seconds untrusted browsers at this address must wait: 0 unless many user names failed from it lately."""
    if not ip_address:
        return 0
    now = now or timezone.now()
    recent = AccessAttempt.objects.filter(
        ip_address=ip_address, attempt_time__gte=now - timedelta(minutes=settings.LOCKOUT_SPRAY_WINDOW_MINUTES)
    ).exclude(username__contains=DEVICE_MARK)
    names = recent.values("username").distinct().count()
    if names < settings.LOCKOUT_SPRAY_USERNAMES:
        return 0
    extra = names - settings.LOCKOUT_SPRAY_USERNAMES
    delay = min(settings.LOCKOUT_SPRAY_MAX_SECONDS, settings.LOCKOUT_SPRAY_BASE_SECONDS * 2**extra)
    latest = recent.order_by("-attempt_time").values_list("attempt_time", flat=True).first()
    if latest is None:
        return 0
    return max(0, math.ceil((latest + timedelta(seconds=delay) - now).total_seconds()))


def login_wait_seconds(request: HttpRequest, *, username: str) -> int:
    """For a log-in step after the password (the second factor): how long this browser must wait for this user.

    0 when it may go on. The same rules as the password step: the spraying block for untrusted browsers,
    then axes's lock-out under this browser's key. A wrong code is reported with ``user_login_failed``.
    """
    if trusted_device(request, username) is None:
        wait = spray_wait_seconds(ip_address=get_client_ip_address(request))
        if wait:
            return wait
    if AxesProxyHandler.is_locked(request, {"username": username}):
        cool_off = get_cool_off(request) or timedelta(minutes=15)
        return int(cool_off.total_seconds())
    return 0


class LockoutBackend(AxesStandaloneBackend):
    """axes's backend, first refusing untrusted browsers at an address that is spraying user names.

    A refused try is not counted (axes skips requests it already marked locked out), so waiting ends it.
    """

    def authenticate(self, request: HttpRequest, username: str | None = None, password: str | None = None, **kwargs):
        if (
            getattr(settings, "AXES_ENABLED", True)
            and request is not None
            and trusted_device(request, username) is None
        ):
            wait = spray_wait_seconds(ip_address=get_client_ip_address(request))
            if wait:
                request.axes_locked_out = True  # type: ignore[attr-defined]
                request.lockout_reason = "address"  # type: ignore[attr-defined]
                request.lockout_retry_after = wait  # type: ignore[attr-defined]
                raise AxesBackendPermissionDenied("many user names failed from this address")
        return super().authenticate(request, username, password, **kwargs)


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None):
    """AXES_LOCKOUT_CALLABLE: the Dutch lock-out page, 429 with Retry-After."""
    by_address = getattr(request, "lockout_reason", "") == "address"
    if by_address:
        seconds = int(getattr(request, "lockout_retry_after", 60))
    else:
        cool_off = get_cool_off(request) or timedelta(minutes=15)
        seconds = int(cool_off.total_seconds())
    trusted = DEVICE_MARK in (lockout_username(request, credentials) or "")
    response = render(
        request,
        "accounts/locked_out.html",
        {"by_address": by_address, "trusted": trusted, "minutes": max(1, math.ceil(seconds / 60))},
        status=429,
    )
    response["Retry-After"] = str(max(1, seconds))
    return response


def device_trust(*, request: HttpRequest, user: Any) -> None:
    """The whole log-in passed (password and second factor): DeviceCookieMiddleware gives this browser the cookie.

    Not on Django's user_logged_in: that fires after the password alone, and a browser that knows only the
    password must not become a trusted one (it would get its own counter and skip the spraying brake).
    """
    username = user.get_username()
    request.lockout_trust_device = (username, trusted_device(request, username))  # type: ignore[attr-defined]


class DeviceCookieMiddleware:
    """Sets the device cookie on the response to a successful log-in (the signal has no response)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        trust = getattr(request, "lockout_trust_device", None)
        if trust is not None:
            username, device = trust
            response.set_cookie(
                settings.LOCKOUT_DEVICE_COOKIE_NAME,
                device_cookie_value(username=username, device=device),
                max_age=settings.LOCKOUT_DEVICE_COOKIE_DAYS * 86400,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
