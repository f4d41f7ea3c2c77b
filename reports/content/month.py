"""The monthly figures of one team or of every team at once, as SQL aggregates grouped by team.

The monthly team report and the board report are the same figures: the team
report for one team (plus each worker's caseload by name), the board report for
every team in one pass (plus totals, the kwesties the board holds and recurring
partners). Each figure is one GROUP BY query over all teams asked for, so the
number of queries is the same for one team or forty, and for a hundred families
or eight thousand; Python only folds the few grouped rows. Nothing here names a
family, and nothing ranks workers: caseloads are by name (team) or summarised
(board), never ordered by load or by score.

The figures the team dashboard and the audit count too (score distributions,
phase stays, families active on a day) are `casework.figures`' grouped-by-team
forms. Averages instead of medians for the phase stays: a median is no portable
SQL aggregate and these reports must also be made on SQLite (`make run`)
without fetching every row.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import asdict
from typing import Any

from django.conf import settings
from django.db.models import Count, Q

from accounts.models import Team
from casework.access import families_of_teams
from casework.figures import active_on_filter, phase_stay_means_by_team, phases, score_distributions_by_team
from core.dates import day_range
from core.figures import mean_of_counts
from core.scores import SCORE_VALUES
from kwesties.models import EventKind, Kwestie, KwestieEvent, Level, Status
from teams.models import SessionKind, SessionStatus, TeamSession

OPEN = [Status.OPEN, Status.IN_PROGRESS]


def _families(families, *, start, end) -> dict[int, dict]:
    active = active_on_filter(on=end)
    rows = (
        families.order_by()
        .values("team_id")
        .annotate(
            active=Count("pk", filter=active),
            started=Count("pk", filter=Q(opened_on__range=(start, end))),
            closed=Count("pk", filter=Q(closed_on__range=(start, end))),
        )
    )
    return {r.pop("team_id"): r for r in rows}


def _load(families, *, end, names: bool) -> dict[int, dict]:
    """Active families per gezinsmanager at the month's end (the family's current manager), per team."""
    active = families.filter(active_on_filter(on=end))
    fields = ["team_id", "manager_id"]
    if names:
        fields += ["manager__first_name", "manager__last_name", "manager__username"]
    rows = active.order_by().values(*fields).annotate(n=Count("pk"))
    per_team: dict[int, list] = defaultdict(list)
    for r in rows:  # one row per gezinsmanager: already grouped in SQL
        name = ""
        if names:
            name = f"{r['manager__first_name']} {r['manager__last_name']}".strip() or r["manager__username"]
        per_team[r["team_id"]].append((name, r["n"]))
    result = {}
    for team_id, loads in per_team.items():
        counts = [n for _, n in loads]
        result[team_id] = {
            "workers": len(counts),
            "mean": round(sum(counts) / len(counts), 1),
            "min": min(counts),
            "max": max(counts),
        }
        if names:  # by name, never by load: a caseload, not a ranking
            result[team_id]["per_worker"] = [{"name": n, "families": c} for n, c in sorted(loads)]
    return result


def _scores(families, *, end) -> dict[int, dict]:
    """Each active family's latest scores on or before the month's end, counted per team and value; one query."""
    low = settings.TEAM_SIGNALS["SAFETY_LOW_AT_MOST"]
    distributions = score_distributions_by_team(families=families.filter(active_on_filter(on=end)), on=end)
    return {
        team_id: {
            "families": d.families,
            "without_score": d.without_score,
            "safety": d.safety,
            "lijn": d.lijn,
            "safety_low": d.safety_at_most(low),
        }
        for team_id, d in distributions.items()
    }


def _phases(*, team_ids, start, end) -> dict[int, list[dict]]:
    """Stays per ISC phase: completed in the month (and their average days) and current at its end; one query."""
    means = phase_stay_means_by_team(team_ids=team_ids, since=start, until=end)
    return {team_id: [asdict(phase) for phase in rows] for team_id, rows in means.items()}


def _kwesties(*, team_ids, since, until) -> dict[int, dict]:
    kwesties = Kwestie.objects.all() if team_ids is None else Kwestie.objects.filter(team_id__in=team_ids)
    raised = (
        kwesties.order_by()
        .values("team_id")
        .annotate(
            raised=Count("pk", filter=Q(raised_at__gte=since, raised_at__lt=until)),
            open=Count("pk", filter=Q(status__in=OPEN, raised_at__lt=until)),
        )
    )
    events = KwestieEvent.objects.filter(
        at__gte=since, at__lt=until, kind__in=[EventKind.ESCALATED, EventKind.SOLVED, EventKind.CLOSED]
    )
    if team_ids is not None:
        events = events.filter(kwestie__team_id__in=team_ids)
    steps = (
        events.order_by()
        .values("kwestie__team_id")
        .annotate(
            escalated=Count("pk", filter=Q(kind=EventKind.ESCALATED)),
            to_board=Count("pk", filter=Q(kind=EventKind.ESCALATED, to_level=Level.BESTUUR)),
            solved=Count("pk", filter=Q(kind=EventKind.SOLVED)),
            closed=Count("pk", filter=Q(kind=EventKind.CLOSED)),
        )
    )
    result: dict[int, dict] = defaultdict(
        lambda: {"raised": 0, "open": 0, "escalated": 0, "to_board": 0, "solved": 0, "closed": 0}
    )
    for r in raised:
        result[r.pop("team_id")].update(r)
    for r in steps:
        result[r.pop("kwestie__team_id")].update(r)
    return dict(result)


def _sessions(*, team_ids, since, until) -> dict[int, dict]:
    sessions = TeamSession.objects.filter(starts_at__gte=since, starts_at__lt=until).exclude(
        status=SessionStatus.CONCEPT  # a session never published was never held
    )
    if team_ids is not None:
        sessions = sessions.filter(team_id__in=team_ids)
    rows = (
        sessions.order_by()
        .values("team_id")
        .annotate(
            held=Count("pk", distinct=True),
            complex=Count("pk", distinct=True, filter=Q(kind=SessionKind.COMPLEX)),
            case_discussions=Count("discussions", distinct=True),
            families_discussed=Count("discussions__family", distinct=True),
        )
    )
    return {r.pop("team_id"): r for r in rows}


EMPTY: dict[str, dict[str, Any]] = {
    "families": {"active": 0, "started": 0, "closed": 0},
    "load": {"workers": 0, "mean": None, "min": None, "max": None},
    "sessions": {"held": 0, "complex": 0, "case_discussions": 0, "families_discussed": 0},
    "kwesties": {"raised": 0, "open": 0, "escalated": 0, "to_board": 0, "solved": 0, "closed": 0},
}


def month_team_figures(*, start: dt.date, end: dt.date, team_ids: list[int] | None, names: bool) -> list[dict]:
    """The month's figures per team (every team when `team_ids` is None), by team name; 7 queries."""
    chosen = Team.objects.order_by("name", "pk") if team_ids is None else Team.objects.filter(pk__in=team_ids)
    teams = list(chosen.order_by("name", "pk").values("pk", "name"))
    families = families_of_teams(team_ids=team_ids)
    since, until = day_range(start, end)
    per_family = _families(families, start=start, end=end)
    load = _load(families, end=end, names=names)
    scores = _scores(families, end=end)
    stays = _phases(team_ids=team_ids, start=start, end=end)
    kwesties = _kwesties(team_ids=team_ids, since=since, until=until)
    sessions = _sessions(team_ids=team_ids, since=since, until=until)
    no_scores = [0] * len(SCORE_VALUES)
    empty_scores = {"families": 0, "without_score": 0, "safety": no_scores, "lijn": list(no_scores), "safety_low": 0}
    empty_phases = [
        {"phase": p, "label": label, "completed": 0, "completed_days": None, "current": 0, "current_days": None}
        for p, label in phases()
    ]
    result = []
    for team in teams:
        pk = team["pk"]
        figures: dict[str, Any] = {
            "team_id": pk,
            "team": team["name"],
            "families": per_family.get(pk, EMPTY["families"]),
            "load": load.get(pk, {**EMPTY["load"], **({"per_worker": []} if names else {})}),
            "scores": scores.get(pk, empty_scores),
            "phases": stays.get(pk, empty_phases),
            "kwesties": kwesties.get(pk, EMPTY["kwesties"]),
            "sessions": sessions.get(pk, EMPTY["sessions"]),
        }
        own = figures["scores"]
        own["safety_mean"], own["lijn_mean"] = mean_of_counts(own["safety"]), mean_of_counts(own["lijn"])
        result.append(figures)
    return result
