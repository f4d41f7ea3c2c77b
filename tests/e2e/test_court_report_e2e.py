"""End to end in headless Chromium: from the "verzoek verlenging" signal to a drafted court report, edited,
approved by the gedragswetenschapper and the teamleider, exported as PDF and Word, and its sending recorded."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document as WordDocument

from casework.court.models import CourtRequest, RequestStatus
from courtreports.models import CourtReport, ReportStatus
from tests.support.browser import assert_accessible, login
from tests.support.court_support import ots
from tests.support.courtreports_support import team_approvers
from tests.support.documents_support import ensure_retention_classes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHILD_WORDS = "Sanne: 'Ik wil bij mama blijven, maar het moet wel rustig zijn thuis.'"


def test_from_the_extension_signal_to_an_approved_exported_report(live_server, cast, page, tmp_path):
    ensure_retention_classes()
    gw, _teamleider = team_approvers(cast)
    today = timezone.localdate()
    ots(actor=cast.worker, family=cast.family, start=today - dt.timedelta(days=300), end=today + dt.timedelta(days=30))
    family = cast.family

    login(page, live_server, "worker")
    page.goto(live_server.url + reverse("casework:family_detail", kwargs={"family_id": family.pk}))
    signal = page.locator(".notice", has_text="verzoek verlenging uiterlijk")
    assert "OTS van Sanne eindigt op" in signal.inner_text()
    signal.get_by_role("link", name="Verzoek verlenging voorbereiden").click()
    page.wait_for_url(re.compile(r"/rechtbank/verzoek/nieuw/"))
    assert page.locator("#id_kind").input_value() == "verlenging"
    page.fill("#id_court", "Rechtbank Noord-Nederland")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(rf"/gezinnen/{family.pk}/rechtbank/$"))
    assert page.get_by_text("Het verzoek is vastgelegd.").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="rapport opstellen").click()
    page.get_by_role("button", name="Rapport opstellen uit het dossier").click()
    page.wait_for_url(re.compile(r"/rapporten/\d+/$"))
    assert page.get_by_role("heading", name="Het gezin en de kinderen").is_visible()
    assert "Sanne" in page.locator("#onderdeel-gezin").inner_text()
    assert "Rechtbank Noord-Nederland" not in page.locator("#onderdeel-visie_kind").inner_text()
    assert_accessible(page)

    page.locator("#onderdeel-visie_kind").get_by_role("link", name="bewerken").click()
    page.fill("#id_text", CHILD_WORDS)
    page.fill("#id_change_note", "Gesprek met Sanne op school")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/rapporten/\d+/#onderdeel-visie_kind$"))
    assert CHILD_WORDS in page.locator("#onderdeel-visie_kind").inner_text()
    page.get_by_role("button", name="Ter goedkeuring aanbieden").click()
    page.wait_for_load_state()
    assert page.get_by_text("Het rapport is ter goedkeuring aangeboden.").is_visible()
    report_url = page.url.split("#")[0]

    for username, role in ((gw.username, "gedragswetenschapper"), ("teamleider", "teamleider")):
        login(page, live_server, username)
        page.goto(report_url)
        page.get_by_role("button", name=f"Goedkeuren als {role}").click()
        page.wait_for_load_state()
        assert page.get_by_text("Uw goedkeuring is vastgelegd.").is_visible()
    assert "goedgekeurd" in page.locator("h1 + p").inner_text()
    page.screenshot(path=str(tmp_path / "rapport-goedgekeurd.png"), full_page=True)

    login(page, live_server, "worker")
    page.goto(report_url)
    with page.expect_download() as pdf:
        page.get_by_role("link", name="PDF", exact=True).click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    assert Path(pdf.value.path()).read_bytes()[:5] == b"%PDF-"
    with page.expect_download() as word:
        page.get_by_role("link", name="Word", exact=True).click()
    doc = WordDocument(io.BytesIO(Path(word.value.path()).read_bytes()))
    assert CHILD_WORDS in "\n".join(p.text for p in doc.paragraphs)

    page.get_by_role("link", name="Verzending vastleggen").click()
    page.get_by_role("button", name="Vastleggen").click()
    page.wait_for_url(re.compile(r"/rapporten/\d+/$"))
    assert page.get_by_text("De verzending is vastgelegd").is_visible()
    report = CourtReport.objects.get()
    assert report.status == ReportStatus.VERZONDEN and report.document is not None
    assert CourtRequest.objects.get().status == RequestStatus.INGEDIEND
    assert not page.csp_errors
