"""End to end in headless Chromium: a phase change from a page whose phase moved on is refused, text kept."""

import os
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from casework import services
from casework.models import Family
from tests.support.browser import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_closing_from_a_stale_phase_page_is_refused_naming_who(live_server, cast, page, tmp_path):
    login(page, live_server, "teamleider")
    page.goto(live_server.url + reverse("casework:phase_change", kwargs={"family_id": cast.family.pk}))
    # Meanwhile the gezinsmanager moves the family on, from another page.
    services.family_change_phase(actor=cast.worker, family=cast.family, to_phase="generaliseren")
    page.select_option("#id_to_phase", "afgesloten")
    page.fill("#id_note", "Doelen bereikt, netwerk draagt")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_selector(".error-summary")
    text = page.locator(".error-summary").inner_text()
    assert re.search(
        rf"{cast.worker} heeft dit intussen gewijzigd \(om \d\d:\d\d\)\. Uw wijziging is niet doorgevoerd", text
    )
    assert page.input_value("#id_note") == "Doelen bereikt, netwerk draagt"
    folder = Path(os.environ.get("E2E_SHOTS", str(tmp_path)))
    page.screenshot(path=str(folder / "stale-phase-refused.png"), full_page=True)
    assert_accessible(page)
    assert Family.objects.get(pk=cast.family.pk).phase == "generaliseren"
    page.get_by_role("button", name="Opslaan").click()  # after a second look: the page now starts from "generaliseren"
    page.wait_for_url(re.compile(r"/gezinnen/\d+/$"))
    family = Family.objects.get(pk=cast.family.pk)
    assert family.phase == "afgesloten" and family.closed_on == timezone.localdate()
    assert page.csp_errors == []
