"""Writes for the second factor: enrol an authenticator app, check a code, make recovery codes.

A person has at most one confirmed TOTP device (the app) and one static device (the recovery codes,
each used once: django-otp deletes a used one). Every check runs in a transaction on the device row
locked for update, so two tries of one code at once cannot both pass, and django-otp's throttling
(1, 2, 4 ... seconds after each wrong code, until a right one) holds per device whatever the
password step did.
"""

import datetime as dt
import re
from base64 import b32encode
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.models import Device, VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.notices import security_notice_send
from accounts.second_factor.models import SecondFactorReset

RESET_NOTICE = "accounts/second_factor/reset_email.txt"

APP_DEVICE_NAME = "Authenticator-app"
RECOVERY_DEVICE_NAME = "Herstelcodes"
_TOTP_CODE = re.compile(r"^\d{6}$")


class CodeRefused(Exception):
    """The code was wrong (or not checked: `wait_until` says when the next try is checked)."""

    def __init__(self, *, wait_until: dt.datetime | None = None) -> None:
        super().__init__("code refused")
        self.wait_until = wait_until


@dataclass(frozen=True)
class Enrolment:
    device: TOTPDevice
    secret: str  # base32, as the app wants it typed
    uri: str  # otpauth://, what the QR code holds


def code_normalise(code: str) -> str:
    """What people type: spaces and dashes between groups, capitals from the printed recovery codes."""
    return re.sub(r"[\s-]", "", code or "").lower()


def totp_secret(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode()


def totp_enrolment_start(*, user: User) -> Enrolment:
    """The unconfirmed app device of this enrolment: the same secret on every reload of the page."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return Enrolment(device=device, secret=totp_secret(device), uri=device.config_url)


def _refuse_if_throttled(device: Device) -> None:
    allowed, data = device.verify_is_allowed()
    if not allowed and data and data.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS:
        raise CodeRefused(wait_until=data.get("locked_until"))


def totp_enrolment_confirm(*, user: User, code: str) -> tuple[TOTPDevice, list[str]]:
    """The first right code from the app confirms it; returns the device and new recovery codes.

    Raises CodeRefused on a wrong code. Other unconfirmed devices of the person go.
    """
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("-pk").first()
        if device is None:
            raise CodeRefused()
        _refuse_if_throttled(device)
        # A wrong code leaves the transaction normally: its throttling count must be committed, not rolled back.
        accepted = device.verify_token(code_normalise(code))
        if accepted:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            codes = recovery_codes_replace(user=user)
    if not accepted:
        raise CodeRefused()
    return device, codes


def recovery_codes_replace(*, user: User) -> list[str]:
    """Ten new recovery codes; the old ones stop working. Shown once, so only returned here."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(settings.SECOND_FACTOR_RECOVERY_CODES)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def second_factor_check(*, user: User, code: str) -> Device:
    """The device that accepts this code: six digits for the app, anything else a recovery code.

    Only the one device the code's form points at is tried, so a mistyped app code never
    throttles the recovery codes (and the other way round). A used recovery code is gone.
    Raises CodeRefused.
    """
    code = code_normalise(code)
    model: type[Device] = TOTPDevice if _TOTP_CODE.match(code) else StaticDevice
    with transaction.atomic():
        device = model.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk").first()
        if device is None or not code:
            raise CodeRefused()
        _refuse_if_throttled(device)
        # A wrong code leaves the transaction normally: its throttling count must be committed, not rolled back.
        accepted = device.verify_token(code)
    if not accepted:
        raise CodeRefused()
    return device


def second_factor_devices_delete(*, user: User) -> int:
    """Every device of the person (app, unconfirmed ones, recovery codes, passkeys); the count removed."""
    from django_otp_webauthn.models import WebAuthnCredential

    from .models import IdentityProviderDevice

    removed = 0
    for model in (TOTPDevice, StaticDevice, IdentityProviderDevice, WebAuthnCredential):
        devices = model.objects.filter(user=user)
        removed += devices.count()
        devices.delete()  # a static device takes its recovery codes with it
    return removed


def wait_seconds(wait_until: dt.datetime | None) -> int:
    if wait_until is None:
        return 0
    return max(1, int((wait_until - timezone.now()).total_seconds() + 0.999))


def second_factor_reset(*, user: User, by: User) -> SecondFactorReset:
    """Remove a person's second factor (app, recovery codes, passkeys) so they enrol again at their next log-in.

    For someone who lost their phone and their recovery codes. Called only by an approved four-eyes
    grant (accounts.grants, kind "second_factor_reset"): this function checks nothing about `by`.
    Atomic, with the person's row locked so two resets (or a reset during an enrolment) happen one
    after the other; the append-only record keeps who did it. Sessions that already passed the
    second factor lose it at their next request (OTPMiddleware finds no device).
    """
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        removed = second_factor_devices_delete(user=user)
        security_notice_send(user=user, subject=_("De tweede stap van uw account is verwijderd"), template=RESET_NOTICE)
        return SecondFactorReset.objects.create(user=user, by=by, devices_removed=removed)
