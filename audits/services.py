"""Writes for team audits. Each is atomic and leaves an append-only record with the acting user."""

import datetime as dt
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, OrgRole, Team, User
from core.concurrency import check_base_version, check_history_version, mark_saved
from notifications.services import notification_send

from . import selectors
from .access import is_auditor, leads_team
from .models import (
    OPEN_STATUSES,
    ActionStatus,
    AuditCycle,
    AuditorAssignment,
    AuditorKind,
    AuditStatus,
    ChecklistItem,
    ChecklistPurpose,
    ChecklistVersion,
    FileCheck,
    Finding,
    ImprovementAction,
    ImprovementActionChange,
    QuestionResponse,
    SampledFile,
    TeamAudit,
    TeamAuditEvent,
)
from .snapshot import snapshot_compute

# The only moves an audit makes, all by its auditors.
TRANSITIONS = {
    AuditStatus.PLANNED: (AuditStatus.PREPARATION,),
    AuditStatus.PREPARATION: (AuditStatus.CONVERSATION,),
    AuditStatus.CONVERSATION: (AuditStatus.PREPARATION, AuditStatus.FINISHED),
    AuditStatus.FINISHED: (),
}


def _lock(audit: TeamAudit) -> TeamAudit:
    return TeamAudit.objects.select_for_update().select_related("cycle", "team").get(pk=audit.pk)


def _require_auditor(
    *, actor: User, audit: TeamAudit, statuses: tuple[str, ...] = (*OPEN_STATUSES, AuditStatus.PLANNED)
) -> None:
    if not is_auditor(user=actor, audit=audit):
        raise PermissionDenied("Alleen de auditoren van deze audit.")
    if audit.status not in statuses:
        raise ValidationError(_("Dat kan niet meer: de audit is %(status)s.") % {"status": audit.get_status_display()})


def auditor_validate(*, audit: TeamAudit, user: User) -> str:
    """Who may audit a team: an organisation auditor or a peer from another team, never a member of the team."""
    members = Membership.objects.active().filter(user=user)
    if members.filter(team_id=audit.team_id).exists():
        raise ValidationError(_("%(user)s is lid van het team dat wordt geaudit.") % {"user": user})
    if user.org_role == OrgRole.AUDITOR:
        return AuditorKind.AUDITOR
    if members.exists():
        return AuditorKind.PEER
    raise ValidationError(_("%(user)s is geen auditor en geen lid van een ander team.") % {"user": user})


@transaction.atomic
def team_audit_plan(
    *, actor: User, year: int, team: Team, planned_on: dt.date, auditors: list[User], sample_size: int = 10
) -> TeamAudit:
    """Plan a team's audit in a year's cycle (functioneel beheer or an auditor)."""
    if not (actor.is_beheer or actor.org_role == OrgRole.AUDITOR):
        raise PermissionDenied("Alleen functioneel beheer of een auditor plant een audit.")
    if not auditors:
        raise ValidationError({"auditors": _("Kies ten minste één auditor.")})
    cycle, _created = AuditCycle.objects.get_or_create(year=year)
    if TeamAudit.objects.filter(cycle=cycle, team=team).exists():
        raise ValidationError({"team": _("Dit team heeft al een audit in %(year)s.") % {"year": year}})
    audit = TeamAudit.objects.create(cycle=cycle, team=team, planned_on=planned_on, sample_size=sample_size)
    for user in auditors:
        AuditorAssignment.objects.create(audit=audit, user=user, kind=auditor_validate(audit=audit, user=user))
    TeamAuditEvent.objects.create(audit=audit, kind="gepland", to_status=AuditStatus.PLANNED, author=actor)
    return audit


@transaction.atomic
def team_audit_take_snapshot(*, actor: User, audit: TeamAudit, today: dt.date | None = None) -> TeamAudit:
    """Freeze the team's figures over the audit year into the audit ("cijfers vastleggen").

    Allowed until the conversation starts: from then on the figures are what
    the conversation was held on, and later changes to the data never touch them.
    """
    audit = _lock(audit)
    _require_auditor(actor=actor, audit=audit, statuses=(AuditStatus.PLANNED, AuditStatus.PREPARATION))
    audit.snapshot = snapshot_compute(team=audit.team, year=audit.cycle.year, today=today)
    audit.snapshot_taken_at = timezone.now()
    audit.save(update_fields=["snapshot", "snapshot_taken_at"])
    TeamAuditEvent.objects.create(audit=audit, kind="cijfers", author=actor, note=_("Cijfers vastgelegd"))
    return audit


def _draw_sample(*, actor: User, audit: TeamAudit) -> None:
    """Draw the file sample once, from a stored seed, so anyone can draw it again and get the same files.

    Never drawn again for the same audit: choosing other files after seeing the
    first ones would undo the point of a random sample.
    """
    if audit.sample_seed is not None:
        return
    audit.sample_seed = secrets.randbits(62)
    drawn_at = timezone.now()
    population = selectors.sample_population(audit=audit, drawn_before=drawn_at)
    ids = selectors.sample_family_ids(population=population, size=audit.sample_size, seed=audit.sample_seed)
    SampledFile.objects.bulk_create(
        SampledFile(audit=audit, family_id=family_id, position=i) for i, family_id in enumerate(ids, start=1)
    )
    audit.save(update_fields=["sample_seed"])
    note = _("Steekproef van %(n)s uit %(total)s dossiers") % {"n": len(ids), "total": len(population)}
    TeamAuditEvent.objects.create(audit=audit, kind="steekproef", author=actor, note=note, at=drawn_at)


@transaction.atomic
def team_audit_transition(
    *, actor: User, audit: TeamAudit, to_status: str, note: str = "", base_version: int | None = None
) -> TeamAudit:
    """Move an audit on. Into voorbereiding: pin the checklist versions, freeze the figures, draw the sample.

    From the status the page showed (`base_version`): a fellow auditor's step in
    between refuses this one, naming them, instead of stacking a second step on it.
    """
    audit = _lock(audit)
    if not is_auditor(user=actor, audit=audit):
        raise PermissionDenied("Alleen de auditoren van deze audit.")
    check_history_version(history=selectors.audit_status_events(audit=audit), base_version=base_version, actor=actor)
    if to_status not in TRANSITIONS[AuditStatus(audit.status)]:
        raise ValidationError(
            _("Van %(from)s kan de audit niet naar %(to)s.") % {"from": audit.get_status_display(), "to": to_status}
        )
    from_status = audit.status
    if to_status == AuditStatus.PREPARATION and from_status == AuditStatus.PLANNED:
        audit.file_checklist = audit.file_checklist or selectors.checklist_current_version(
            purpose=ChecklistPurpose.FILE_CHECK
        )
        audit.questions = audit.questions or selectors.checklist_current_version(purpose=ChecklistPurpose.CONVERSATION)
        if audit.snapshot is None:
            audit.snapshot = snapshot_compute(team=audit.team, year=audit.cycle.year)
            audit.snapshot_taken_at = timezone.now()
        _draw_sample(actor=actor, audit=audit)
    if to_status == AuditStatus.FINISHED:
        if not audit.findings.exists():
            raise ValidationError(_("Leg eerst ten minste één bevinding vast."))
        audit.finished_at = timezone.now()
    audit.status = to_status
    audit.save()
    TeamAuditEvent.objects.create(
        audit=audit, kind="status", from_status=from_status, to_status=to_status, note=note[:300], author=actor
    )
    if to_status == AuditStatus.FINISHED:
        url = reverse("audits:report", kwargs={"audit_id": audit.pk})
        text = _("Het auditrapport van %(team)s (%(year)s) is klaar.") % {"team": audit.team, "year": audit.cycle.year}
        for leader in selectors.team_leaders(audit=audit):
            notification_send(user=leader, text=text, url=url)
        # Owners follow their actions up from the report, which they can read from now on.
        owners = User.objects.filter(pk__in=audit.actions.values("owner_id")).distinct()
        owner_text = _("Je bent eigenaar van een verbeteractie uit de audit van %(team)s (%(year)s).") % {
            "team": audit.team,
            "year": audit.cycle.year,
        }
        for owner in owners:
            notification_send(user=owner, text=owner_text, url=url)
    return audit


@transaction.atomic
def file_check_record(
    *, actor: User, sampled_file: SampledFile, answers: dict[int, tuple[str, str]], base_version: int | None = None
) -> None:
    """The auditor's answers for one sampled file, per checklist item (answer, note).

    From the version of the check the auditor opened (`base_version`): when a
    fellow auditor saved this file's check in between, the save is refused with
    their answers beside these, instead of the last one silently counting.
    """
    audit = _lock(sampled_file.audit)
    _require_auditor(actor=actor, audit=audit, statuses=OPEN_STATUSES)
    valid = set(ChecklistItem.objects.filter(version_id=audit.file_checklist_id).values_list("pk", flat=True))
    if set(answers) - valid:
        raise ValidationError(_("Onbekend onderdeel van de checklist."))
    sampled_file = SampledFile.objects.select_for_update().get(pk=sampled_file.pk)
    saved = {c.item_id: c for c in sampled_file.checks.all()}
    extra = {f"answer_{i}": ("", c.answer) for i, c in saved.items()}
    extra.update({f"note_{i}": ("", c.note) for i, c in saved.items()})
    check_base_version(sampled_file, base_version=base_version, fields=[], extra=extra, actor=actor)
    sampled_file.save(update_fields=mark_saved(sampled_file, actor=actor))
    for item_id, (answer, note) in answers.items():
        FileCheck.objects.update_or_create(
            sampled_file=sampled_file,
            item_id=item_id,
            defaults={"answer": answer, "note": note, "author": actor, "at": timezone.now()},
        )
    TeamAuditEvent.objects.create(
        audit=audit, kind="dossiertoets", author=actor, note=_("Dossier %(n)s getoetst") % {"n": sampled_file.position}
    )


@transaction.atomic
def team_view_record(*, actor: User, audit: TeamAudit, views: dict[int, str]) -> None:
    """The team's own view on the conversation questions, written by the teamleider before or in the conversation."""
    audit = _lock(audit)
    if not leads_team(user=actor, audit=audit):
        raise PermissionDenied("Alleen de teamleider van het team.")
    if audit.status == AuditStatus.FINISHED:
        raise ValidationError(_("De audit is afgerond."))
    questions = audit.questions
    valid = set(questions.items.values_list("pk", flat=True)) if questions is not None else set()
    if set(views) - valid:
        raise ValidationError(_("Onbekende vraag."))
    for item_id, text in views.items():
        QuestionResponse.objects.update_or_create(
            audit=audit, item_id=item_id, defaults={"team_view": text, "author": actor, "at": timezone.now()}
        )
    TeamAuditEvent.objects.create(audit=audit, kind="visie", author=actor, note=_("Visie van het team vastgelegd"))


@transaction.atomic
def finding_add(*, actor: User, audit: TeamAudit, kind: str, outcome: str, text: str) -> Finding:
    audit = _lock(audit)
    _require_auditor(actor=actor, audit=audit, statuses=OPEN_STATUSES)
    if not text.strip():
        raise ValidationError({"text": _("Beschrijf de bevinding.")})
    return Finding.objects.create(audit=audit, kind=kind, outcome=outcome, text=text.strip(), author=actor)


@transaction.atomic
def action_add(*, actor: User, audit: TeamAudit, description: str, owner: User, due_on: dt.date) -> ImprovementAction:
    """An improvement action agreed in the conversation, owned by a member of the team."""
    audit = _lock(audit)
    _require_auditor(actor=actor, audit=audit, statuses=OPEN_STATUSES)
    if not selectors.action_owner_choices(audit=audit).filter(pk=owner.pk).exists():
        raise ValidationError({"owner": _("De eigenaar is lid van het team dat wordt geaudit.")})
    if due_on <= timezone.localdate():
        raise ValidationError({"due_on": _("Kies een datum in de toekomst.")})
    action = ImprovementAction.objects.create(
        audit=audit, description=description, owner=owner, due_on=due_on, created_by=actor
    )
    ImprovementActionChange.objects.create(action=action, to_status=ActionStatus.OPEN, author=actor)
    return action


def can_follow_up(*, user: User, action: ImprovementAction) -> bool:
    """The owner, the team's teamleider, or an auditor of this or a later audit of the team (who looks back on it)."""
    audit = action.audit
    if action.owner_id == user.pk or leads_team(user=user, audit=audit):
        return True
    return AuditorAssignment.objects.filter(
        user=user, audit__team_id=audit.team_id, audit__cycle__year__gte=audit.cycle.year
    ).exists()


@transaction.atomic
def action_set_status(
    *, actor: User, action: ImprovementAction, to_status: str, note: str = "", base_version: int | None = None
) -> ImprovementAction:
    """Follow an action up through the year: its owner, the teamleider or the auditors (from the status shown)."""
    action = ImprovementAction.objects.select_for_update().select_related("audit__cycle").get(pk=action.pk)
    if not can_follow_up(user=actor, action=action):
        raise PermissionDenied("Alleen de eigenaar, de teamleider of de auditoren.")
    check_history_version(history=action.changes.all(), base_version=base_version, actor=actor)
    if to_status not in ActionStatus.values:
        raise ValidationError({"status": _("Onbekende status.")})
    if to_status == action.status:
        raise ValidationError({"status": _("De actie heeft deze status al.")})
    ImprovementActionChange.objects.create(
        action=action, from_status=action.status, to_status=to_status, note=note[:300], author=actor
    )
    action.status = to_status
    action.save(update_fields=["status"])
    return action


@transaction.atomic
def checklist_version_publish(*, actor: User, version: ChecklistVersion) -> ChecklistVersion:
    """Publish a checklist version: new audits use it; audits that hold an older version keep theirs."""
    if not actor.is_beheer:
        raise PermissionDenied("Alleen functioneel beheer.")
    if version.published_at is not None:
        raise ValidationError(_("Deze versie is al gepubliceerd."))
    if not version.items.exists():
        raise ValidationError(_("Een versie zonder onderdelen kan niet worden gepubliceerd."))
    version.published_at = timezone.now()
    version.save(update_fields=["published_at"])
    return version


@transaction.atomic
def checklist_version_new(*, actor: User, purpose: str, note: str = "") -> ChecklistVersion:
    """A new draft version, starting as a copy of the latest one, to be edited and published."""
    if not actor.is_beheer:
        raise PermissionDenied("Alleen functioneel beheer.")
    latest = ChecklistVersion.objects.filter(checklist__purpose=purpose).order_by("-number").first()
    if latest is None:
        raise ValidationError(_("Onbekende checklist."))
    if latest.published_at is None:
        # One draft at a time: a second one would copy the unpublished draft, and publishing the
        # drafts out of order would leave an older one "current" behind a newer number.
        raise ValidationError(_("Er is al een conceptversie (%(v)s): pas die aan en publiceer die.") % {"v": latest})
    version = ChecklistVersion.objects.create(checklist=latest.checklist, number=latest.number + 1, note=note)
    ChecklistItem.objects.bulk_create(
        ChecklistItem(version=version, position=i.position, text=i.text, guidance=i.guidance, outcome=i.outcome)
        for i in latest.items.all()
    )
    return version
