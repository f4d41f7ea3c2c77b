"""Figures on the family file that the floors above count alike, defined once.

The team dashboard and figures page (teams), the audit snapshot (audits) and
the periodic reports (reports) count the same things: each family's latest
contact and scores on a day, the families with the GI on a day, how long
families stay in each ISC phase, and the lead time of closed families. They
call these functions, so a figure cannot mean one thing on the dashboard and
another in the board report.

Each is a fixed number of queries whatever the number of families. The
`_by_team` forms answer for many teams in the one GROUP BY query per figure the
monthly and board reports make (`team_ids=None`: every team); the single-team
forms are the same query for one team. Pure arithmetic on the rows (medians,
means) is in `core.figures`. Families count in the team they belong to now.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection, connections
from django.db.models import Count, DateField, Expression, F, OuterRef, Q, QuerySet, Subquery, Value

from accounts.models import Team
from core.db_router import read_alias
from core.figures import mean_of_counts
from core.scores import SCORE_VALUES

from .models import Contact, Family, Phase, PhaseChange


def _fetch(sql: str, params: list | dict) -> list[tuple]:
    """Rows of a raw figures query. A raw cursor bypasses the database router, so ask it where a read
    goes (the replica for a figures page)."""
    with connections[read_alias()].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def phases() -> list[tuple[str, str]]:
    """The ISC phases a family stays in, with their labels: afgesloten is where the stays end."""
    return [(value, str(label)) for value, label in Phase.choices if value != Phase.AFGESLOTEN]


# --- the latest contact --------------------------------------------------------------


def latest_contacts(*, on: dt.date | Expression | F | None = None) -> QuerySet[Contact]:
    """The contacts of the outer query's family (`OuterRef("pk")`), newest first, as a correlated subquery.

    Only those on or before `on` when given: a date, or an expression such as
    `OuterRef("closed_on")`. `[:1]` is the latest contact, `[1:2]` the one
    before it. Newest means the latest date, and of one day the last recorded.
    """
    contacts = Contact.objects.filter(family=OuterRef("pk"))
    if on is not None:
        contacts = contacts.filter(date__lte=on)
    return contacts.order_by("-date", "-id")


def latest_score(score: str, *, on: dt.date | Expression | F | None = None) -> Subquery:
    """One field (`safety_score`, `lijn_score`, `date`) of the family's latest contact on or before `on`."""
    return Subquery(latest_contacts(on=on).values(score)[:1])


# --- families with the GI on a day ---------------------------------------------------


def active_on_filter(*, on: dt.date) -> Q:
    """Families with the GI on `on`: registered (aangemeld) on or before it and not closed by then."""
    return Q(opened_on__lte=on) & (Q(closed_on__isnull=True) | Q(closed_on__gt=on))


def active_between_filter(*, since: dt.date, until: dt.date) -> Q:
    """Families with the GI at any moment from `since` to `until` (both included): served in the period."""
    return Q(opened_on__lte=until) & (Q(closed_on__isnull=True) | Q(closed_on__gte=since))


# --- score distributions -------------------------------------------------------------


@dataclass(frozen=True)
class ScoreDistribution:
    """How many families had each score (0..10) as their latest on `on`, and how many had none yet."""

    on: dt.date
    families: int
    safety: list[int]
    lijn: list[int]
    without_score: int

    @property
    def safety_mean(self) -> float | None:
        return mean_of_counts(self.safety)

    @property
    def lijn_mean(self) -> float | None:
        return mean_of_counts(self.lijn)

    def safety_at_most(self, score: int) -> int:
        """Families whose latest safety score is `score` or lower."""
        return sum(n for value, n in zip(SCORE_VALUES, self.safety, strict=True) if value <= score)


@dataclass
class _Tally:
    families: int = 0
    without_score: int = 0
    safety: list[int] = field(default_factory=lambda: [0] * len(SCORE_VALUES))
    lijn: list[int] = field(default_factory=lambda: [0] * len(SCORE_VALUES))

    def add(self, safety: int | None, lijn: int | None, n: int) -> None:
        self.families += n
        if safety is None or lijn is None:  # a contact always has both scores: no contact yet
            self.without_score += n
            return
        self.safety[SCORE_VALUES.index(safety)] += n
        self.lijn[SCORE_VALUES.index(lijn)] += n

    def freeze(self, on: dt.date) -> ScoreDistribution:
        return ScoreDistribution(on, self.families, self.safety, self.lijn, self.without_score)


# On PostgreSQL each family's latest contact on a day is found by a LATERAL join:
# one index probe (contact_family_latest: family, -date, -id) per family and day
# for both scores at once, and several days (now and three months ago) in one
# pass, each with its own families. The ORM cannot write a lateral join, so the
# families come from their queryset's own SQL and are wrapped here. SQLite (make
# run) has no LATERAL: there the same rows come from the correlated subqueries
# (`latest_score`), which is also the reference the tests compare with.
_LATERAL_SCORES = """
SELECT f.at_day, {group} c.safety_score, c.lijn_score, COUNT(*)
FROM ({families}) f
LEFT JOIN LATERAL (
    SELECT safety_score, lijn_score FROM {contacts}
    WHERE family_id = f.id AND date <= f.at_day
    ORDER BY date DESC, id DESC LIMIT 1
) c ON true
GROUP BY f.at_day, {group} c.safety_score, c.lijn_score
"""


def _lateral_score_rows(days: dict[dt.date, QuerySet[Family]], *, by_team: bool) -> list[tuple]:
    """(day, [team_id,] safety, lijn, n) for every day's families, in one query (PostgreSQL)."""
    parts: list[str] = []
    params: list = []
    for on, families in days.items():
        tagged = (
            families.order_by().annotate(at_day=Value(on, output_field=DateField())).values("id", "team_id", "at_day")
        )
        sql, part_params = tagged.query.sql_with_params()
        parts.append(f"({sql})")
        params.extend(part_params)
    sql = _LATERAL_SCORES.format(
        families=" UNION ALL ".join(parts), contacts=Contact._meta.db_table, group="f.team_id," if by_team else ""
    )
    return _fetch(sql, params)


def _subquery_score_rows(families: QuerySet[Family], *, on: dt.date, by_team: bool) -> list[tuple]:
    """The rows of `_lateral_score_rows` for one day, from correlated subqueries: one GROUP BY query."""
    group = ["team_id"] if by_team else []
    rows = (
        families.annotate(at_safety=latest_score("safety_score", on=on), at_lijn=latest_score("lijn_score", on=on))
        .order_by()
        .values(*group, "at_safety", "at_lijn")
        .annotate(n=Count("pk"))
        .values_list(*group, "at_safety", "at_lijn", "n")
    )
    return [(on, *row) for row in rows]


def score_rows(days: dict[dt.date, QuerySet[Family]], *, by_team: bool, lateral: bool | None = None) -> list[tuple]:
    """Each day's families counted per latest (safety, lijn) pair on that day (and per team with `by_team`).

    One query on PostgreSQL for every day together (a lateral join); one per
    day on SQLite, or with `lateral=False` (the reference the tests compare with).
    """
    if lateral is None:
        lateral = connection.vendor == "postgresql"
    if lateral:
        return _lateral_score_rows(days, by_team=by_team)
    return [row for on, families in days.items() for row in _subquery_score_rows(families, on=on, by_team=by_team)]


def score_distributions(*, days: dict[dt.date, QuerySet[Family]]) -> dict[dt.date, ScoreDistribution]:
    """`score_distribution` for several days, each with its own families, in one query on PostgreSQL."""
    tallies: dict[dt.date, _Tally] = {on: _Tally() for on in days}
    for on, safety, lijn, n in score_rows(days, by_team=False):
        tallies[_as_date(on)].add(safety, lijn, n)
    return {on: tally.freeze(on) for on, tally in tallies.items()}


def score_distribution(*, families: QuerySet[Family], on: dt.date) -> ScoreDistribution:
    """Each family's latest scores on or before `on`, counted per value, in one query."""
    return score_distributions(days={on: families})[on]


def score_distributions_by_team(*, families: QuerySet[Family], on: dt.date) -> dict[int, ScoreDistribution]:
    """`score_distribution` per team of `families`, in one query; a team without families is left out."""
    tallies: dict[int, _Tally] = defaultdict(_Tally)
    for _on, team_id, safety, lijn, n in score_rows({on: families}, by_team=True):
        tallies[team_id].add(safety, lijn, n)
    return {team_id: tally.freeze(on) for team_id, tally in tallies.items()}


def _as_date(value: dt.date | str) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


# --- phase durations -----------------------------------------------------------------

# A stay in a phase runs from its PhaseChange to the family's next one, found
# with a window function (LEAD) in one pass over the phase history. The
# history stops at the period's end, so a stay left after it counts as still
# running then, as it was. Raw SQL because the ORM cannot aggregate over a
# window; the only difference between PostgreSQL and SQLite is how two dates
# subtract (`_day_arithmetic`).
_STAYS = """
WITH stays AS (
    SELECT f.team_id, pc.to_phase, pc."on" AS began,
           LEAD(pc."on") OVER (PARTITION BY pc.family_id ORDER BY pc."on", pc.id) AS ended
    FROM {phase_changes} pc JOIN {families} f ON f.id = pc.family_id
    WHERE pc."on" <= %(until)s {team_filter}
)
"""

# The same stays for some teams on PostgreSQL: the team's families first, then
# each one's history through a lateral subquery that reads the index
# phasechange_family_history (family, on, id; to_phase included) in order - a
# few index entries per family, no scan of the organisation's whole history
# and no sort. (A window inside the lateral subquery keeps the planner from
# turning it back into a join over every phase change.)
_TEAM_STAYS = """
WITH stays AS (
    SELECT f.team_id, pc.to_phase, pc.began, pc.ended
    FROM {families} f
    CROSS JOIN LATERAL (
        SELECT to_phase, "on" AS began, LEAD("on") OVER (ORDER BY "on", id) AS ended
        FROM {phase_changes} WHERE family_id = f.id AND "on" <= %(until)s
    ) pc
    WHERE true {team_filter}
)
"""

# Each stay of the period: its days if it ended in the period, else its days up to the period's end.
_STAY_DAYS = """
SELECT team_id, to_phase,
       CASE WHEN ended >= %(since)s AND ended <= %(until)s THEN {ended} - {began} END,
       CASE WHEN ended IS NULL THEN {until} - {began} END
FROM stays
WHERE to_phase <> 'afgesloten' AND (ended IS NULL OR (ended >= %(since)s AND ended <= %(until)s))
"""

# The same stays counted and averaged per team and phase in SQL, so a report never fetches the history.
_STAY_MEANS = """
SELECT team_id, to_phase,
       SUM(CASE WHEN ended >= %(since)s AND ended <= %(until)s THEN 1 ELSE 0 END),
       AVG(CASE WHEN ended >= %(since)s AND ended <= %(until)s THEN {ended} - {began} END),
       SUM(CASE WHEN ended IS NULL THEN 1 ELSE 0 END),
       AVG(CASE WHEN ended IS NULL THEN {until} - {began} END)
FROM stays
WHERE to_phase <> 'afgesloten'
GROUP BY team_id, to_phase
"""


def _day_arithmetic() -> dict[str, str]:
    if connection.vendor == "postgresql":  # date - date is a number of days
        return {"ended": "ended", "began": "began", "until": "%(until)s::date"}
    # SQLite keeps dates as ISO text
    return {"ended": "julianday(ended)", "began": "julianday(began)", "until": "julianday(%(until)s)"}


def _stays_query(select: str, *, team_ids: list[int] | None, since: dt.date, until: dt.date) -> list[tuple]:
    params: dict = {"since": since, "until": until}
    team_filter = ""
    if team_ids is not None:
        names = [f"team_{i}" for i in range(len(team_ids))]
        team_filter = "AND f.team_id IN ({})".format(", ".join(f"%({name})s" for name in names))
        params |= dict(zip(names, team_ids, strict=True))
    stays = _TEAM_STAYS if team_ids is not None and connection.vendor == "postgresql" else _STAYS
    sql = stays.format(
        phase_changes=PhaseChange._meta.db_table, families=Family._meta.db_table, team_filter=team_filter
    ) + select.format(**_day_arithmetic())
    return _fetch(sql, params)


@dataclass(frozen=True)
class PhaseStays:
    """The stays in one phase: days of those that ended in the period, and of those still running at its end."""

    phase: str
    label: str
    ended: list[int]
    running: list[int]


def phase_stays_by_team(
    *, team_ids: list[int] | None, since: dt.date, until: dt.date
) -> dict[int, dict[str, PhaseStays]]:
    """Per team and phase, the stays that ended from `since` to `until` (both included) and those running
    at `until`, in days, in one query: a few rows per family, for medians (`core.figures.median_days`).

    Both are kept apart because they answer different questions: ended stays
    alone would hide the families that are stuck; running stays alone would
    hide how long a phase usually takes.
    """
    found: dict[tuple[int, str], tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for team_id, phase, ended_days, running_days in _stays_query(
        _STAY_DAYS, team_ids=team_ids, since=since, until=until
    ):
        ended, running = found[(team_id, phase)]
        if running_days is not None:
            running.append(round(running_days))
        elif ended_days is not None:
            ended.append(round(ended_days))
    teams = {team_id for team_id, _phase in found} | set(team_ids or [])
    return {
        team_id: {phase: PhaseStays(phase, label, *found.get((team_id, phase), ([], []))) for phase, label in phases()}
        for team_id in teams
    }


def phase_stays(*, team: Team, since: dt.date, until: dt.date) -> dict[str, PhaseStays]:
    """`phase_stays_by_team` for one team, by phase."""
    return phase_stays_by_team(team_ids=[team.pk], since=since, until=until)[team.pk]


@dataclass(frozen=True)
class PhaseStayMeans:
    """How many stays in one phase ended in the period and their average days; how many run at its end, ditto."""

    phase: str
    label: str
    completed: int
    completed_days: float | None
    current: int
    current_days: float | None


def phase_stay_means_by_team(
    *, team_ids: list[int] | None, since: dt.date, until: dt.date
) -> dict[int, list[PhaseStayMeans]]:
    """The stays of `phase_stays_by_team`, counted and averaged per team and phase in SQL: one query, a
    row per team and phase, however long the history. A team without phase history is left out.

    Averages instead of medians, for reports over every team: a median is no
    portable SQL aggregate, and these must be made on SQLite too without
    fetching every stay.
    """
    found = {
        (team_id, phase): row
        for team_id, phase, *row in _stays_query(_STAY_MEANS, team_ids=team_ids, since=since, until=until)
    }

    def days(value: float | None) -> float | None:
        return None if value is None else round(float(value), 1)

    result: dict[int, list[PhaseStayMeans]] = {}
    for team_id in {team_id for team_id, _phase in found}:
        result[team_id] = []
        for phase, label in phases():
            completed, completed_days, current, current_days = found.get((team_id, phase), (0, None, 0, None))
            result[team_id].append(
                PhaseStayMeans(
                    phase, label, int(completed or 0), days(completed_days), int(current or 0), days(current_days)
                )
            )
    return result


# --- lead time -----------------------------------------------------------------------


def lead_time_days(*, families: QuerySet[Family], since: dt.date, until: dt.date) -> list[int]:
    """Doorlooptijd (aanmelding to afsluiting) in days of the `families` closed from `since` to `until`
    (both included), in one query: one row per family, for a median."""
    closed = families.filter(closed_on__gte=since, closed_on__lte=until).order_by()
    return [(end - start).days for start, end in closed.values_list("opened_on", "closed_on") if end]
