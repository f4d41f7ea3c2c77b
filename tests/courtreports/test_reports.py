"""The court report: drafted from the file, versioned per section, approved by gedragswetenschapper and
teamleider, sent (PDF among the documents, the request submitted), and exported as PDF and Word."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document as WordDocument

from casework.court.models import RequestStatus
from casework.documents.models import Document
from courtreports import services as svc
from courtreports.exports import report_docx, report_pdf
from courtreports.models import CourtReportVersion, ReportStatus
from notifications.models import Notification
from tests.support.courtreports_support import started_report, team_approvers
from tests.support.documents_support import ensure_retention_classes

pytestmark = pytest.mark.django_db


def test_the_first_version_is_drafted_from_the_file(cast, fixed_day):
    report = started_report(cast)
    sections = report.current.sections
    plan = cast.family.current_plan
    assert report.current.number == 1 and report.status == ReportStatus.CONCEPT
    assert "Sanne" in sections["gezin"] and "Petra" in sections["gezin"]
    assert "eerste periode: 06-01-2026 tot en met 31-07-2026" in sections["maatregel"]
    assert "C/18/123456" in sections["maatregel"]
    assert sections["centrale_lijn"] == plan.centrale_lijn and sections["zorgen"] == plan.zorgen
    contact = cast.family.contacts.get()
    assert contact.safety_why in sections["scores"] and f"veiligheid {contact.safety_score}" in sections["scores"]
    assert sections["analyse"] == "" and sections["visie_kind"] == ""  # the worker writes these


def test_a_section_saved_is_a_new_version_and_a_stale_edit_is_refused(cast, fixed_day):
    report = started_report(cast)
    version = svc.report_section_save(
        actor=cast.worker,
        report=report,
        key="visie_kind",
        text="Sanne: 'Ik wil thuis blijven.'",
        base_version=report.version,
    )
    assert version.number == 2 and version.sections["visie_kind"] == "Sanne: 'Ik wil thuis blijven.'"
    assert CourtReportVersion.objects.get(report=report, number=1).sections["visie_kind"] == ""
    with pytest.raises(ValidationError):
        svc.report_section_save(actor=cast.worker, report=report, key="analyse", text="Ouder", base_version=1)


@pytest.mark.parametrize("role", ["colleague", "teamleider", "outsider", "bestuur", "beheer"])
def test_only_the_gezinsmanager_writes_the_report(cast, fixed_day, role):
    report = started_report(cast)
    with pytest.raises(PermissionDenied):
        svc.report_section_save(actor=getattr(cast, role), report=report, key="analyse", text="x")


def test_both_approvals_of_the_same_version_are_needed_and_a_change_undoes_them(cast, fixed_day):
    gw, tl = team_approvers(cast)
    report = started_report(cast)
    assert svc.report_approval_roles(user=gw, report=report) == []  # not offered yet
    report = svc.report_ask_approval(actor=cast.worker, report=report)
    assert set(Notification.objects.filter(user__in=[gw, tl]).values_list("user__username", flat=True)) == {
        "gw",
        "teamleider",
    }
    assert svc.report_approval_roles(user=gw, report=report) == ["gedragswetenschapper"]
    assert svc.report_approval_roles(user=tl, report=report) == ["teamleider"]
    assert svc.report_approval_roles(user=cast.worker, report=report) == []
    with pytest.raises(PermissionDenied):
        svc.report_approve(actor=tl, report=report, role="gedragswetenschapper")
    report = svc.report_approve(actor=gw, report=report, role="gedragswetenschapper")
    assert report.status == ReportStatus.TER_GOEDKEURING
    svc.report_section_save(actor=cast.worker, report=report, key="analyse", text="Bijgewerkt na overleg")
    report.refresh_from_db()
    assert report.status == ReportStatus.CONCEPT  # the approval was of version 1
    report = svc.report_ask_approval(actor=cast.worker, report=report)
    report = svc.report_approve(actor=gw, report=report, role="gedragswetenschapper")
    report = svc.report_approve(actor=tl, report=report, role="teamleider")
    assert report.status == ReportStatus.GOEDGEKEURD
    assert list(report.approvals.filter(version=report.current).values_list("role", flat=True)) == [
        "gedragswetenschapper",
        "teamleider",
    ]
    assert Notification.objects.filter(user=cast.worker, text__contains="goedgekeurd").exists()


def test_sending_stores_the_pdf_and_submits_the_request(cast, fixed_day):
    ensure_retention_classes()
    gw, tl = team_approvers(cast)
    report = started_report(cast)
    with pytest.raises(ValidationError, match="goedgekeurd"):
        svc.report_send(actor=cast.worker, report=report, sent_on=fixed_day, sent_to="Rechtbank Noord-Nederland")
    report = svc.report_ask_approval(actor=cast.worker, report=report)
    svc.report_approve(actor=gw, report=report, role="gedragswetenschapper")
    report = svc.report_approve(actor=tl, report=report, role="teamleider")
    report = svc.report_send(actor=cast.worker, report=report, sent_on=fixed_day, sent_to="Rechtbank Noord-Nederland")
    assert report.status == ReportStatus.VERZONDEN and report.sent_on == fixed_day
    document = Document.objects.get(pk=report.document_id)
    assert document.kind == "rapport" and document.content_type == "application/pdf"
    request = report.request
    request.refresh_from_db()
    assert (request.status, request.submitted_on) == (RequestStatus.INGEDIEND, fixed_day)
    with pytest.raises(ValidationError, match="verzonden"):
        svc.report_section_save(actor=cast.worker, report=report, key="analyse", text="te laat")


def test_the_word_export_has_every_section_the_case_number_and_the_chart(cast, fixed_day):
    report = started_report(cast)
    request = report.request
    request.case_number = "C/18/200000 / JE RK 26-99"
    request.save()
    svc.report_section_save(actor=cast.worker, report=report, key="verzoek", text="Verlenging van de OTS met een jaar.")
    report.refresh_from_db()
    doc = WordDocument(io.BytesIO(report_docx(report=report, version=report.current)))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["Het gezin en de kinderen", "De maatregel tot nu toe", "De centrale lijn"]
    assert "Het verzoek en de gronden" in headings and "De visie van het kind" in headings
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Verlenging van de OTS met een jaar." in text
    cells = [c.text for row in doc.tables[0].rows for c in row.cells]
    assert "C/18/200000 / JE RK 26-99" in cells
    assert len(doc.inline_shapes) == 1  # the chart


def test_the_pdf_export_is_a_pdf_with_the_sections(cast, fixed_day):
    report = started_report(cast)
    pdf = report_pdf(report=report, version=report.current)
    assert pdf.startswith(b"%PDF-")
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Het gezin en de kinderen" in text and "Het verzoek en de gronden" in text
    assert "Rechtbank Noord-Nederland" in text


def test_one_person_with_both_roles_approves_a_version_only_once(cast, fixed_day):
    from accounts.models import TeamRole
    from tests.support.factories import MembershipFactory

    MembershipFactory(team=cast.family.team, role=TeamRole.GEDRAGSWETENSCHAPPER, user=cast.teamleider)
    report = svc.report_ask_approval(actor=cast.worker, report=started_report(cast))
    assert svc.report_approval_roles(user=cast.teamleider, report=report) == ["gedragswetenschapper", "teamleider"]
    report = svc.report_approve(actor=cast.teamleider, report=report, role="teamleider")
    assert svc.report_approval_roles(user=cast.teamleider, report=report) == []
    with pytest.raises(PermissionDenied):
        svc.report_approve(actor=cast.teamleider, report=report, role="gedragswetenschapper")
    assert report.status == ReportStatus.TER_GOEDKEURING


def test_a_report_for_a_withdrawn_request_is_not_sent(cast, fixed_day):
    from casework.court import services as court_services

    ensure_retention_classes()
    gw, tl = team_approvers(cast)
    report = svc.report_ask_approval(actor=cast.worker, report=started_report(cast))
    svc.report_approve(actor=gw, report=report, role="gedragswetenschapper")
    report = svc.report_approve(actor=tl, report=report, role="teamleider")
    court_services.court_request_withdraw(actor=cast.worker, request=report.request)
    with pytest.raises(ValidationError, match="ingetrokken"):
        svc.report_send(actor=cast.worker, report=report, sent_on=fixed_day, sent_to="Rechtbank Noord-Nederland")


def test_the_familys_own_statements_are_in_the_draft_beside_what_they_dispute(cast, fixed_day, security):
    import datetime as dt

    from casework.rights import services as rights

    request = rights.privacy_request_register(
        actor=security,
        family=cast.family,
        kind="correctie",
        requester_name="Petra de Vries",
        requester_relation="ouder",
        received_on=dt.date(2026, 6, 1),
    )
    rights.privacy_request_decide(
        actor=security, request=request, outcome="afgewezen", decided_on=fixed_day, note="Zo is het gezegd"
    )
    contact = cast.family.contacts.get()
    rights.family_statement_add(actor=security, request=request, contact=contact, text="Zo heb ik het niet gezegd.")
    rights.family_statement_add(actor=security, request=request, text="Het plan klopt niet met wat wij willen.")
    sections = started_report(cast).current.sections
    assert "Eigen verklaring van Petra de Vries" in sections["scores"]
    assert "Zo heb ik het niet gezegd." in sections["scores"]
    assert "Het plan klopt niet met wat wij willen." in sections["visie_ouders"]
