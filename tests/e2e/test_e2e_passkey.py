"""End to end in headless Chromium with its virtual authenticator: add a passkey, then log in with it."""

import re

import pytest
from django.urls import reverse

from tests.support.browser import login
from tests.support.second_factor import confirmed_totp_device

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_passkey_is_a_second_factor_after_the_password(live_server, cast, page, settings, tmp_path):
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    confirmed_totp_device(cast.worker)
    login(page, live_server, "worker")  # password and app code
    page.goto(live_server.url + reverse("second_factor:passkey"))
    page.get_by_role("button", name="Passkey toevoegen").click()
    page.wait_for_selector("#passkey-register-status-message:not(:empty)")
    page.screenshot(path=str(tmp_path / "1-passkey-added.png"), full_page=True)
    from django_otp_webauthn.models import WebAuthnCredential

    assert WebAuthnCredential.objects.filter(user=cast.worker, confirmed=True).count() == 1

    # Log out; the password again, and then the passkey instead of the code.
    page.get_by_role("button", name="Uitloggen").first.click()
    page.wait_for_url(re.compile(r"/inloggen/$"))
    page.fill("#id_username", "worker")
    page.fill("#id_password", "geheim-wachtwoord")
    with page.expect_navigation():
        page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/inloggen/tweede-stap/\?next="))
    page.get_by_role("button", name="Passkey gebruiken").click()
    page.wait_for_url(re.compile(r"/gezinnen/$"))
    assert page.get_by_role("heading", name="Mijn gezinnen").is_visible()
    assert page.csp_errors == []
