"""Writes for court reports: start (drafted from the file), edit a section (a new version), ask for
approval, approve (gedragswetenschapper and teamleider of the family's team, as for a zwaarwegend
besluit), send (the PDF among the family's documents, the request submitted).

Every step is atomic under the family's lock and then the report's, checks the version the user saw,
and leaves an access-log row; versions and approvals are append-only rows with their author.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, TeamRole, User
from casework.court import services as court_services
from casework.court.models import PENDING_REQUEST_STATUSES, CourtRequest, RequestStatus
from casework.documents import services as document_services
from casework.models import Family
from casework.services.checks import lock_family, log_change, require_write
from core.concurrency import check_base_version, mark_saved
from notifications.services import notification_send
from privacy.models import Action, Channel

from .drafting import SECTION_KEYS, draft_sections
from .exports import report_pdf
from .models import ApprovalRole, CourtReport, CourtReportApproval, CourtReportVersion, ReportStatus

ROLE_OF_TEAM = {
    ApprovalRole.GEDRAGSWETENSCHAPPER: TeamRole.GEDRAGSWETENSCHAPPER,
    ApprovalRole.TEAMLEIDER: TeamRole.TEAMLEIDER,
}
SECTION_MAX = 20_000  # characters per section: pages of text, never a whole file pasted


def _require_write(*, actor: User, family: Family) -> Family:
    return require_write(
        actor=actor, family=family, refusal=_("Alleen de gezinsmanager van dit gezin schrijft het rapport.")
    )


def _locked(*, report: CourtReport, base_version: int | None, actor: User, fields: list[str]) -> CourtReport:
    locked = CourtReport.objects.select_for_update(of=("self",)).select_related("current", "request").get(pk=report.pk)
    check_base_version(locked, base_version=base_version, fields=fields, actor=actor)
    return locked


def report_url(report: CourtReport) -> str:
    return reverse("courtreports:detail", kwargs={"family_id": report.family_id, "report_id": report.pk})


@transaction.atomic
def report_start(*, actor: User, request: CourtRequest, channel: str = Channel.WEB) -> CourtReport:
    """A report for this request, its first version drafted from what the file holds today."""
    family = _require_write(actor=actor, family=Family(pk=request.family_id))
    request = CourtRequest.objects.select_for_update().get(pk=request.pk)
    if request.status not in PENDING_REQUEST_STATUSES:
        raise ValidationError({"request": _("Dit verzoek is al beslist of ingetrokken; een rapport kan niet meer.")})
    if CourtReport.objects.filter(request=request).exists():
        raise ValidationError({"request": _("Voor dit verzoek is er al een rapport.")})
    report = CourtReport.objects.create(family=family, request=request, created_by=actor)
    version = CourtReportVersion.objects.create(
        report=report,
        number=1,
        sections=draft_sections(request=request, family=family),
        change_note=_("Opgesteld uit het dossier"),
        author=actor,
    )
    report.current = version
    report.save(update_fields=["current"])
    log_change(actor=actor, family=family, action=Action.CREATE, what="rapport rechtbank opgesteld", channel=channel)
    return report


@transaction.atomic
def report_section_save(
    *,
    actor: User,
    report: CourtReport,
    key: str,
    text: str,
    change_note: str = "",
    base_version: int | None = None,
    channel: str = Channel.WEB,
) -> CourtReportVersion:
    """One section changed: a new version of the whole report; approvals of an earlier version no longer count."""
    family = _require_write(actor=actor, family=Family(pk=report.family_id))
    report = _locked(report=report, base_version=base_version, actor=actor, fields=["current"])
    if key not in SECTION_KEYS:
        raise ValidationError({"text": _("Dit onderdeel bestaat niet in het rapport.")})
    if report.status == ReportStatus.VERZONDEN:
        raise ValidationError({"text": _("Dit rapport is verzonden en verandert niet meer.")})
    if len(text) > SECTION_MAX:
        raise ValidationError({"text": _("Dit onderdeel is te lang (hoogstens %(n)s tekens).") % {"n": SECTION_MAX}})
    current = report.current
    assert current is not None  # every report has its first version from report_start
    sections = {**current.sections, key: text.strip()}
    version = CourtReportVersion.objects.create(
        report=report, number=current.number + 1, sections=sections, change_note=change_note.strip(), author=actor
    )
    report.current = version
    report.status = ReportStatus.CONCEPT
    mark_saved(report, actor=actor)
    report.save()
    log_change(actor=actor, family=family, action=Action.CHANGE, what="rapport rechtbank bewerkt", channel=channel)
    return version


def _approvers(*, team_id: int) -> list[User]:
    roles = [TeamRole.GEDRAGSWETENSCHAPPER, TeamRole.TEAMLEIDER]
    return [m.user for m in Membership.objects.active().filter(team_id=team_id, role__in=roles).select_related("user")]


@transaction.atomic
def report_ask_approval(
    *, actor: User, report: CourtReport, base_version: int | None = None, channel: str = Channel.WEB
) -> CourtReport:
    """The worker offers the current version for approval; the team's gedragswetenschapper and teamleider hear of it."""
    family = _require_write(actor=actor, family=Family(pk=report.family_id))
    report = _locked(report=report, base_version=base_version, actor=actor, fields=["status"])
    if report.status != ReportStatus.CONCEPT:
        raise ValidationError({"status": _("Dit rapport is al ter goedkeuring aangeboden of goedgekeurd.")})
    report.status = ReportStatus.TER_GOEDKEURING
    mark_saved(report, actor=actor)
    report.save()
    url = report_url(report)
    for user in _approvers(team_id=family.team_id):
        notification_send(user=user, text=_("Een rapport aan de rechtbank wacht op uw goedkeuring."), url=url)
    log_change(actor=actor, family=family, action=Action.CHANGE, what="rapport ter goedkeuring", channel=channel)
    return report


def report_approval_roles(*, user: User, report: CourtReport) -> list[str]:
    """The roles in which this user may approve the report's current version now (none for its authors)."""
    if report.status != ReportStatus.TER_GOEDKEURING or report.current is None:
        return []
    team_roles = set(
        Membership.objects.active().filter(user=user, team_id=report.family.team_id).values_list("role", flat=True)
    )
    approvals = list(report.approvals.filter(version=report.current).values_list("role", "user_id"))
    if any(user_id == user.pk for _role, user_id in approvals):
        return []  # four eyes: one person approves a version once, whatever roles they hold
    if CourtReportVersion.objects.filter(report=report, author=user).exists():
        return []  # who wrote the report does not approve it
    done = {role for role, _user_id in approvals}
    return [r for r, team_role in ROLE_OF_TEAM.items() if team_role in team_roles and r not in done]


@transaction.atomic
def report_approve(
    *, actor: User, report: CourtReport, role: str, base_version: int | None = None, channel: str = Channel.WEB
) -> CourtReport:
    """One of the two approvals of the current version; with both the report is approved."""
    family = lock_family(family=Family(pk=report.family_id))
    report = _locked(report=report, base_version=base_version, actor=actor, fields=["status"])
    if role not in report_approval_roles(user=actor, report=report):
        raise PermissionDenied(_("U kunt dit rapport niet (meer) goedkeuren als %(role)s.") % {"role": role})
    assert report.current is not None  # report_approval_roles offers nothing without a current version
    CourtReportApproval.objects.create(report=report, version=report.current, role=role, user=actor)
    if set(report.approvals.filter(version=report.current).values_list("role", flat=True)) == set(ROLE_OF_TEAM):
        report.status = ReportStatus.GOEDGEKEURD
        notification_send(
            user=report.created_by, text=_("Uw rapport aan de rechtbank is goedgekeurd."), url=report_url(report)
        )
    mark_saved(report, actor=actor)
    report.save()
    log_change(actor=actor, family=family, action=Action.CHANGE, what="rapport goedgekeurd", channel=channel)
    return report


@transaction.atomic
def report_send(
    *,
    actor: User,
    report: CourtReport,
    sent_on: dt.date,
    sent_to: str,
    base_version: int | None = None,
    channel: str = Channel.WEB,
) -> CourtReport:
    """The approved report went to the court: its PDF joins the documents and the request counts as submitted."""
    family = _require_write(actor=actor, family=Family(pk=report.family_id))
    report = _locked(report=report, base_version=base_version, actor=actor, fields=["status"])
    if report.status != ReportStatus.GOEDGEKEURD:
        raise ValidationError({"sent_on": _("Alleen een goedgekeurd rapport kan worden verzonden.")})
    if sent_on > timezone.localdate():
        raise ValidationError({"sent_on": _("De verzenddatum ligt in de toekomst.")})
    if not sent_to.strip():
        raise ValidationError({"sent_to": _("Vul in aan welke rechtbank het rapport is verzonden.")})
    request = report.request
    if request.status not in PENDING_REQUEST_STATUSES:
        raise ValidationError(
            {
                "sent_on": _("Het verzoek is %(status)s; dit rapport gaat niet meer naar de rechtbank.")
                % {"status": request.get_status_display()}
            }
        )
    document = document_services.document_store(
        actor=actor,
        family=family,
        kind="rapport",
        title=_("Rapport aan de rechtbank: %(request)s") % {"request": request.get_kind_display()},
        dated_on=sent_on,
        written_by=str(actor),
        content=report_pdf(report=report, version=report.current),
        filename="rapport-rechtbank.pdf",
        child=request.child,
        channel=channel,
    )
    report.status, report.sent_on, report.sent_to, report.document = (
        ReportStatus.VERZONDEN,
        sent_on,
        sent_to.strip(),
        document,
    )
    mark_saved(report, actor=actor)
    report.save()
    if request.status == RequestStatus.VOORBEREIDING:
        court_services.court_request_submit(
            actor=actor, request=request, submitted_on=sent_on, court=sent_to, case_number=request.case_number
        )
    log_change(actor=actor, family=family, action=Action.CHANGE, what="rapport rechtbank verzonden", channel=channel)
    return report
