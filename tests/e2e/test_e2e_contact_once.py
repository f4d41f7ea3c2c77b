"""End to end in headless Chromium: Opslaan, browser Back, Opslaan again records the contact once."""

import os
import re
import tempfile

import pytest
from django.urls import reverse

from casework.models import Contact
from tests.support.browser import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NOTE = "Huisbezoek: vader vertelde over de nieuwe baan; Sanne liet haar rapport zien."
SCREENSHOT = os.environ.get("E2E_SCREENSHOT_DIR") or tempfile.gettempdir()


def _fill_contact(page):
    page.select_option("#id_kind", "huisbezoek")
    page.fill("#id_note", NOTE)
    page.fill("#id_safety_score", "7")
    page.fill("#id_safety_why", "Geen incidenten sinds vorige week.")
    page.fill("#id_safety_raise", "Vader komt ook naar het gesprek.")
    page.fill("#id_lijn_score", "5")
    page.fill("#id_lijn_why", "Oma is nog niet betrokken.")
    page.fill("#id_lijn_raise", "Oma neemt de woensdag over.")


def test_save_back_save_records_one_contact_and_says_it_was_already_saved(live_server, cast, page):
    family = cast.family
    login(page, live_server, "worker")
    page.goto(live_server.url + reverse("casework:contact_create", kwargs={"family_id": family.pk}))
    first_token = page.input_value("input[name=idempotency_token]")
    _fill_contact(page)
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(rf"/gezinnen/{family.pk}/$"))
    assert page.get_by_text("Het contactmoment is vastgelegd.").is_visible()

    page.go_back()
    page.wait_for_url(re.compile(r"/contact/nieuw/$"))
    if page.input_value("#id_note") != NOTE:  # a browser that does not restore the form: the person types again
        _fill_contact(page)
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(rf"/gezinnen/{family.pk}/$"))

    assert page.get_by_text("Dit was al opgeslagen.").is_visible()
    assert not page.get_by_text("Het contactmoment is vastgelegd.").is_visible()
    assert Contact.objects.filter(family=family, note=NOTE).count() == 1
    assert page.locator("ol.timeline").inner_text().count(NOTE) == 1
    page.screenshot(path=os.path.join(SCREENSHOT, "contact_once.png"), full_page=False)
    assert_accessible(page)

    # Opened again from the family page, the form is a new contact with a token of its own.
    page.get_by_role("link", name="Contact vastleggen").first.click()
    page.wait_for_url(re.compile(r"/contact/nieuw/$"))
    assert page.input_value("input[name=idempotency_token]") != first_token
    assert page.csp_errors == []
