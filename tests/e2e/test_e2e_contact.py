"""End to end in a real headless Chromium: a gezinsmanager records a contact."""

import re

import pytest
from django.urls import reverse

from tests.support.browser import assert_accessible, submit_login_form

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NOTE = "Huisbezoek: moeder en Sanne aan tafel, de afspraak met school is nagekomen."


def _fill_contact(page, safety: str):
    page.select_option("#id_kind", "huisbezoek")
    page.get_by_label("Sanne").check()
    page.fill("#id_note", NOTE)
    page.fill("#id_safety_score", safety)
    page.fill("#id_safety_why", "Geen incidenten sinds vorige week.")
    page.fill("#id_safety_raise", "Vader komt ook naar het gesprek.")
    page.fill("#id_lijn_score", "5")
    page.fill("#id_lijn_why", "Oma is nog niet betrokken.")
    page.fill("#id_lijn_raise", "Oma neemt de woensdag over.")


def test_gezinsmanager_records_a_contact_and_sees_it(live_server, cast, page):
    family = cast.family
    page.goto(live_server.url + reverse("login"))
    assert_accessible(page)
    submit_login_form(page, "worker")

    page.wait_for_url(re.compile(r"/gezinnen/$"))
    assert page.get_by_role("heading", name="Mijn gezinnen").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name=family.name, exact=True).click()
    page.wait_for_url(re.compile(rf"/gezinnen/{family.pk}/$"))
    assert_accessible(page)

    page.get_by_role("link", name="Contact vastleggen").first.click()
    page.wait_for_url(re.compile(r"/contact/nieuw/$"))
    assert_accessible(page)

    # A score of 11 is refused next to the field, and the typed note stays.
    _fill_contact(page, safety="11")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    field_error = page.locator("#id_safety_score_error, .field:has(#id_safety_score) .errorlist").first
    assert "0 tot en met 10" in field_error.inner_text()
    assert page.input_value("#id_note") == NOTE
    assert page.input_value("#id_safety_score") == "11"
    assert page.locator("#id_safety_score").get_attribute("aria-invalid") == "true"
    assert_accessible(page)

    page.fill("#id_safety_score", "7")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(rf"/gezinnen/{family.pk}/$"))
    assert page.get_by_text("Het contactmoment is vastgelegd.").is_visible()

    timeline = page.locator("ol.timeline")
    assert NOTE in timeline.inner_text()
    assert "Oma neemt de woensdag over." in timeline.inner_text()
    chart = page.locator("svg.score-chart")
    assert chart.is_visible()
    titles = chart.locator("circle.safety title").all_text_contents()
    assert any(t.endswith("veiligheid 7") for t in titles), titles
    assert_accessible(page)

    # The pages stay usable at tablet width: no sideways scrolling.
    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(live_server.url + reverse("casework:contact_create", kwargs={"family_id": family.pk}))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    assert page.csp_errors == []
