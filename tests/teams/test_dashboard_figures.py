"""The team figures: caseload per gezinsmanager, both score distributions, days per phase, lead time, months.

Selectors are tested directly on PostgreSQL with the fixed cast (tests/support/cast.py)
or a team of their own.
"""

import datetime as dt

from django.utils import timezone

from accounts.models import TeamRole
from casework.models import Family, Phase, PhaseChange
from teams.dashboard import selectors
from teams.models import PhaseNorm
from tests.support.factories import ContactFactory, FamilyFactory, MembershipFactory, TeamFactory

# --- team figures ----------------------------------------------------------------------------


def test_caseload_per_gezinsmanager_by_name_without_scores(cast):
    team = cast.family.team
    senior = MembershipFactory(team=team, role=TeamRole.SENIOR, user__first_name="Aaltje").user
    FamilyFactory(team=team, manager=cast.worker)
    FamilyFactory(team=team, manager=cast.colleague, phase=Phase.AFGESLOTEN, closed_on=timezone.localdate())
    FamilyFactory(team=cast.other_family.team, manager=cast.colleague)  # another team's family
    caseload = selectors.dashboard_figures(team=team).caseload
    assert {c.manager.username: c.families for c in caseload} == {
        "worker": 2,
        "colleague": 0,
        senior.username: 0,
    }, "the teamleider carries no cases; closed families and other teams do not count"
    people = [c.manager for c in caseload]
    assert people == sorted(people, key=lambda u: (u.first_name, u.last_name, u.pk)), "by name, not a ranking"
    assert set(caseload[0].__dataclass_fields__) == {"manager", "families"}, "nothing about scores per worker"


def test_score_distribution_now_and_three_months_ago(cast):
    team = TeamFactory()
    today = timezone.localdate()
    day = lambda n: today - dt.timedelta(days=n)  # noqa: E731
    a = FamilyFactory(team=team, opened_on=day(300))
    ContactFactory(family=a, date=day(100), safety_score=3, lijn_score=2)
    ContactFactory(family=a, date=day(5), safety_score=7, lijn_score=5)
    b = FamilyFactory(team=team, opened_on=day(300))
    ContactFactory(family=b, date=day(120), safety_score=3, lijn_score=3)
    c = FamilyFactory(team=team, opened_on=day(300))  # seen only recently: no score three months ago
    ContactFactory(family=c, date=day(7), safety_score=6, lijn_score=4)
    closed = FamilyFactory(team=team, opened_on=day(300), phase=Phase.AFGESLOTEN, closed_on=day(10))
    ContactFactory(family=closed, date=day(150), safety_score=9, lijn_score=8)
    FamilyFactory(team=team, opened_on=day(30))  # new: no score now, not active then

    figures = selectors.dashboard_figures(team=team, today=today)
    now, then = figures.scores_now, figures.scores_then

    def as_dict(counts):
        return {score: n for score, n in enumerate(counts) if n}

    assert len(now.safety) == len(now.lijn) == 11
    assert (now.families, now.without_score, figures.active_families) == (4, 1, 4)
    assert as_dict(now.safety) == {3: 1, 6: 1, 7: 1}
    assert as_dict(now.lijn) == {3: 1, 4: 1, 5: 1}
    assert (then.families, then.without_score) == (4, 1)
    assert as_dict(then.safety) == {3: 2, 9: 1}
    assert as_dict(then.lijn) == {2: 1, 3: 1, 8: 1}
    assert 89 <= (today - then.on).days <= 92  # three calendar months


def _history(team, opened_days_ago, *changes):
    """A family whose phase history is given as (phase, days_ago) after its aanmelding."""
    today = timezone.localdate()
    opened = today - dt.timedelta(days=opened_days_ago)
    family = FamilyFactory(team=team, phase=Phase.AANMELDING, opened_on=opened, phase_since=opened)
    previous = Phase.AANMELDING
    for phase, days_ago in changes:
        on = today - dt.timedelta(days=days_ago)
        PhaseChange.objects.create(family=family, from_phase=previous, to_phase=phase, on=on, author=family.manager)
        previous = phase
        Family.objects.filter(pk=family.pk).update(phase=phase, phase_since=on)
        if phase == Phase.AFGESLOTEN:
            Family.objects.filter(pk=family.pk).update(closed_on=on)
    return family


def test_median_days_per_phase_lead_time_and_months(cast):
    team = TeamFactory()
    today = timezone.localdate()
    _history(team, 100, (Phase.BETREKKEN, 90), (Phase.ONDERSTEUNEN, 30))
    _history(
        team,
        400,
        (Phase.BETREKKEN, 380),  # its aanmelding ended more than twelve months ago: not counted
        (Phase.ONDERSTEUNEN, 300),
        (Phase.AFGESLOTEN, 20),
    )
    _history(team, 50, (Phase.BETREKKEN, 35))
    _history(team, 300, (Phase.AFGESLOTEN, 100))
    _history(team, 800, (Phase.AFGESLOTEN, 400))  # closed too long ago for the lead time
    PhaseNorm.objects.create(team=team, phase=Phase.BETREKKEN, max_days=60)

    figures = selectors.dashboard_figures(team=team, today=today)
    phases = {p.phase: p for p in figures.phases}
    assert list(phases) == ["aanmelding", "betrekken", "ondersteunen", "generaliseren"]
    # aanmelding: 10 and 15 days (and the 200 of the family closed straight from aanmelding)
    assert (phases["aanmelding"].completed_count, phases["aanmelding"].completed_median) == (3, 15)
    assert (phases["aanmelding"].current_count, phases["aanmelding"].current_median) == (0, None)
    assert (phases["betrekken"].completed_count, phases["betrekken"].completed_median) == (2, 70)  # 60 and 80
    assert (phases["betrekken"].current_count, phases["betrekken"].current_median) == (1, 35)
    assert (phases["betrekken"].norm, phases["ondersteunen"].norm) == (60, 240)
    assert (phases["ondersteunen"].completed_median, phases["ondersteunen"].current_median) == (280, 30)
    assert phases["generaliseren"].completed_median is None

    lead = figures.lead_time
    assert (lead.count, lead.median_days) == (2, 290)  # 380 and 200 days

    started = {(today - dt.timedelta(days=n)).replace(day=1) for n in (100, 50, 300)}
    closed = [(today - dt.timedelta(days=n)).replace(day=1) for n in (20, 100)]
    assert len(figures.months) == 12
    assert figures.months[-1].month == today.replace(day=1)
    assert sum(m.started for m in figures.months) == 3  # opened 100, 50 and 300 days ago
    assert sum(m.closed for m in figures.months) == 2
    by_month = {m.month: m for m in figures.months}
    assert all(by_month[m].started >= 1 for m in started)
    assert all(by_month[m].closed >= 1 for m in closed)


def test_median_rounds_half_days_up(cast):
    team = TeamFactory()
    _history(team, 100, (Phase.BETREKKEN, 90))  # aanmelding 10 days
    _history(team, 100, (Phase.BETREKKEN, 85))  # aanmelding 15 days
    phases = {p.phase: p for p in selectors.dashboard_figures(team=team).phases}
    assert phases["aanmelding"].completed_median == 13  # 12.5
