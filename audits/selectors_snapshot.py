"""The team's figures over an audit year, computed in SQL and frozen into the audit as JSON.

Everything is counted in the database (aggregates with filters, a window
function for the phase history) in a fixed number of queries whatever the
team's size. Medians are taken in Python from one query's rows, as the team
figures do (`teams.dashboard.figures`): a median is no portable SQL aggregate
and the app also runs on SQLite. Families count in the team they belong to when
the figures are taken. Nothing here is per worker (DESIGN.md section 5).
"""

import datetime as dt
import json
import logging
import math
import statistics
from collections import defaultdict

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import Lead
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Team
from casework.models import Contact, Family, Phase, PhaseChange
from kwesties.models import EventKind, Kwestie, KwestieEvent
from teams.dashboard.figures import score_distribution
from teams.models import CaseDiscussion, SessionKind, SessionStatus, TeamSession

logger = logging.getLogger(__name__)

SNAPSHOT_VERSION = 1


def audit_period(*, year: int, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The audit year, up to today while the year is still running."""
    today = today or timezone.localdate()
    return dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)


def _median(values: list[int]) -> int | None:
    return math.floor(statistics.median(values) + 0.5) if values else None


def _moment_range(since: dt.date, until: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(dt.datetime.combine(since, dt.time.min), tz)
    end = timezone.make_aware(dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min), tz)
    return start, end


def active_on(*, team: Team, on: dt.date) -> QuerySet[Family]:
    return Family.objects.filter(team=team, opened_on__lte=on).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=on))


def served_in(*, team: Team, since: dt.date, until: dt.date) -> QuerySet[Family]:
    """Families the team worked with at any moment of the period."""
    return Family.objects.filter(team=team, opened_on__lte=until).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=since)
    )


def _distribution(*, families: QuerySet[Family], on: dt.date) -> dict:
    """The team dashboard's score distribution (one aggregate query), as JSON with the two means."""
    d = score_distribution(families=families, on=on)
    scored = d.families - d.without_score

    def mean(values: list[int]) -> float | None:
        return round(sum(i * n for i, n in enumerate(values)) / scored, 1) if scored else None

    return {
        "on": on.isoformat(),
        "families": d.families,
        "without_score": d.without_score,
        "safety": d.safety,
        "lijn": d.lijn,
        "safety_mean": mean(d.safety),
        "lijn_mean": mean(d.lijn),
    }


def _closed(*, team: Team, since: dt.date, until: dt.date) -> dict:
    """Families closed in the period: how many, how many ended with a centrale lijn of 8 or more, lead time."""
    last_lijn = Contact.objects.filter(family=OuterRef("pk"), date__lte=OuterRef("closed_on")).order_by("-date", "-id")
    closed = Family.objects.filter(team=team, closed_on__gte=since, closed_on__lte=until)
    row = closed.annotate(last_lijn=Subquery(last_lijn.values("lijn_score")[:1])).aggregate(
        n=Count("pk"), high=Count("pk", filter=Q(last_lijn__gte=8))
    )
    days = [(end - start).days for start, end in closed.values_list("opened_on", "closed_on")]
    return {
        "count": row["n"],
        "lijn_8_plus": row["high"],
        "share_lijn_8_plus": round(100 * row["high"] / row["n"]) if row["n"] else None,
        "lead_time_median_days": _median(days),
    }


def _phases(*, team: Team, since: dt.date, until: dt.date) -> list[dict]:
    """Median days per ISC phase (one window query), as the team figures count them.

    Two medians per phase, kept apart: the stays that *ended* in the period,
    and the stays still running at its end (counted up to that day). Ended
    stays alone would hide the families that are stuck in a phase. The window
    only sees changes up to the period's end, so a stay left after it counts as
    still running then.
    """
    history = (
        PhaseChange.objects.filter(family__team=team, on__lte=until)
        .annotate(next_on=Window(Lead("on"), partition_by=[F("family_id")], order_by=[F("on").asc(), F("id").asc()]))
        .values_list("to_phase", "on", "next_on")
    )
    stays: dict[str, list[int]] = defaultdict(list)
    running: dict[str, list[int]] = defaultdict(list)
    for phase, start, end in history:
        if end is None:
            running[phase].append((until - start).days)
        elif since <= end <= until:
            stays[phase].append((end - start).days)
    return [
        {
            "phase": value,
            "label": str(label),
            "median_days": _median(stays[value]),
            "count": len(stays[value]),
            "current_median_days": _median(running[value]),
            "current_count": len(running[value]),
        }
        for value, label in Phase.choices
        if value != Phase.AFGESLOTEN
    ]


def _kwesties(*, team: Team, since: dt.date, until: dt.date) -> dict:
    start, end = _moment_range(since, until)
    raised = Kwestie.objects.filter(team=team, raised_at__gte=start, raised_at__lt=end).count()
    solved = (
        KwestieEvent.objects.filter(kwestie__team=team, kind=EventKind.SOLVED, at__gte=start, at__lt=end)
        .aggregate(n=Count("kwestie_id", distinct=True))
        .get("n")
    )
    return {"raised": raised, "solved": solved}


def _sessions(*, team: Team, since: dt.date, until: dt.date) -> dict:
    """Team sessions held (closed) in the period, how often, and the families discussed in them."""
    start, end = _moment_range(since, until)
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
    """The reflection instrument's anonymous team aggregate, when that app provides it."""
    try:
        from reflection.selectors import reflection_team_aggregate
    except ImportError:
        return None
    aggregate = reflection_team_aggregate(team=team, since=since, until=until)
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


def snapshot_period(snapshot: dict | None) -> tuple[dt.date, dt.date] | None:
    """The period a frozen snapshot covers, as dates (for display)."""
    if not snapshot:
        return None
    return dt.date.fromisoformat(snapshot["since"]), dt.date.fromisoformat(snapshot["until"])


def snapshot_comparison(*, current: dict | None, previous: dict | None) -> list[dict]:
    """Rows for the year-on-year table: the same figure from this audit and the previous one."""
    if not current:
        return []

    def pick(snapshot: dict | None, *path):
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
