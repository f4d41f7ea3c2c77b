"""The parts of the team figures page: caseload, score distributions, phase durations, lead time, months.

`teams.dashboard.selectors.dashboard_figures` puts them together. Every part is
an SQL aggregate or one query whose rows are few per family, in a fixed number
of queries whatever the team's size. What the audit snapshot and the reports
count too (score distributions, phase stays, lead time) comes from
`casework.figures`, with medians from `core.figures`, so the figures page, the
audit and the reports agree. Nothing here is per worker except the caseload,
and that is ordered by name: no ranking or comparison of workers by their
families' scores (DESIGN.md section 5).
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, TruncMonth

from accounts.models import Membership, Team, TeamRole, User
from casework.access import families_of_team
from casework.figures import ScoreDistribution, lead_time_days, phase_stays
from casework.models import Family
from core.dates import add_months
from core.figures import median_days


@dataclass(frozen=True)
class Caseload:
    manager: User
    families: int


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


def team_phase_durations(*, team: Team, today: dt.date, since: dt.date, norms: dict[str, int]) -> list[PhaseDuration]:
    """Median days per ISC phase from the phase history, in one query (`casework.figures.phase_stays`).

    Two medians per phase: *completed* stays that ended in the last twelve
    months (after `since`), and the *current* stays of the families in that
    phase now (counted up to today), each beside the team's norm.
    """
    stays = phase_stays(team=team, since=since + dt.timedelta(days=1), until=today)
    return [
        PhaseDuration(
            phase=s.phase,
            label=s.label,
            norm=norms.get(s.phase),
            completed_median=median_days(s.ended),
            completed_count=len(s.ended),
            current_median=median_days(s.running),
            current_count=len(s.running),
        )
        for s in stays.values()
    ]


def team_lead_time(*, team: Team, today: dt.date, since: dt.date) -> LeadTime:
    """Doorlooptijd (aanmelding to afsluiting) of the families closed after `since`, in one query."""
    days = lead_time_days(families=families_of_team(team=team), since=since + dt.timedelta(days=1), until=today)
    return LeadTime(since=since, median_days=median_days(days), count=len(days))


def team_months(*, team: Team, today: dt.date) -> list[MonthCount]:
    """Families started (aangemeld) and closed per calendar month, the last twelve including this one.

    One query: the two counts per month as one UNION ALL of two GROUP BYs.
    """
    first = add_months(today.replace(day=1), -11)
    team_families = families_of_team(team=team).order_by()

    def counts(date_field: str, kind: str) -> QuerySet:
        return (
            team_families.filter(**{f"{date_field}__gte": first, f"{date_field}__lte": today})
            .annotate(month=TruncMonth(date_field), kind=Value(kind))
            .values("kind", "month")
            .annotate(n=Count("pk"))
            .values_list("kind", "month", "n")
        )

    found: dict[tuple[str, dt.date], int] = {}
    for kind, m, n in counts("opened_on", "started").union(counts("closed_on", "closed"), all=True):
        found[(kind, m.date() if isinstance(m, dt.datetime) else m)] = n
    months = [add_months(first, i) for i in range(12)]
    return [MonthCount(m, found.get(("started", m), 0), found.get(("closed", m), 0)) for m in months]
