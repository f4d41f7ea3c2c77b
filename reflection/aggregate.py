"""The anonymous team aggregate: the only view of reflections anyone but the worker and senior gets.

Averages per core element over the completed reflections of one team, computed
in SQL. It never contains a worker's name or id, and it is withheld (None) when
fewer than REFLECTION_MIN_WORKERS distinct workers are covered: with fewer, a
teamleider could guess whose figures they are. The same threshold applies per
element and per measure, so an element whose adherence was rated by only a few
(the rest "niet van toepassing") shows no adherence average either.

A threshold alone is not enough when the reader picks the period: two periods
that differ by one day, or the same period read before and after one more
reflection is completed, differ by exactly one person's scores. So figures only
exist for whole calendar quarters that have ended, and a reflection belongs to
the quarter in which it was completed (afgerond), which never changes
afterwards. A closed quarter therefore always shows the same figures, and
quarters never overlap. A longer period (the audit year) is made of whole closed
quarters and is withheld, in total or per measure, when one of its quarters is
withheld: otherwise the longer period minus the shown quarters gives away the
withheld one.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db.models import Avg, Count, Max, Min, Q, QuerySet
from django.db.models.functions import TruncQuarter
from django.http import Http404
from django.utils import timezone

from accounts.models import OrgRole, Team, User
from accounts.selectors import teams_led_by
from core.dates import add_months, day_range

from .models import NOT_APPLICABLE, ChecklistItem, ReflectionRating, Status


def min_workers() -> int:
    return getattr(settings, "REFLECTION_MIN_WORKERS", 5)


def quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _next_quarter(start: dt.date) -> dt.date:
    return add_months(start, 3)


def closed_quarters(*, today: dt.date | None = None, count: int = 8) -> list[tuple[dt.date, dt.date]]:
    """The last `count` calendar quarters that have ended, newest first, as (first day, last day)."""
    end = quarter_start(today or timezone.localdate())
    quarters = []
    for _ in range(count):
        start = quarter_start(end - dt.timedelta(days=1))
        quarters.append((start, end - dt.timedelta(days=1)))
        end = start
    return quarters


def whole_closed_quarters(
    *, since: dt.date, until: dt.date, today: dt.date | None = None
) -> tuple[dt.date, dt.date] | None:
    """The largest run of whole, ended quarters inside since..until, as (first day, last day); None if none."""
    start = quarter_start(since)
    if start != since:  # a quarter only partly inside: left out
        start = _next_quarter(start)
    end = _next_quarter(quarter_start(until))  # exclusive
    if until != end - dt.timedelta(days=1):
        end = quarter_start(until)
    end = min(end, quarter_start(today or timezone.localdate()))  # the running quarter is not closed yet
    return (start, end - dt.timedelta(days=1)) if start < end else None


def reflection_team_aggregate(
    *, team: Team, since: dt.date, until: dt.date, today: dt.date | None = None
) -> dict | None:
    """Per checklist element the average adherence and competence, plus counts; None below the threshold.

    The period is narrowed to the whole closed quarters inside since..until
    (see the module docstring); the result says which period it covers.
    Elements are grouped by their code, so the same element rated on two
    checklist versions counts as one. Three queries for one quarter, five for
    a longer period, whatever the data size.
    """
    period = whole_closed_quarters(since=since, until=until, today=today)
    if period is None:
        return None
    since, until = period
    since_at, until_at = day_range(since, until)
    ratings = ReflectionRating.objects.filter(
        reflection__team=team,
        reflection__status=Status.DONE,
        reflection__completed_at__gte=since_at,
        reflection__completed_at__lt=until_at,
    )
    totals = ratings.aggregate(
        workers=Count("reflection__worker", distinct=True), reflections=Count("reflection", distinct=True)
    )
    if totals["workers"] < min_workers():
        return None
    rated_adherence = Q(adherence__gt=NOT_APPLICABLE)
    rated_competence = Q(competence__gt=NOT_APPLICABLE)
    per_measure = {
        "adherence_workers": Count("reflection__worker", distinct=True, filter=rated_adherence),
        "competence_workers": Count("reflection__worker", distinct=True, filter=rated_competence),
    }
    hidden: dict[str, set[str]] = {"adherence": set(), "competence": set()}
    if _next_quarter(since) <= until:
        withheld = _withheld_in_a_quarter(ratings=ratings, per_measure=per_measure)
        if withheld is None:
            return None
        hidden = withheld
    rows = list(
        ratings.values("item__code")
        .annotate(
            position=Min("item__position"),
            newest_item=Max("item_id"),
            adherence_avg=Avg("adherence", filter=rated_adherence),
            competence_avg=Avg("competence", filter=rated_competence),
            adherence_n=Count("id", filter=rated_adherence),
            competence_n=Count("id", filter=rated_competence),
            not_applicable=Count("id", filter=Q(adherence=NOT_APPLICABLE) | Q(competence=NOT_APPLICABLE)),
            **per_measure,
        )
        .order_by("position", "item__code")
    )
    titles = dict(ChecklistItem.objects.filter(pk__in=[r["newest_item"] for r in rows]).values_list("code", "title"))
    items = []
    for row in rows:
        code = row["item__code"]
        show_adherence = row["adherence_workers"] >= min_workers() and code not in hidden["adherence"]
        show_competence = row["competence_workers"] >= min_workers() and code not in hidden["competence"]
        items.append(
            {
                "code": code,
                "title": titles.get(code, code),
                "adherence_avg": _rounded(row["adherence_avg"]) if show_adherence else None,
                "competence_avg": _rounded(row["competence_avg"]) if show_competence else None,
                "adherence_count": row["adherence_n"],
                "competence_count": row["competence_n"],
                "not_applicable_count": row["not_applicable"],
                "shown": show_adherence or show_competence,
            }
        )
    return {
        "team": team.name,
        "since": since,
        "until": until,
        "workers": totals["workers"],
        "reflections": totals["reflections"],
        "items": items,
    }


def _withheld_in_a_quarter(
    *, ratings: QuerySet[ReflectionRating], per_measure: dict[str, Count]
) -> dict[str, set[str]] | None:
    """What a quarter of a longer period withholds: None if a whole quarter, else the element codes per measure.

    A quarter without any reflection withholds nothing (there is nothing to
    give away). Two queries.
    """
    by_quarter = ratings.annotate(quarter=TruncQuarter("reflection__completed_at")).order_by()
    workers = by_quarter.values("quarter").annotate(n=Count("reflection__worker", distinct=True))
    if any(0 < row["n"] < min_workers() for row in workers):
        return None
    hidden: dict[str, set[str]] = {"adherence": set(), "competence": set()}
    for row in by_quarter.values("quarter", "item__code").annotate(**per_measure):
        for measure in hidden:
            if 0 < row[f"{measure}_workers"] < min_workers():
                hidden[measure].add(row["item__code"])
    return hidden


def _rounded(value: Decimal | float | None) -> float | None:
    return None if value is None else round(float(value), 1)


def aggregate_teams_for_user(*, user: User) -> QuerySet[Team]:
    """Teams whose aggregate the user may read: teamleider their own, board and auditors all. Else 404."""
    if not user.is_authenticated or not user.is_active:
        raise Http404
    if user.org_role in (OrgRole.BESTUUR, OrgRole.AUDITOR):
        return Team.objects.order_by("name")
    teams = teams_led_by(user=user).order_by("name")
    if not teams.exists():
        raise Http404
    return teams
