"""The demo's second factor: one fixed secret for the demo users, in the local settings only."""

import io
import re
from pathlib import Path

import pyotp
import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import demo_second_factor_ensure
from tests.support.factories import UserFactory

pytestmark = pytest.mark.django_db

SETTINGS_DIR = Path(__file__).resolve().parents[2] / "config" / "settings"
SECRET = re.search(r'^DEMO_TOTP_SECRET = "([A-Z2-7]+)"$', (SETTINGS_DIR / "local.py").read_text(), re.M).group(1)


def test_only_the_local_settings_have_a_demo_secret():
    for name in ("base.py", "production.py", "test.py"):
        assert "DEMO_TOTP_SECRET" not in (SETTINGS_DIR / name).read_text(), name


def test_demo_code_refuses_outside_debug_with_the_local_secret(settings):
    settings.DEBUG = False
    settings.DEMO_TOTP_SECRET = SECRET
    with pytest.raises(CommandError, match="Alleen voor de demo"):
        call_command("demo_code", stdout=io.StringIO())
    settings.DEBUG = True
    del settings.DEMO_TOTP_SECRET
    with pytest.raises(CommandError, match="Alleen voor de demo"):
        call_command("demo_code", stdout=io.StringIO())


def test_demo_code_prints_what_an_app_with_the_demo_secret_shows(settings):
    settings.DEBUG = True
    settings.DEMO_TOTP_SECRET = SECRET
    out = io.StringIO()
    call_command("demo_code", "--uri", stdout=out)
    uri, code = out.getvalue().split()
    assert code == pyotp.TOTP(SECRET).now() or pyotp.TOTP(SECRET).verify(code, valid_window=1)
    assert uri.startswith("otpauth://totp/") and f"secret={SECRET}" in uri


def test_demo_users_get_the_demo_device_only_in_the_demo(settings):
    gm = UserFactory(username="gm.noord")
    settings.DEBUG = False
    assert demo_second_factor_ensure(usernames=["gm.noord"]) == 0
    settings.DEBUG = True
    settings.DEMO_TOTP_SECRET = SECRET
    assert demo_second_factor_ensure(usernames=["gm.noord", "unknown"]) == 1
    assert demo_second_factor_ensure(usernames=["gm.noord"]) == 0  # once
    device = TOTPDevice.objects.get(user=gm)
    assert device.confirmed and device.verify_token(pyotp.TOTP(SECRET).now())
