"""End to end in headless Chromium: the first log-in enrols an app, later ones ask its code."""

import re

import pyotp
import pytest
from django.urls import reverse

from accounts.second_factor.services import recovery_codes_replace
from tests.support.browser import assert_accessible, login
from tests.support.second_factor import confirmed_totp_device, totp_code_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _password(page, live_server, username, next_path=""):
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("login") + (f"?next={next_path}" if next_path else ""))
    page.fill("#id_username", username)
    page.fill("#id_password", "geheim-wachtwoord")
    with page.expect_navigation():
        page.click("button[type=submit]")
    page.wait_for_load_state()


def test_first_log_in_enrols_the_app_and_shows_the_recovery_codes(live_server, cast, page, tmp_path):
    family_path = reverse("casework:family_detail", kwargs={"family_id": cast.family.pk})
    _password(page, live_server, "worker", family_path)
    page.wait_for_url(re.compile(r"/inloggen/tweede-stap/instellen/\?next="))
    assert page.get_by_role("heading", name="Tweede stap instellen").is_visible()
    assert page.locator("img.qr-code").evaluate("img => img.complete && img.naturalWidth > 100")
    assert page.get_by_role("link", name="Mijn gezinnen").count() == 0  # no menu before the second step
    page.screenshot(path=str(tmp_path / "1-enrol.png"), full_page=True)
    assert_accessible(page)

    # "Scanning": the app gets the secret shown under the QR code.
    secret = page.locator("#totp-secret code").inner_text().replace(" ", "")
    page.fill("#id_otp_token", pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(re.compile(r"/herstelcodes/"))
    codes = page.locator("ol.recovery-codes li").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{4}-[a-z2-7]{4}", c) for c in codes)
    assert page.get_by_text("U ziet deze codes maar één keer.").is_visible()
    assert page.get_by_role("button", name="Afdrukken").is_visible()  # print.js showed it
    page.screenshot(path=str(tmp_path / "2-recovery-codes.png"), full_page=True)
    assert_accessible(page)
    page.get_by_role("link", name="Ik heb ze bewaard, verder").click()
    page.wait_for_url(re.compile(rf"{family_path}$"))
    assert page.get_by_role("heading", name=cast.family.name).is_visible()
    assert page.csp_errors == []


def test_a_second_log_in_asks_the_code_from_the_app(live_server, cast, page, tmp_path):
    confirmed_totp_device(cast.worker)
    _password(page, live_server, "worker")
    page.wait_for_url(re.compile(r"/inloggen/tweede-stap/\?next="))
    page.screenshot(path=str(tmp_path / "3-code.png"), full_page=True)
    assert_accessible(page)
    login(page, live_server, "worker")  # the helper types the pyotp code
    assert page.url.endswith("/gezinnen/"), page.url
    assert page.get_by_role("heading", name="Mijn gezinnen").is_visible()
    assert page.get_by_role("link", name="Wachtwoord wijzigen").is_visible()
    assert page.csp_errors == []


def test_a_recovery_code_instead_of_the_app(live_server, cast, page):
    confirmed_totp_device(cast.worker)
    codes = recovery_codes_replace(user=cast.worker)
    _password(page, live_server, "worker")
    page.fill("#id_otp_token", f"{codes[0][:4]}-{codes[0][4:]}")
    page.get_by_role("button", name="Doorgaan").click()
    page.wait_for_url(re.compile(r"/gezinnen/$"))
    assert page.get_by_text("U hebt een herstelcode gebruikt").is_visible()
    assert page.get_by_text("U hebt er nog 9.").is_visible()


def test_a_wrong_code_is_refused_in_dutch(live_server, cast, page, tmp_path):
    device = confirmed_totp_device(cast.worker)
    _password(page, live_server, "worker")
    wrong = totp_code_for(pyotp.random_base32())
    page.fill("#id_otp_token", wrong)
    page.get_by_role("button", name="Doorgaan").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").get_by_text("Deze code klopt niet").is_visible()
    assert "/inloggen/tweede-stap/" in page.url
    page.screenshot(path=str(tmp_path / "4-wrong-code.png"), full_page=True)
    assert_accessible(page)
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    assert page.csp_errors == []
