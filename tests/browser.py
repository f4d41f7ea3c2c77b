"""Headless Debian Chromium for end-to-end tests, driven by Playwright.

Playwright never downloads a browser here: it starts /usr/bin/chromium. Without
it the tests skip on a developer's machine but fail in CI, where .ci/run
installs it.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium chromium-driver"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
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
