"""End to end in headless Chromium: the colleague's own browser logs in after an attacker locked her name."""

import pytest
from django.urls import reverse

from tests.support.browser import assert_accessible, submit_login_form

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _submit(page, live_server, username: str, password: str) -> None:
    """The log-in form; after a right password also the second factor (only then is the browser trusted)."""
    page.goto(live_server.url + reverse("login"))
    submit_login_form(page, username, password)


def test_the_attacker_is_locked_out_and_the_colleague_is_not(live_server, cast, chromium, tmp_path):
    own = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    attacker = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    try:
        mine = own.new_page()
        _submit(mine, live_server, "colleague", "geheim-wachtwoord")
        assert "gg_apparaat" in {cookie["name"] for cookie in own.cookies()}
        mine.goto(live_server.url + reverse("login"))
        own.clear_cookies(name="sessionid")

        theirs = attacker.new_page()
        for _ in range(5):
            _submit(theirs, live_server, "colleague", "fout")
        assert theirs.locator("h1").inner_text() == "Tijdelijk geblokkeerd"
        assert "eigen browser" in theirs.locator("main").inner_text()
        theirs.screenshot(path=str(tmp_path / "locked-out.png"), full_page=True)
        assert_accessible(theirs)

        _submit(mine, live_server, "colleague", "geheim-wachtwoord")
        assert "/inloggen/" not in mine.url
    finally:
        own.close()
        attacker.close()
