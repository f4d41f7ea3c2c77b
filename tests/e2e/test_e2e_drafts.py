"""End to end in headless Chromium: nothing typed is lost when the session ends mid-note."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from casework.models import Contact, Draft
from tests.support.browser import assert_accessible, login, submit_login_form

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FIRST = "Huisbezoek: moeder en Sanne aan tafel, de afspraak met school is nagekomen."
MORE = " Vader belde halverwege en wil meedoen aan het netwerkberaad."


def _log_in_again(page, username="worker"):
    """The log-in form as it comes after expiry: the cookies of this browser stay (they hold the kept post)."""
    submit_login_form(page, username)


def test_a_note_survives_losing_the_session(live_server, cast, page, tmp_path):
    url = live_server.url + reverse("casework:contact_create", kwargs={"family_id": cast.family.pk})
    login(page, live_server, "worker")
    page.goto(url)
    page.fill("#id_note", FIRST)
    page.locator("#id_safety_why").focus()  # leaving the field saves the draft
    page.wait_for_selector("text=Concept opgeslagen om")
    assert Draft.objects.get(author=cast.worker).data["note"] == [FIRST]

    # The session ends (idle too long, or flushed on the server) while the worker types on and saves.
    Session.objects.all().delete()
    page.fill("#id_note", FIRST + MORE)
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/inloggen/\?next="))
    assert page.get_by_text("Uw sessie was verlopen").is_visible()
    page.screenshot(path=str(tmp_path / "1-login-after-expiry.png"), full_page=True)
    assert_accessible(page)

    _log_in_again(page)
    page.wait_for_url(re.compile(r"/contact/nieuw/$"))
    assert page.input_value("#id_note") == FIRST + MORE  # what was posted, not only the last autosave
    notice = page.locator(".draft-notice")
    assert re.search(r"Concept van \d\d:\d\d hersteld\.", notice.inner_text())
    assert page.get_by_role("button", name="Concept weggooien").is_visible()
    page.screenshot(path=str(tmp_path / "2-draft-restored.png"), full_page=True)
    assert_accessible(page)
    assert not Contact.objects.filter(note__startswith=FIRST).exists()
    assert page.csp_errors == []


def test_another_user_on_the_same_browser_gets_nothing(live_server, cast, page):
    url = live_server.url + reverse("casework:contact_create", kwargs={"family_id": cast.family.pk})
    login(page, live_server, "worker")
    page.goto(url)
    page.fill("#id_note", FIRST)
    Session.objects.all().delete()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/inloggen/"))
    _log_in_again(page, "colleague")
    assert FIRST not in page.content()
    page.goto(live_server.url + reverse("kwesties:raise"))
    assert FIRST not in page.content()
    assert page.csp_errors == []


def test_the_page_warns_before_the_idle_timeout_and_can_stay_logged_in(live_server, cast, page, settings, tmp_path):
    # Ten minutes of idle time and a warning ten minutes ahead: the warning shows at once.
    settings.SESSION_COOKIE_AGE = 600
    settings.SESSION_WARNING_MINUTES = 10
    login(page, live_server, "worker")
    page.goto(live_server.url + reverse("casework:contact_create", kwargs={"family_id": cast.family.pk}))
    dialog = page.get_by_role("alertdialog", name="U wordt bijna uitgelogd")
    dialog.wait_for()
    stay = page.get_by_role("button", name="Ingelogd blijven")
    assert page.evaluate("document.activeElement.hasAttribute('data-session-stay')")
    assert "over 10 minuten" in dialog.inner_text() or "over 9 minuten" in dialog.inner_text()
    page.screenshot(path=str(tmp_path / "3-expiry-warning.png"), full_page=False)
    assert_accessible(page)
    with page.expect_response(re.compile(r"/sessie/verlengen/$")) as renewed:
        stay.click()
    assert renewed.value.status == 200
    assert page.locator("#session-warning").is_hidden()
    # The session really ended on the server: the banner says so and offers to log in again.
    Session.objects.all().delete()
    page.evaluate("document.dispatchEvent(new CustomEvent('gg:session-expired'))")
    assert page.get_by_role("link", name="Opnieuw inloggen").is_visible()
    page.screenshot(path=str(tmp_path / "4-expired.png"), full_page=False)
    assert page.csp_errors == []
