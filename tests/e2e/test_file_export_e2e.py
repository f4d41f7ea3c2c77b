"""End to end in headless Chromium: a teamleider registers a request for inzage, puts the file together,
leaves out a network member's data with the reason, releases it and downloads the PDF without it."""

import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from pypdf import PdfReader

from casework.rights.models import FileExport
from tests.support.browser import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_teamleider_redacts_and_releases_a_file_for_inzage(live_server, cast, page):
    family = cast.family
    login(page, live_server, "teamleider")
    page.goto(live_server.url + reverse("casework:family_detail", kwargs={"family_id": family.pk}))
    page.get_by_role("link", name="Privacyverzoek registreren").click()
    page.wait_for_url(re.compile(r"/privacy/verzoeken/nieuw/"))
    assert page.input_value("#id_reference") == family.reference
    page.select_option("#id_kind", "inzage")
    page.fill("#id_requester_name", "Petra de Vries")
    page.get_by_role("button", name="Registreren").click()
    page.wait_for_url(re.compile(r"/privacy/verzoeken/\d+/$"))
    assert page.get_by_text("Het verzoek is geregistreerd.").is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Dossier samenstellen").click()
    page.wait_for_url(re.compile(r"/dossier/$"))
    oma = page.locator("#deel-netwerk .card", has_text="Oma Bakker")
    oma.get_by_label("Weglaten, reden:").fill("Gegevens van een derde (netwerklid)")
    oma.get_by_role("button", name="Weglaten").click()
    page.wait_for_load_state()
    assert "Gegevens van een derde (netwerklid)" in page.locator("#deel-netwerk").inner_text()
    assert_accessible(page)

    page.get_by_role("button", name="Dossier vrijgeven").click()
    page.wait_for_load_state()
    assert page.get_by_text("Het dossier is vrijgegeven.").is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF", exact=True).click()
    pdf = Path(download.value.path()).read_bytes()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert family.reference in text and "Oma Bakker" not in text and "1 onderdeel is weggelaten" in text
    assert FileExport.objects.get().released_by == cast.teamleider
    assert not page.csp_errors
