"""The monthly figures of one team or of every team at once, as SQL aggregates grouped by team.

The monthly team report and the board report are the same figures: the team
report for one team (plus each worker's caseload by name), the board report for
every team in one pass (plus totals, the kwesties the board holds and recurring
partners). Each figure is one GROUP BY query over all teams asked for, so the
number of queries is the same for one team or forty, and for a hundred families
or eight thousand; Python only folds the few grouped rows. Nothing here names a
family, and nothing ranks workers: caseloads are by name (team) or summarised
(board), never ordered by load or by score.

Averages instead of medians: a median is no portable SQL aggregate and these
reports must also be made on SQLite (`make run`) without fetching every row.
"""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db import connection
from django.db.models import Count, OuterRef, Q, Subquery

from accounts.models import Team
from casework.models import Contact, Family, Phase
from core.dates import day_range
from kwesties.models import EventKind, Kwestie, KwestieEvent, Level, Status
from teams.models import SessionKind, SessionStatus, TeamSession

OPEN = [Status.OPEN, Status.IN_PROGRESS]
PHASES = [(value, str(label)) for value, label in Phase.choices if value != Phase.AFGESLOTEN]


def _families(families, *, start, end) -> dict[int, dict]:
    active = Q(opened_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=end))
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
    active = families.filter(opened_on__lte=end).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=end))
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
    """Each active family's latest scores on or before the month's end, counted per team and value."""
    latest = Contact.objects.filter(family=OuterRef("pk"), date__lte=end).order_by("-date", "-id")
    rows = (
        families.filter(opened_on__lte=end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=end))
        .annotate(s=Subquery(latest.values("safety_score")[:1]), lijn=Subquery(latest.values("lijn_score")[:1]))
        .order_by()
        .values("team_id", "s", "lijn")
        .annotate(n=Count("pk"))
    )
    low = settings.TEAM_SIGNALS["SAFETY_LOW_AT_MOST"]
    result: dict[int, dict] = defaultdict(
        lambda: {"families": 0, "without_score": 0, "safety": [0] * 11, "lijn": [0] * 11, "safety_low": 0}
    )
    for r in rows:
        t = result[r["team_id"]]
        t["families"] += r["n"]
        if r["s"] is None:
            t["without_score"] += r["n"]
            continue
        t["safety"][r["s"]] += r["n"]
        t["lijn"][r["lijn"]] += r["n"]
        t["safety_low"] += r["n"] if r["s"] <= low else 0
    return dict(result)


def score_means(scores: dict) -> tuple[float | None, float | None]:
    scored = scores["families"] - scores["without_score"]
    if not scored:
        return None, None
    return tuple(round(sum(i * n for i, n in enumerate(scores[key])) / scored, 1) for key in ("safety", "lijn"))


_STAYS_SQL = """
WITH stays AS (
    SELECT f.team_id, pc.to_phase, pc."on" AS began,
           LEAD(pc."on") OVER (PARTITION BY pc.family_id ORDER BY pc."on", pc.id) AS ended
    FROM casework_phasechange pc JOIN casework_family f ON f.id = pc.family_id
    WHERE pc."on" <= %s {team_filter}
)
SELECT team_id, to_phase,
       SUM(CASE WHEN ended >= %s AND ended <= %s THEN 1 ELSE 0 END),
       AVG(CASE WHEN ended >= %s AND ended <= %s THEN {ended_days} - {began_days} END),
       SUM(CASE WHEN ended IS NULL OR ended > %s THEN 1 ELSE 0 END),
       AVG(CASE WHEN ended IS NULL OR ended > %s THEN {end_days} - {began_days} END)
FROM stays
WHERE to_phase <> 'afgesloten'
GROUP BY team_id, to_phase
"""


def _phases(*, team_ids, start, end) -> dict[int, list[dict]]:
    """Stays per ISC phase: completed in the month (and their average days) and current at its end.

    A stay runs from its PhaseChange to the family's next one, found with a
    window function (LEAD) in one pass over the phase history, then grouped per
    team and phase. Raw SQL because the ORM cannot aggregate over a window; the
    only difference between PostgreSQL and SQLite is how two dates subtract.
    A change after the month's end is left out before the window, so a stay it
    ends counts as current, as it was at the month's end.
    """
    if connection.vendor == "postgresql":
        ended, began, until = "ended", "began", "%s::date"
    else:  # SQLite keeps dates as ISO text
        ended, began, until = "julianday(ended)", "julianday(began)", "julianday(%s)"
    team_filter = "AND f.team_id IN ({})".format(", ".join(["%s"] * len(team_ids))) if team_ids is not None else ""
    sql = _STAYS_SQL.format(team_filter=team_filter, ended_days=ended, began_days=began, end_days=until)
    params = [end, *(team_ids or []), start, end, start, end, end, end, end]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    found = {(team, phase): row for team, phase, *row in rows}

    def days(value) -> float | None:
        return None if value is None else round(float(value), 1)

    result = {}
    for team_id in {team for team, _phase in found}:
        result[team_id] = []
        for phase, label in PHASES:
            completed, completed_days, current, current_days = found.get((team_id, phase), (0, None, 0, None))
            result[team_id].append(
                {
                    "phase": phase,
                    "label": label,
                    "completed": int(completed or 0),
                    "completed_days": days(completed_days),
                    "current": int(current or 0),
                    "current_days": days(current_days),
                }
            )
    return result


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


EMPTY = {
    "families": {"active": 0, "started": 0, "closed": 0},
    "load": {"workers": 0, "mean": None, "min": None, "max": None},
    "sessions": {"held": 0, "complex": 0, "case_discussions": 0, "families_discussed": 0},
    "kwesties": {"raised": 0, "open": 0, "escalated": 0, "to_board": 0, "solved": 0, "closed": 0},
}


def month_team_figures(*, start: dt.date, end: dt.date, team_ids: list[int] | None, names: bool) -> list[dict]:
    """The month's figures per team (every team when `team_ids` is None), by team name; 7 queries."""
    teams = Team.objects.order_by("name", "pk") if team_ids is None else Team.objects.filter(pk__in=team_ids)
    teams = list(teams.order_by("name", "pk").values("pk", "name"))
    families = Family.objects.all() if team_ids is None else Family.objects.filter(team_id__in=team_ids)
    since, until = day_range(start, end)
    per_family = _families(families, start=start, end=end)
    load = _load(families, end=end, names=names)
    scores = _scores(families, end=end)
    phases = _phases(team_ids=team_ids, start=start, end=end)
    kwesties = _kwesties(team_ids=team_ids, since=since, until=until)
    sessions = _sessions(team_ids=team_ids, since=since, until=until)
    empty_scores = {"families": 0, "without_score": 0, "safety": [0] * 11, "lijn": [0] * 11, "safety_low": 0}
    empty_phases = [
        {"phase": p, "label": label, "completed": 0, "completed_days": None, "current": 0, "current_days": None}
        for p, label in PHASES
    ]
    result = []
    for team in teams:
        pk = team["pk"]
        figures = {
            "team_id": pk,
            "team": team["name"],
            "families": per_family.get(pk, EMPTY["families"]),
            "load": load.get(pk, {**EMPTY["load"], **({"per_worker": []} if names else {})}),
            "scores": scores.get(pk, empty_scores),
            "phases": phases.get(pk, empty_phases),
            "kwesties": kwesties.get(pk, EMPTY["kwesties"]),
            "sessions": sessions.get(pk, EMPTY["sessions"]),
        }
        figures["scores"]["safety_mean"], figures["scores"]["lijn_mean"] = score_means(figures["scores"])
        result.append(figures)
    return result
