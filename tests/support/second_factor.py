"""The second factor in tests: `force_login` passes it too, and log-ins through the form type a code.

`client.force_login(user)` (some 260 calls) is patched for every test to also give the user a
confirmed TOTP device and mark the session verified exactly as `django_otp.login()` does (the
device's persistent id under `django_otp.DEVICE_ID_SESSION_KEY`), so those tests meet the gate as
a fully logged-in person would. `force_login(user, second_factor=False)` leaves the session at the
password step, for the tests of the gate itself.

Codes are computed with pyotp, independently of django-otp: a wrong implementation cannot agree
with itself here.
"""

import time
from base64 import b32encode

import pyotp
import pytest
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

# RFC 6238's own test secret ("12345678901234567890"), hex as django-otp stores it.
TEST_TOTP_KEY = "3132333435363738393031323334353637383930"
STEP = 30


def confirmed_totp_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator-app", key=TEST_TOTP_KEY, confirmed=True)
    return device


def totp_secret(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode()


def totp_code_for(secret: str, *, after_step: int = -1) -> str:
    """The code an app shows now, or the next step's when this step's code was used already.

    django-otp accepts each time step once per device (and one step early or late); a test that logs
    the same person in twice within 30 seconds types the next step's code, or waits for it.
    """
    now_step = int(time.time()) // STEP
    step = max(now_step, after_step + 1)
    while step > int(time.time()) // STEP + 1:
        time.sleep(1)
    return pyotp.TOTP(secret).at(step * STEP)


def totp_code(user) -> str:
    device = confirmed_totp_device(user)
    device.refresh_from_db()
    return totp_code_for(totp_secret(device), after_step=device.last_t)


def mark_session_verified(client: Client, user) -> None:
    """What django_otp.login() leaves in the session after a right code."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = confirmed_totp_device(user).persistent_id
    session.save()


def pass_second_factor(client: Client, user, *, next_url: str = ""):
    """Type the code on the second-factor page, as a person would after their password."""
    data = {"otp_token": totp_code(user)}
    if next_url:
        data["next"] = next_url
    html = client.get(reverse("second_factor:verify")).content.decode()
    if 'name="csrfmiddlewaretoken" value="' in html:
        data["csrfmiddlewaretoken"] = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    return client.post(reverse("second_factor:verify"), data)


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor():
    # A MonkeyPatch of its own: a test that calls `monkeypatch.undo()` on the shared fixture keeps this one.
    patch = pytest.MonkeyPatch()
    original = Client.force_login

    def force_login(self, user, backend=None, *, second_factor: bool = True):
        original(self, user, backend)
        if second_factor:
            mark_session_verified(self, user)

    patch.setattr(Client, "force_login", force_login)
    yield
    patch.undo()
