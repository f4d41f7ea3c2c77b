"""Headless Debian Chromium for end-to-end tests, driven by Playwright.

Playwright never downloads a browser here: it starts /usr/bin/chromium. Without
it the browser tests fail with the command that installs it (`make test` installs
it first, scripts/setup_services.sh): a skipped test would prove nothing.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse

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
    """Log in through the real form, as a person would (cookies of an earlier user cleared)."""
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def assert_accessible(page) -> None:
    violations = serious_accessibility_violations(page)
    assert not violations, f"{page.url}: {violations}"
