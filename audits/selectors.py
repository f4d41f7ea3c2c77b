"""Reads for the audit pages: the sample, the file checks, the conversation, the actions, the previous audit."""

import datetime as dt
import random
from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from accounts.models import Membership, TeamRole, User
from casework.access import families_readable_by

from .models import (
    OPEN_ACTION_STATUSES,
    CheckAnswer,
    ChecklistItem,
    ChecklistVersion,
    FileCheck,
    Finding,
    ImprovementAction,
    QuestionResponse,
    SampledFile,
    TeamAudit,
    TeamAuditEvent,
)
from .snapshot import served_in


def checklist_current_version(*, purpose: str) -> ChecklistVersion | None:
    """The latest published version of the checklist for `purpose`."""
    return (
        ChecklistVersion.objects.filter(checklist__purpose=purpose, published_at__isnull=False)
        .order_by("-number")
        .first()
    )


def checklist_items(*, version: ChecklistVersion | None) -> list[ChecklistItem]:
    return list(version.items.all()) if version else []


def sample_population(*, audit: TeamAudit, drawn_before: dt.datetime | None = None) -> list[int]:
    """Ids of the team's families served in the audit year, in a fixed order (the population of the sample).

    `drawn_before` limits it to families registered before the sample was drawn,
    so drawing again later with the stored seed gives the same files.
    """
    year = audit.cycle.year
    qs = served_in(team=audit.team, since=dt.date(year, 1, 1), until=dt.date(year, 12, 31))
    if drawn_before is not None:
        qs = qs.filter(created_at__lte=drawn_before)
    return list(qs.order_by("pk").values_list("pk", flat=True))


def sample_family_ids(*, population: list[int], size: int, seed: int) -> list[int]:
    """The sample drawn from `population` with `seed`: the same inputs always give the same files, in order."""
    # A seeded generator on purpose: the draw must be repeatable, it guards no secret.
    return random.Random(seed).sample(population, min(size, len(population)))  # noqa: S311


def sampled_files(*, audit: TeamAudit) -> list[SampledFile]:
    """The sample in drawing order, with how many checklist items each file has answered (one query)."""
    return list(audit.sampled_files.select_related("family").annotate(answered=Count("checks")).order_by("position"))


def sampled_family_ids_readable(*, user: User, files: list[SampledFile]) -> set[int]:
    """Which sampled families this user may read now, through casework's one read rule (one query).

    The audit pages name a sampled family, and link to its file, only for these:
    an auditor's access ends with the audit, and a teamleider's with the
    family's move to another team, whatever role they hold in the audit.
    """
    if not files:
        return set()
    ids = [f.family_id for f in files]
    return set(families_readable_by(user=user).filter(pk__in=ids).values_list("pk", flat=True))


def sampled_file_get(*, audit: TeamAudit, position: int) -> SampledFile:
    try:
        return audit.sampled_files.select_related("family").get(position=position)
    except SampledFile.DoesNotExist:
        raise Http404("Dossier niet in de steekproef") from None


def file_checks_for(*, sampled_file: SampledFile) -> dict[int, FileCheck]:
    return {c.item_id: c for c in sampled_file.checks.all()}


def file_check_summary(*, audit: TeamAudit) -> list[dict]:
    """Per checklist item, how many sampled files answered ja / deels / nee / n.v.t. (one aggregate query)."""
    if audit.file_checklist_id is None:
        return []
    counts = {
        answer.value: Count("file_checks", filter=Q(file_checks__sampled_file__audit=audit, file_checks__answer=answer))
        for answer in CheckAnswer
    }
    items = ChecklistItem.objects.filter(version_id=audit.file_checklist_id).annotate(**counts).order_by("position")
    return [{"item": item, "counts": [(a.label, getattr(item, a.value)) for a in CheckAnswer]} for item in items]


def question_responses(*, audit: TeamAudit) -> list[dict]:
    """The conversation questions of the audit's version, each with the team's own view."""
    questions = audit.questions  # no query when the audit has no version yet
    if questions is None:
        return []
    views = {r.item_id: r for r in QuestionResponse.objects.filter(audit=audit)}
    return [{"item": item, "response": views.get(item.pk)} for item in questions.items.all()]


def findings(*, audit: TeamAudit) -> list[Finding]:
    """Strengths first, then points to improve (the model's ordering)."""
    return list(audit.findings.select_related("author"))


def actions(*, audit: TeamAudit) -> list[ImprovementAction]:
    return list(audit.actions.select_related("owner").prefetch_related("changes__author"))


def audit_previous(*, audit: TeamAudit) -> TeamAudit | None:
    """The same team's audit of the most recent earlier year."""
    return (
        TeamAudit.objects.filter(team_id=audit.team_id, cycle__year__lt=audit.cycle.year)
        .select_related("cycle")
        .order_by("-cycle__year")
        .first()
    )


def previous_actions(*, previous: TeamAudit | None) -> list[ImprovementAction]:
    """Last year's actions, shown again: the open ones first, so follow-up is discussed."""
    if previous is None:
        return []
    rows = list(previous.actions.select_related("owner"))
    return sorted(rows, key=lambda a: (a.status not in OPEN_ACTION_STATUSES, a.due_on, a.pk))


def action_owner_choices(*, audit: TeamAudit) -> QuerySet[User]:
    """Who may own an improvement action: active members of the audited team."""
    members = Membership.objects.active().filter(team_id=audit.team_id).values("user_id")
    return User.objects.filter(pk__in=members, is_active=True).order_by("first_name", "last_name")


def team_leaders(*, audit: TeamAudit) -> QuerySet[User]:
    members = Membership.objects.active().filter(team_id=audit.team_id, role=TeamRole.TEAMLEIDER).values("user_id")
    return User.objects.filter(pk__in=members, is_active=True)


def action_get(*, action_id: int) -> ImprovementAction:
    try:
        return ImprovementAction.objects.select_related("audit__team", "audit__cycle").get(pk=action_id)
    except ImprovementAction.DoesNotExist:
        raise Http404("Actie niet gevonden") from None


def user_has_audits(*, user: User, memberships: Iterable[tuple[int, str]] | None = None) -> bool:
    """For the menu: whether the user has any audit to open (one EXISTS query; `memberships`: the request's)."""
    from .access import readable_audits_filter

    return TeamAudit.objects.filter(readable_audits_filter(user=user, memberships=memberships)).exists()


def audit_status_events(*, audit: TeamAudit) -> QuerySet[TeamAuditEvent]:
    """The audit's status changes: the version a step on its page starts from (core.concurrency)."""
    return audit.events.filter(kind="status")
