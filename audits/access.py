"""Who may see and do what in a team audit (DESIGN.md section 4).

- The audit's auditors (organisation auditors and peers from other teams) work
  in it: figures, sample, file checks, findings, actions, status. While the
  audit is open (voorbereiding or gesprek) they read the sampled files,
  read-only (`sampled_families_rule`, registered with casework).
- The audited team's teamleider follows the whole audit (sample and file checks
  of the team's own families included) and writes the team's own view.
- Team members and bestuur read the finished report; the report names no family.
- Functioneel beheer plans cycles and audits and keeps the checklists in the
  admin; it sees no audit content and no family data.

"Not yours" looks like "not found" (404).
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import TeamRole, User
from accounts.selectors import team_ids_for_user, team_ids_led_by, user_leads_team
from core.db_router import primary_values

from .models import OPEN_STATUSES, AuditStatus, SampledFile, TeamAudit


def sampled_families_rule(*, user: User) -> Q:
    """Read access to the families sampled in an open audit the user audits.

    Open means voorbereiding and gesprek: the auditors read the files to prepare
    the conversation and may look again during it. While the audit is only
    planned there is no sample yet; once it is afgerond the access ends, so an
    audit never becomes a lasting key to a family's file.
    """
    sampled = SampledFile.objects.filter(audit__status__in=OPEN_STATUSES, audit__auditor_assignments__user=user)
    return Q(pk__in=primary_values(sampled, "family_id"))


def readable_audits_filter(*, user: User, memberships: Iterable[tuple[int, str]] | None = None) -> Q:
    """Which audits the user reads; `memberships`: the request's (team, role) pairs, already read, if at hand."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    led: Iterable[int] | QuerySet = team_ids_led_by(user=user)
    member_of: Iterable[int] | QuerySet = team_ids_for_user(user=user)
    if memberships is not None:  # the menu: the same teams as plain ids, no subqueries to build
        pairs = list(memberships)
        led = sorted({team for team, role in pairs if role == TeamRole.TEAMLEIDER})
        member_of = sorted({team for team, _role in pairs})
    rule = Q(auditor_assignments__user=user) | Q(team_id__in=led)
    finished = Q(status=AuditStatus.FINISHED)
    rule |= finished & Q(team_id__in=member_of)
    if user.is_bestuur:
        rule |= finished
    return rule


def team_audit_list_for_user(*, user: User) -> QuerySet[TeamAudit]:
    ids = TeamAudit.objects.filter(readable_audits_filter(user=user)).values("pk")
    return TeamAudit.objects.filter(pk__in=ids).select_related("cycle", "team")


def is_auditor(*, user: User, audit: TeamAudit) -> bool:
    return audit.auditor_assignments.filter(user=user).exists()


def leads_team(*, user: User, audit: TeamAudit) -> bool:
    return user_leads_team(user=user, team_id=audit.team_id)


def audit_permissions(*, user: User, audit: TeamAudit) -> dict[str, bool]:
    """What the pages may offer this user in this audit."""
    auditor = is_auditor(user=user, audit=audit)
    leader = leads_team(user=user, audit=audit)
    not_finished = audit.status != AuditStatus.FINISHED
    return {
        "auditor": auditor,
        "work": auditor and not_finished,
        "detail": auditor or leader,
        "read_files": auditor and audit.is_open,
        # The audited team learns which files were drawn at the conversation, not
        # before: a file tidied up after the draw would no longer show the practice.
        "see_sample": auditor or audit.status in (AuditStatus.CONVERSATION, AuditStatus.FINISHED),
        "team_view": leader and not_finished,
        "follow_up": auditor or leader,
    }


def team_audit_get_for_user(*, user: User, audit_id: int | str, write: bool = False, detail: bool = False) -> TeamAudit:
    """The single access-checked way to fetch one team audit.

    `detail` asks for the working view (sample, file checks): auditors and the
    teamleider; others only read the finished report. `write` asks for the
    auditors' rights while the audit is not finished.
    """
    try:
        audit = team_audit_list_for_user(user=user).get(pk=audit_id)
    except (TeamAudit.DoesNotExist, ValueError, TypeError):
        raise Http404("Audit niet gevonden") from None
    perms = audit_permissions(user=user, audit=audit)
    if (detail or write) and not perms["detail"]:
        raise Http404("Audit niet gevonden")
    if write and not perms["work"]:
        raise PermissionDenied("Alleen de auditoren werken in een lopende audit.")
    return audit
