"""The figures' SQL (lateral joins, windows, one UNION for the months) against a plain Python count.

A fixed-seed data set of three teams with families opened and closed on random
days, contacts on random days (several on one day, so the tie on the id
counts), and phase histories. Every figure the figures page and the reports
take from `casework.figures` is computed again here the straightforward way,
from the rows themselves, and must be the same: the PostgreSQL lateral forms,
the correlated-subquery form SQLite uses, and the whole-organisation form.
"""

import datetime as dt
import random
from collections import Counter, defaultdict

import pytest

from casework import figures
from casework.models import Contact, Family, Phase, PhaseChange
from core.scores import SCORE_VALUES
from teams.dashboard.figures import team_months
from tests.support.factories import ContactFactory, FamilyFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

STAY_PHASES = [Phase.AANMELDING, Phase.BETREKKEN, Phase.ONDERSTEUNEN, Phase.GENERALISEREN]


@pytest.fixture
def data(fixed_day):
    rng = random.Random(12)
    teams = [TeamFactory(name=f"Team {n}") for n in range(3)]
    managers = [UserFactory() for _ in range(3)]
    for n in range(36):
        team = teams[n % 3]
        opened = fixed_day - dt.timedelta(days=rng.randint(20, 700))
        steps = rng.randint(1, 5)  # how many phases it went through, afgesloten being the fifth
        days, on = [], opened
        for _ in range(steps):
            days.append(on)
            on = on + dt.timedelta(days=rng.randint(0, 150))  # 0: two changes on one day
        days = [d for d in days if d <= fixed_day]
        closed = days[-1] if len(days) == 5 else None
        phase = ([*STAY_PHASES, Phase.AFGESLOTEN])[len(days) - 1]
        # Built, not created: the factory's own history rows would not be this random history.
        family = FamilyFactory.build(
            team=team, manager=managers[n % 3], opened_on=opened, closed_on=closed, phase=phase, phase_since=days[-1]
        )
        family.save()
        previous = ""
        for i, day in enumerate(days):
            to = ([*STAY_PHASES, Phase.AFGESLOTEN])[i]
            PhaseChange.objects.create(family=family, from_phase=previous, to_phase=to, on=day, author=family.manager)
            previous = to
        for _ in range(rng.randint(0, 8)):
            day = opened + dt.timedelta(days=rng.randint(0, (fixed_day - opened).days))
            for _same_day in range(rng.choice([1, 1, 2])):
                ContactFactory(family=family, date=day, safety_score=rng.randint(0, 10), lijn_score=rng.randint(0, 10))
    return teams


def _active_on(family: Family, on: dt.date) -> bool:
    return family.opened_on <= on and (family.closed_on is None or family.closed_on > on)


def _python_distribution(families: list[Family], on: dt.date) -> tuple[int, int, list[int], list[int]]:
    safety, lijn, without = [0] * len(SCORE_VALUES), [0] * len(SCORE_VALUES), 0
    for family in families:
        contacts = [c for c in Contact.objects.filter(family=family) if c.date <= on]
        if not contacts:
            without += 1
            continue
        latest = max(contacts, key=lambda c: (c.date, c.id))
        safety[latest.safety_score] += 1
        lijn[latest.lijn_score] += 1
    return len(families), without, safety, lijn


def _as_tuple(d: figures.ScoreDistribution) -> tuple[int, int, list[int], list[int]]:
    return d.families, d.without_score, d.safety, d.lijn


def test_score_distributions_match_python_on_several_days_in_every_form(data, fixed_day):
    days = [fixed_day, fixed_day - dt.timedelta(days=91), fixed_day - dt.timedelta(days=250)]
    families = list(Family.objects.all())
    querysets = {on: Family.objects.filter(figures.active_on_filter(on=on)) for on in days}

    together = figures.score_distributions(days=querysets)
    for on in days:
        expected = _python_distribution([f for f in families if _active_on(f, on)], on)
        assert _as_tuple(together[on]) == expected
        assert _as_tuple(figures.score_distribution(families=querysets[on], on=on)) == expected
        reference = Counter()
        for _on, safety, lijn, n in figures.score_rows({on: querysets[on]}, by_team=False, lateral=False):
            reference[(safety, lijn)] += n
        lateral = Counter()
        for _on, safety, lijn, n in figures.score_rows({on: querysets[on]}, by_team=False, lateral=True):
            lateral[(safety, lijn)] += n
        assert lateral == reference, "the lateral join counts what the correlated subqueries count"

        by_team = figures.score_distributions_by_team(families=querysets[on], on=on)
        for team in data:
            mine = [f for f in families if f.team_id == team.pk and _active_on(f, on)]
            if mine:
                assert _as_tuple(by_team[team.pk]) == _python_distribution(mine, on)
            else:
                assert team.pk not in by_team


def _python_stays(team_id: int, since: dt.date, until: dt.date) -> dict[str, tuple[list[int], list[int]]]:
    found: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for family in Family.objects.filter(team_id=team_id):
        history = sorted(PhaseChange.objects.filter(family=family, on__lte=until), key=lambda c: (c.on, c.id))
        for i, change in enumerate(history):
            if change.to_phase == Phase.AFGESLOTEN:
                continue
            ended = history[i + 1].on if i + 1 < len(history) else None
            if ended is None:
                found[change.to_phase][1].append((until - change.on).days)
            elif since <= ended <= until:
                found[change.to_phase][0].append((ended - change.on).days)
    return found


def test_phase_stays_match_python_for_some_teams_and_for_all(data, fixed_day):
    since, until = fixed_day - dt.timedelta(days=365), fixed_day - dt.timedelta(days=30)
    some = figures.phase_stays_by_team(team_ids=[data[0].pk, data[2].pk], since=since, until=until)
    every = figures.phase_stays_by_team(team_ids=None, since=since, until=until)
    means = figures.phase_stay_means_by_team(team_ids=[data[1].pk], since=since, until=until)
    for team in data:
        expected = _python_stays(team.pk, since, until)
        for phase in STAY_PHASES:
            ended, running = expected.get(phase, ([], []))
            stays = every[team.pk][phase]
            assert (sorted(stays.ended), sorted(stays.running)) == (sorted(ended), sorted(running))
            if team.pk in some:
                mine = some[team.pk][phase]
                assert (sorted(mine.ended), sorted(mine.running)) == (sorted(ended), sorted(running))
    mean = {m.phase: m for m in means[data[1].pk]}
    for phase in STAY_PHASES:
        ended, running = _python_stays(data[1].pk, since, until).get(phase, ([], []))
        assert (mean[phase].completed, mean[phase].current) == (len(ended), len(running))
        assert mean[phase].completed_days == (round(sum(ended) / len(ended), 1) if ended else None)


def test_months_match_python(data, fixed_day):
    for team in data:
        months = team_months(team=team, today=fixed_day)
        first = months[0].month
        families = list(Family.objects.filter(team=team))

        def count(days: list[dt.date | None], month: dt.date, first: dt.date = first) -> int:
            return sum(1 for d in days if d is not None and first <= d <= fixed_day and d.replace(day=1) == month)

        for m in months:
            assert m.started == count([f.opened_on for f in families], m.month)
            assert m.closed == count([f.closed_on for f in families], m.month)
