"""The parts of the team figures page: caseload, score distributions, phase durations, lead time, months.

`teams.dashboard.selectors.dashboard_figures` puts them together. Every part is
an SQL aggregate or one query whose rows are few per family, in a fixed number
of queries whatever the team's size. Medians are taken in Python from one query's rows, because a
median is no portable SQL aggregate and the app also runs on SQLite
(`make run`). Nothing here is per worker except the caseload, and that is
ordered by name: no ranking or comparison of workers by their families' scores
(DESIGN.md section 5).
"""

import datetime as dt
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import Coalesce, Lead, TruncMonth

from accounts.models import Membership, Team, TeamRole, User
from casework.models import Contact, Family, Phase, PhaseChange
from core.dates import add_months
from core.scores import SCORE_VALUES


@dataclass(frozen=True)
class Caseload:
    manager: User
    families: int


@dataclass(frozen=True)
class ScoreDistribution:
    """How many active families had each score (0..10) as their latest on `on`."""

    on: dt.date
    families: int
    safety: list[int]
    lijn: list[int]
    without_score: int


@dataclass(frozen=True)
class PhaseDuration:
    phase: str
    label: str
    norm: int | None
    completed_median: int | None
    completed_count: int
    current_median: int | None
    current_count: int


@dataclass(frozen=True)
class LeadTime:
    since: dt.date
    median_days: int | None
    count: int


@dataclass(frozen=True)
class MonthCount:
    month: dt.date
    started: int
    closed: int


@dataclass(frozen=True)
class TeamFigures:
    today: dt.date
    active_families: int
    caseload: list[Caseload]
    scores_now: ScoreDistribution
    scores_then: ScoreDistribution
    phases: list[PhaseDuration]
    lead_time: LeadTime
    months: list[MonthCount]


def _median_days(values: list[int]) -> int | None:
    """Whole days, halves rounded up: a median of 12.5 days reads as 13."""
    return math.floor(statistics.median(values) + 0.5) if values else None


def team_caseload(*, team: Team, active: QuerySet[Family], today: dt.date) -> list[Caseload]:
    """Active families per gezinsmanager, by name, in one query.

    Everyone who carries cases in the team (gezinsmanagers and seniors, also with
    none yet) and anyone who still has an active family of the team. By name on
    purpose: a caseload, not a ranking.
    """
    per_manager = active.filter(manager=OuterRef("pk")).order_by().values("manager").annotate(n=Count("pk")).values("n")
    members = Membership.objects.active(on=today).filter(team=team, role__in=[TeamRole.GEZINSMANAGER, TeamRole.SENIOR])
    users = (
        User.objects.filter(Q(pk__in=members.values("user_id"), is_active=True) | Q(pk__in=active.values("manager_id")))
        .annotate(n=Coalesce(Subquery(per_manager), 0))
        .order_by("first_name", "last_name", "pk")
    )
    return [Caseload(user, user.n) for user in users]


def score_distribution(*, families: QuerySet[Family], on: dt.date) -> ScoreDistribution:
    """Each family's latest scores on or before `on`, counted per value in one aggregate query."""
    latest = Contact.objects.filter(family=OuterRef("pk"), date__lte=on).order_by("-date", "-id")
    qs = families.annotate(
        at_safety=Subquery(latest.values("safety_score")[:1]), at_lijn=Subquery(latest.values("lijn_score")[:1])
    )
    counts = {f"s{i}": Count("pk", filter=Q(at_safety=i)) for i in SCORE_VALUES}
    counts |= {f"l{i}": Count("pk", filter=Q(at_lijn=i)) for i in SCORE_VALUES}
    result = qs.aggregate(total=Count("pk"), unscored=Count("pk", filter=Q(at_safety__isnull=True)), **counts)
    return ScoreDistribution(
        on=on,
        families=result["total"],
        safety=[result[f"s{i}"] for i in SCORE_VALUES],
        lijn=[result[f"l{i}"] for i in SCORE_VALUES],
        without_score=result["unscored"],
    )


def team_phase_durations(*, team: Team, today: dt.date, since: dt.date, norms: dict[str, int]) -> list[PhaseDuration]:
    """Median days per ISC phase from the phase history, in one query.

    A stay in a phase runs from its PhaseChange to the family's next one (a
    window function finds it). Two medians per phase, kept apart because they
    answer different questions: *completed* stays that ended in the last twelve
    months (after `since`), and the *current* stays of the families in that
    phase now (counted up to today). Completed stays alone would hide the
    families that are stuck; current stays alone would hide how long a phase
    usually takes. The history itself is fetched (a few rows per family) and the
    median taken in Python, because a median is no portable SQL aggregate and
    the app also runs on SQLite.
    """
    history = (
        PhaseChange.objects.filter(family__team=team)
        .annotate(next_on=Window(Lead("on"), partition_by=[F("family_id")], order_by=[F("on").asc(), F("id").asc()]))
        .values_list("to_phase", "on", "next_on")
    )
    completed: dict[str, list[int]] = defaultdict(list)
    current: dict[str, list[int]] = defaultdict(list)
    for phase, start, end in history:
        if end is None:
            current[phase].append((today - start).days)
        elif since < end <= today:
            completed[phase].append((end - start).days)
    return [
        PhaseDuration(
            phase=value,
            label=str(label),
            norm=norms.get(value),
            completed_median=_median_days(completed[value]),
            completed_count=len(completed[value]),
            current_median=_median_days(current[value]),
            current_count=len(current[value]),
        )
        for value, label in Phase.choices
        if value != Phase.AFGESLOTEN
    ]


def team_lead_time(*, team: Team, today: dt.date, since: dt.date) -> LeadTime:
    """Doorlooptijd (aanmelding to afsluiting) of the families closed after `since`, in one query."""
    closed = Family.objects.filter(team=team, closed_on__gt=since, closed_on__lte=today).values_list(
        "opened_on", "closed_on"
    )
    days = [(end - start).days for start, end in closed]
    return LeadTime(since=since, median_days=_median_days(days), count=len(days))


def team_months(*, team: Team, today: dt.date) -> list[MonthCount]:
    """Families started (aangemeld) and closed per calendar month, the last twelve including this one."""
    first = add_months(today.replace(day=1), -11)
    team_families = Family.objects.filter(team=team).order_by()

    def counts(date_field: str) -> dict[dt.date, int]:
        rows = (
            team_families.filter(**{f"{date_field}__gte": first, f"{date_field}__lte": today})
            .annotate(month=TruncMonth(date_field))
            .values("month")
            .annotate(n=Count("pk"))
            .values_list("month", "n")
        )
        return {(m.date() if isinstance(m, dt.datetime) else m): n for m, n in rows}

    started, closed = counts("opened_on"), counts("closed_on")
    months = [add_months(first, i) for i in range(12)]
    return [MonthCount(m, started.get(m, 0), closed.get(m, 0)) for m in months]
