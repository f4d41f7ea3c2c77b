"""The team's figures over an audit year, computed in SQL and frozen into the audit as JSON.

Everything is counted in the database (aggregates with filters, a window
function for the phase history) in a fixed number of queries whatever the
team's size. The score distributions, phase stays and lead time are the team
figures' own (`casework.figures`, medians from `core.figures`), so the audit
and the team figures page count alike. Families count in the team they belong
to when the figures are taken. Nothing here is per worker (DESIGN.md section 5).
"""

import datetime as dt
import json
import logging

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Team
from casework.access import families_of_team
from casework.figures import (
    active_between_filter,
    active_on_filter,
    latest_score,
    lead_time_days,
    phase_stays,
    score_distribution,
)
from casework.models import Family
from core.dates import day_range
from core.figures import median_days
from kwesties.models import EventKind, Kwestie, KwestieEvent
from reflection import aggregate as reflection_aggregate
from teams.models import CaseDiscussion, SessionKind, SessionStatus, TeamSession

logger = logging.getLogger(__name__)

SNAPSHOT_VERSION = 1


def audit_period(*, year: int, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The audit year, up to today while the year is still running."""
    today = today or timezone.localdate()
    return dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)


def active_on(*, team: Team, on: dt.date) -> QuerySet[Family]:
    return families_of_team(team=team).filter(active_on_filter(on=on))


def served_in(*, team: Team, since: dt.date, until: dt.date) -> QuerySet[Family]:
    """Families the team worked with at any moment of the period."""
    return families_of_team(team=team).filter(active_between_filter(since=since, until=until))


def _distribution(*, families: QuerySet[Family], on: dt.date) -> dict:
    """The team figures' score distribution (one query), as JSON with the two means."""
    d = score_distribution(families=families, on=on)
    return {
        "on": on.isoformat(),
        "families": d.families,
        "without_score": d.without_score,
        "safety": d.safety,
        "lijn": d.lijn,
        "safety_mean": d.safety_mean,
        "lijn_mean": d.lijn_mean,
    }


def _closed(*, team: Team, since: dt.date, until: dt.date) -> dict:
    """Families closed in the period: how many, how many ended with a centrale lijn of 8 or more, lead time."""
    closed = families_of_team(team=team).filter(closed_on__gte=since, closed_on__lte=until)
    row = closed.annotate(last_lijn=latest_score("lijn_score", on=OuterRef("closed_on"))).aggregate(
        n=Count("pk"), high=Count("pk", filter=Q(last_lijn__gte=8))
    )
    days = lead_time_days(families=families_of_team(team=team), since=since, until=until)
    return {
        "count": row["n"],
        "lijn_8_plus": row["high"],
        "share_lijn_8_plus": round(100 * row["high"] / row["n"]) if row["n"] else None,
        "lead_time_median_days": median_days(days),
    }


def _phases(*, team: Team, since: dt.date, until: dt.date) -> list[dict]:
    """Median days per ISC phase (one window query, `casework.figures.phase_stays`), as the team figures count them.

    Two medians per phase, kept apart: the stays that *ended* in the period,
    and the stays still running at its end (counted up to that day).
    """
    return [
        {
            "phase": s.phase,
            "label": s.label,
            "median_days": median_days(s.ended),
            "count": len(s.ended),
            "current_median_days": median_days(s.running),
            "current_count": len(s.running),
        }
        for s in phase_stays(team=team, since=since, until=until).values()
    ]


def _kwesties(*, team: Team, since: dt.date, until: dt.date) -> dict:
    start, end = day_range(since, until)
    raised = Kwestie.objects.filter(team=team, raised_at__gte=start, raised_at__lt=end).count()
    solved = (
        KwestieEvent.objects.filter(kwestie__team=team, kind=EventKind.SOLVED, at__gte=start, at__lt=end)
        .aggregate(n=Count("kwestie_id", distinct=True))
        .get("n")
    )
    return {"raised": raised, "solved": solved}


def _sessions(*, team: Team, since: dt.date, until: dt.date) -> dict:
    """Team sessions held (closed) in the period, how often, and the families discussed in them."""
    start, end = day_range(since, until)
    held = TeamSession.objects.filter(
        team=team, kind=SessionKind.TEAMSESSIE, status=SessionStatus.CLOSED, starts_at__gte=start, starts_at__lt=end
    )
    row = CaseDiscussion.objects.filter(session__in=held).aggregate(
        discussions=Count("pk"), families=Count("family_id", distinct=True)
    )
    count = held.count()
    weeks = max(((until - since).days + 1) / 7, 1)
    return {
        "held": count,
        "per_week": round(count / weeks, 2),
        "discussions": row["discussions"],
        "families_discussed": row["families"],
    }


def _reflection(*, team: Team, since: dt.date, until: dt.date) -> dict | None:
    """The reflection instrument's anonymous team aggregate, or None when it withholds one (too few workers)."""
    aggregate = reflection_aggregate.reflection_team_aggregate(team=team, since=since, until=until)
    # Frozen as JSON: dates and decimals become text.
    return None if aggregate is None else json.loads(json.dumps(aggregate, cls=DjangoJSONEncoder))


def snapshot_compute(*, team: Team, year: int, today: dt.date | None = None) -> dict:
    """The figures of one team over one audit year, as plain JSON-ready data."""
    since, until = audit_period(year=year, today=today)
    snapshot = {
        "version": SNAPSHOT_VERSION,
        "since": since.isoformat(),
        "until": until.isoformat(),
        "families_served": served_in(team=team, since=since, until=until).count(),
        "scores_start": _distribution(families=active_on(team=team, on=since), on=since),
        "scores_now": _distribution(families=active_on(team=team, on=until), on=until),
        "closed": _closed(team=team, since=since, until=until),
        "phases": _phases(team=team, since=since, until=until),
        "kwesties": _kwesties(team=team, since=since, until=until),
        "sessions": _sessions(team=team, since=since, until=until),
    }
    reflection = _reflection(team=team, since=since, until=until)
    if reflection is not None:
        snapshot["reflection"] = reflection
    return snapshot


def snapshot_period(*, snapshot: dict | None) -> tuple[dt.date, dt.date] | None:
    """The period a frozen snapshot covers, as dates (for display)."""
    if not snapshot:
        return None
    return dt.date.fromisoformat(snapshot["since"]), dt.date.fromisoformat(snapshot["until"])


def snapshot_comparison(*, current: dict | None, previous: dict | None) -> list[dict]:
    """Rows for the year-on-year table: the same figure from this audit and the previous one."""
    if not current:
        return []

    def pick(snapshot: dict | None, *path: str) -> object:
        value = snapshot
        for key in path:
            if not isinstance(value, dict):
                return None
            value = value.get(key)
        return value

    rows = [
        (_("Gezinnen bediend in het jaar"), ("families_served",)),
        (_("Actieve gezinnen aan het begin"), ("scores_start", "families")),
        (_("Actieve gezinnen nu"), ("scores_now", "families")),
        (_("Gemiddelde actuele veiligheid aan het begin"), ("scores_start", "safety_mean")),
        (_("Gemiddelde actuele veiligheid nu"), ("scores_now", "safety_mean")),
        (_("Gemiddelde centrale lijn aan het begin"), ("scores_start", "lijn_mean")),
        (_("Gemiddelde centrale lijn nu"), ("scores_now", "lijn_mean")),
        (_("Gezinnen afgesloten"), ("closed", "count")),
        (_("Afgesloten met centrale lijn 8 of hoger (%)"), ("closed", "share_lijn_8_plus")),
        (_("Doorlooptijd, mediaan in dagen"), ("closed", "lead_time_median_days")),
        (_("Kwesties ingebracht"), ("kwesties", "raised")),
        (_("Kwesties opgelost"), ("kwesties", "solved")),
        (_("Teamsessies gehouden"), ("sessions", "held")),
        (_("Teamsessies per week"), ("sessions", "per_week")),
        (_("Gezinnen besproken in een teamsessie"), ("sessions", "families_discussed")),
    ]
    return [{"label": label, "now": pick(current, *path), "before": pick(previous, *path)} for label, path in rows]
