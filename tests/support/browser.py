"""Headless Debian Chromium for end-to-end tests, driven by Playwright.

Playwright never downloads a browser here: it starts /usr/bin/chromium. Without
it the browser tests fail with the command that installs it (`make test` installs
it first, scripts/setup_services.sh): a skipped test would prove nothing.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from accounts.models import User
from tests.support.second_factor import confirmed_totp_device, totp_code

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium chromium-driver")
    # Playwright's sync API runs an event loop in this thread; the Django ORM
    # calls in the tests themselves are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.csp_errors = []
    page.on(
        "console",
        lambda msg: page.csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    yield page
    context.close()


def serious_accessibility_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def login(page, live_server, username: str, password: str = "geheim-wachtwoord") -> None:
    """Log in through the real form, as a person would (cookies of an earlier user cleared): the
    password, then the code their authenticator app shows (computed with pyotp)."""
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("login"))
    submit_login_form(page, username, password)


def submit_login_form(page, username: str, password: str = "geheim-wachtwoord") -> None:
    """Fill in the log-in form on the current page, then the second-factor code as the app shows it."""
    user = User.objects.filter(username=username).first()
    if user is not None:
        confirmed_totp_device(user)  # an app already set up: the code page, not the enrolment
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():  # the next page, not the log-in page still standing
        page.click("button[type=submit]")
    page.wait_for_load_state()
    if user is not None:
        enter_second_factor(page, user)


def enter_second_factor(page, user) -> None:
    """On the code page (after a right password): type the app's current code and continue."""
    if reverse("second_factor:verify") not in page.url:
        return  # the password was refused (or locked out): no code page to fill in
    page.fill("#id_otp_token", totp_code(user))
    with page.expect_navigation():
        page.click("form:has(#id_otp_token) button[type=submit]")
    page.wait_for_load_state()


def assert_accessible(page) -> None:
    violations = serious_accessibility_violations(page)
    assert not violations, f"{page.url}: {violations}"
