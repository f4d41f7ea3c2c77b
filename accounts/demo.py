"""The demo's second factor: one fixed TOTP secret for the demo users, from the local settings only.

`make run` must let a newcomer in without a phone of their own at hand: every demo user gets a
confirmed app device with `DEMO_TOTP_SECRET`, and `make code` (manage.py demo_code) prints the code
it shows now. Both refuse unless DEBUG is on and that setting exists, which only
config/settings/local.py defines: production has no such secret and no way around the second factor.
"""

from base64 import b32decode
from urllib.parse import quote

from django.conf import settings
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User

DEMO_DEVICE_NAME = "Demo-app"


class DemoSecondFactorUnavailable(Exception):
    """Not DEBUG, or no demo secret in these settings."""


def demo_totp_secret() -> str:
    secret = getattr(settings, "DEMO_TOTP_SECRET", "")
    if not settings.DEBUG or not secret:
        raise DemoSecondFactorUnavailable(
            "Alleen voor de demo: DEBUG aan en DEMO_TOTP_SECRET in de instellingen (config.settings.local)."
        )
    return secret


def demo_totp_uri() -> str:
    issuer = quote(settings.OTP_TOTP_ISSUER.replace(":", ""))
    return f"otpauth://totp/{issuer}:demo?secret={demo_totp_secret()}&issuer={issuer}"


def demo_totp_code() -> str:
    key = b32decode(demo_totp_secret())
    return f"{TOTP(key).token():06d}"


def demo_second_factor_ensure(*, usernames: list[str]) -> int:
    """Give each demo user without an app the demo device; how many got one (0 outside the demo)."""
    try:
        key = b32decode(demo_totp_secret()).hex()
    except DemoSecondFactorUnavailable:
        return 0
    added = 0
    with transaction.atomic():
        for user in User.objects.filter(username__in=usernames):
            if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
                TOTPDevice.objects.create(user=user, name=DEMO_DEVICE_NAME, key=key, confirmed=True)
                added += 1
    return added
