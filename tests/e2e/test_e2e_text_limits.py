"""In a real Chromium: a long text is counted, not cut, and an over-long one comes back whole with the message."""

import os
import re
import tempfile

import pytest
from django.urls import reverse

from casework.models import Contact
from core import limits
from tests.support.browser import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SCREENSHOT = os.environ.get("E2E_SCREENSHOT_DIR") or tempfile.gettempdir()


def test_the_counter_warns_and_the_server_keeps_an_over_long_paste(live_server, cast, page):
    login(page, live_server, "worker")
    page.goto(live_server.url + reverse("casework:contact_create", kwargs={"family_id": cast.family.pk}))
    note = page.locator("#id_note")
    counter = page.locator("#id_note_teller")
    assert note.get_attribute("maxlength") is None
    assert counter.inner_text() == "0 / 20.000 tekens"

    page.fill("#id_note", "a" * 1234)
    assert counter.inner_text() == "1.234 / 20.000 tekens"
    assert "over" not in (counter.get_attribute("class") or "")

    # A paste far over the maximum: the browser keeps every character, the counter warns.
    pasted = "b" * (limits.NOTE + 1500)
    page.fill("#id_note", pasted)
    assert len(page.input_value("#id_note")) == limits.NOTE + 1500
    assert counter.inner_text() == "21.500 / 20.000 tekens – 1.500 te veel, maak de tekst korter"
    assert "over" in counter.get_attribute("class")
    assert counter.get_attribute("aria-live") == "assertive"
    page.fill("#id_safety_score", "6")
    page.fill("#id_safety_why", "Afspraken nagekomen.")
    page.fill("#id_safety_raise", "Vader doet mee.")
    page.fill("#id_lijn_score", "5")
    page.fill("#id_lijn_why", "Netwerk klein.")
    page.fill("#id_lijn_raise", "Oma betrekken.")
    page.screenshot(path=os.path.join(SCREENSHOT, "text_limit_counter.png"), full_page=False)

    before = Contact.objects.count()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert Contact.objects.count() == before
    error = page.locator(".field:has(#id_note) .errorlist").first
    assert "het maximum is 20.000 tekens" in error.inner_text()
    assert page.input_value("#id_note") == pasted
    assert page.input_value("#id_lijn_raise") == "Oma betrekken."
    page.locator("#id_note").scroll_into_view_if_needed()
    page.screenshot(path=os.path.join(SCREENSHOT, "text_limit_refused.png"), full_page=False)
    assert_accessible(page)

    page.fill("#id_note", "c" * limits.NOTE)
    assert counter.inner_text() == "20.000 / 20.000 tekens"
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(rf"/gezinnen/{cast.family.pk}/$"))
    assert Contact.objects.count() == before + 1
