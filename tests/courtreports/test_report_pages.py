"""The court report's pages for the fixed cast, the court page's link, the timeline, the demo."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from courtreports.models import CourtReport, ReportStatus
from privacy.models import AccessLogEntry, Action
from tests.support.courtreports_support import started_report, team_approvers
from tests.support.documents_support import ensure_retention_classes
from tests.support.once import form_token, once

pytestmark = pytest.mark.django_db
ROLES = ["worker", "colleague", "teamleider", "outsider", "bestuur", "auditor", "beheer"]
READ = {"worker": 200, "colleague": 200, "teamleider": 200}
WRITE = {"worker": 200, "colleague": 403, "teamleider": 403}


def _url(name, report, **kwargs):
    return reverse(f"courtreports:{name}", kwargs={"family_id": report.family_id, "report_id": report.pk, **kwargs})


@pytest.mark.parametrize("role", ROLES)
def test_every_report_page_for_every_role(client, cast, fixed_day, role):
    report = started_report(cast)
    pages = [
        ("detail", {}, READ),
        ("pdf", {}, READ),
        ("docx", {}, READ),
        ("section", {"key": "analyse"}, WRITE),
        ("send", {}, WRITE),
    ]
    client.force_login(getattr(cast, role))
    for name, kwargs, rule in pages:
        response = client.get(_url(name, report, **kwargs))
        want = rule.get(role, 404)
        assert response.status_code == want, f"{role} GET {name}: {response.status_code}, expected {want}"


def test_a_report_of_another_family_is_not_found_under_this_one(client, cast, fixed_day):
    report = started_report(cast)
    client.force_login(cast.outsider)
    url = reverse("courtreports:detail", kwargs={"family_id": cast.other_family.pk, "report_id": report.pk})
    assert client.get(url).status_code == 404


def test_the_court_page_links_each_request_to_its_report(client, cast, fixed_day):
    report = started_report(cast)
    client.force_login(cast.worker)
    page = client.get(reverse("casework:court", kwargs={"family_id": cast.family.pk})).content.decode()
    assert _url("detail", report) in page and "rapport (concept)" in page
    family_page = client.get(reverse("casework:family_detail", kwargs={"family_id": cast.family.pk})).content.decode()
    assert "Rapport aan de rechtbank, versie 1" in family_page


def test_an_export_is_logged_as_printed_and_a_section_edit_keeps_the_text_on_a_stale_post(client, cast, fixed_day):
    report = started_report(cast)
    client.force_login(cast.worker)
    response = client.get(_url("docx", report))
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert AccessLogEntry.objects.filter(action=Action.PRINT, what="rapport rechtbank (docx)").exists()
    url = _url("section", report, key="analyse")
    token = form_token(client, url)
    from courtreports import services as svc

    svc.report_section_save(actor=cast.worker, report=report, key="verzoek", text="Eerder opgeslagen")
    stale = client.post(url, {**token, "text": "Mijn analyse die niet verloren mag gaan"})
    assert stale.status_code == 200 and "Mijn analyse die niet verloren mag gaan" in stale.content.decode()


def test_approval_buttons_only_for_the_approvers(client, cast, fixed_day):
    gw, _tl = team_approvers(cast)
    report = started_report(cast)
    client.force_login(cast.worker)
    token = form_token(client, _url("detail", report), prefix="vraag")
    client.post(_url("ask_approval", report), token)
    client.force_login(gw)
    page = client.get(_url("detail", report)).content.decode()
    assert "Goedkeuren als gedragswetenschapper" in page and "Goedkeuren als teamleider" not in page
    client.force_login(cast.colleague)
    assert "Goedkeuren als" not in client.get(_url("detail", report)).content.decode()
    refused = client.post(
        _url("approve", report, role="teamleider"), {**once(prefix="teamleider"), "teamleider-version": "2"}
    )
    assert refused.status_code == 403
    assert CourtReport.objects.get().approvals.count() == 0


def test_the_demo_has_a_report_in_progress(fixed_day):
    ensure_retention_classes()
    call_command("demo_data", verbosity=0)
    call_command("demo_court_reports", verbosity=0)
    report = CourtReport.objects.get()
    assert report.status == ReportStatus.CONCEPT and report.current.number == 3
    assert report.current.sections["analyse"] and not report.current.sections["visie_ouders"]


def test_a_refused_step_says_why_on_the_report_page(client, cast, fixed_day):
    report = started_report(cast)
    client.force_login(cast.worker)
    token = form_token(client, _url("detail", report), prefix="vraag")
    from courtreports import services as svc

    svc.report_section_save(actor=cast.worker, report=report, key="analyse", text="In een ander venster")
    page = client.post(_url("ask_approval", report), token, follow=True).content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.CONCEPT  # asked on version 1, the report is at version 2 now
    errors = re.findall(r'<p class="message error">([^<]+)</p>', page)
    assert errors and "opgeslagen" in errors[0], errors
