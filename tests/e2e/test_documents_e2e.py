"""End to end in headless Chromium: a gezinsmanager uploads a ruling, a wrong file is refused with what was
typed kept, the document is listed, downloads as an attachment, and the hearing shows in the agenda."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.court import services as court_services
from casework.documents.models import Document
from privacy.models import AccessLogEntry, Action
from tests.support.browser import assert_accessible, login
from tests.support.documents_support import HTML, PDF, ensure_retention_classes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_upload_a_ruling_and_find_the_hearing_in_the_agenda(live_server, cast, page, tmp_path):
    ensure_retention_classes()
    family = cast.family
    court_services.hearing_plan(
        actor=cast.worker,
        family=family,
        kind="verlenging",
        starts_at=timezone.now() + dt.timedelta(days=5),
        court="Rechtbank Noord-Nederland",
    )
    wrong, ruling = tmp_path / "beschikking.pdf", tmp_path / "beschikking-ots.pdf"
    wrong.write_bytes(HTML)
    ruling.write_bytes(PDF)

    login(page, live_server, "worker")
    page.goto(live_server.url + reverse("casework:documents", kwargs={"family_id": family.pk}))
    assert_accessible(page)
    page.get_by_role("link", name="Document toevoegen").click()
    page.select_option("#id_kind", "beschikking")
    page.fill("#id_title", "Beschikking OTS Sanne")
    page.fill("#id_dated_on", "2026-01-05")
    page.fill("#id_written_by", "Rechtbank Noord-Nederland")
    page.set_input_files("#id_file", str(wrong))
    page.get_by_role("button", name="Toevoegen").click()
    page.wait_for_load_state()
    assert "Dit soort bestand kan niet worden opgeslagen" in page.content()
    assert page.input_value("#id_title") == "Beschikking OTS Sanne"
    assert_accessible(page)
    page.set_input_files("#id_file", str(ruling))
    page.get_by_role("button", name="Toevoegen").click()
    page.wait_for_url(re.compile(rf"/gezinnen/{family.pk}/documenten/$"))
    assert page.get_by_text("Het document is toegevoegd.").is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Beschikking OTS Sanne").click()
    assert Path(download.value.path()).read_bytes() == PDF
    assert download.value.suggested_filename == "beschikking-ots.pdf"
    assert Document.objects.get().title == "Beschikking OTS Sanne"
    assert AccessLogEntry.objects.filter(action=Action.DOWNLOAD, user=cast.worker).count() == 1

    page.get_by_role("link", name="Agenda", exact=True).click()
    page.wait_for_url(re.compile(r"/agenda/$"))
    assert page.get_by_role("link", name=f"Zitting verlenging – {family.name}").is_visible()
    assert_accessible(page)
    assert not page.csp_errors
