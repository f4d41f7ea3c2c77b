"""Reads about a person's second factor: which devices they have."""

from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User


def totp_device_confirmed_get(*, user: User) -> TOTPDevice | None:
    """The authenticator app a person confirmed (one per person), or None: then they enrol first."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def recovery_codes_left(*, user: User) -> int:
    """How many unused recovery codes a person still has."""
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return device.token_set.count() if device is not None else 0
