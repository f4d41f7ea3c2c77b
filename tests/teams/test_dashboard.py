"""The team dashboard: each signal at its threshold, the team figures, the pages, who sees them, query counts.

Selectors are tested directly on PostgreSQL; the pages through the test client
with the fixed cast (tests/support/cast.py): Team Noord has Gezin De Vries (worker),
Team Zuid has Gezin Yilmaz (outsider).
"""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.db import connection
from django.http import Http404
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import TeamRole
from casework.models import Family, Measure, Phase, PhaseChange
from privacy.models import AccessLogEntry, Action
from teams.dashboard import selectors
from teams.models import CaseDiscussion, PhaseNorm, SessionStatus, TeamSession
from tests.support.factories import ContactFactory, FamilyFactory, MemberFactory, MembershipFactory, TeamFactory

TODAY = dt.date(2026, 3, 16)  # for the signals about children, whose dates are absolute


def signals_tweaked(**changes):
    """override_settings for some signal thresholds, the others as configured."""
    return override_settings(TEAM_SIGNALS={**settings.TEAM_SIGNALS, **changes})


def reasons(family, *, today=None) -> dict[str, list[str]]:
    """The family's signals on the dashboard of its team, as code -> reasons."""
    rows = selectors.dashboard_rows(team=family.team, today=today)
    row = next(r for r in rows if r.family.pk == family.pk)
    found: dict[str, list[str]] = {}
    for s in row.signals:
        found.setdefault(s.code, []).append(s.reason)
    return found


def family_with_scores(cast, *scores, **family_kwargs):
    """A family of Team Noord with contacts (days_ago, safety, lijn), oldest first or in any order."""
    family = FamilyFactory(team=cast.family.team, manager=cast.worker, **family_kwargs)
    for days_ago, safety, lijn in scores:
        ContactFactory(
            family=family,
            date=timezone.localdate() - dt.timedelta(days=days_ago),
            safety_score=safety,
            lijn_score=lijn,
        )
    return family


def test_cast_family_has_no_signals(cast):
    row = selectors.dashboard_rows(team=cast.family.team)[0]
    assert row.family == cast.family
    assert row.signals == []
    assert row.figures.days_since_contact == 7
    assert (row.family.last_safety, row.family.last_lijn, row.phase_norm_days) == (6, 4, 240)


# --- each signal fires at its threshold and not just before it ---------------------------


@pytest.mark.parametrize(("score", "fires"), [(4, True), (5, False)])
def test_safety_low_at_four_or_lower(cast, score, fires):
    family = family_with_scores(cast, (3, score, 5))
    found = reasons(family)
    assert found.get("veiligheid_laag") == ([f"Veiligheid {score}: 4 of lager"] if fires else None)


def test_safety_low_threshold_is_a_setting(cast):
    family = family_with_scores(cast, (3, 5, 5))
    assert "veiligheid_laag" not in reasons(family)
    with signals_tweaked(SAFETY_LOW_AT_MOST=5):
        assert reasons(family)["veiligheid_laag"] == ["Veiligheid 5: 5 of lager"]


@pytest.mark.parametrize(("before", "after", "fires"), [(7, 5, True), (7, 6, False), (5, 7, False)])
def test_safety_dropped_two_or_more_since_the_previous_contact(cast, before, after, fires):
    family = family_with_scores(cast, (10, before, 5), (3, after, 5))
    expected = [f"Veiligheid van {before} naar {after} (−{before - after})"] if fires else None
    assert reasons(family).get("veiligheid_gedaald") == expected


def test_safety_drop_threshold_is_a_setting(cast):
    family = family_with_scores(cast, (10, 8, 5), (3, 7, 5))
    assert "veiligheid_gedaald" not in reasons(family)
    with signals_tweaked(SAFETY_DROP_AT_LEAST=1):
        assert reasons(family)["veiligheid_gedaald"] == ["Veiligheid van 8 naar 7 (−1)"]


@pytest.mark.parametrize(
    ("contacts", "expected"),
    [
        # A score from exactly eight weeks ago counts as "eight weeks ago".
        ([(56, 7, 5), (3, 7, 5)], ["Centrale lijn niet gestegen in 8 weken (5 → 5)"]),
        ([(70, 7, 6), (30, 7, 5), (3, 7, 4)], ["Centrale lijn niet gestegen in 8 weken (6 → 4)"]),
        ([(60, 7, 5), (3, 7, 6)], None),  # risen
        ([(55, 7, 5), (3, 7, 5)], None),  # no score from eight weeks ago: too new to have stalled
    ],
    ids=["gelijk", "gedaald", "gestegen", "te-nieuw"],
)
def test_lijn_not_risen_in_eight_weeks(cast, contacts, expected):
    family = family_with_scores(cast, *contacts)
    assert reasons(family).get("lijn_stil") == expected


def test_lijn_stalled_weeks_is_a_setting(cast):
    family = family_with_scores(cast, (30, 7, 5), (3, 7, 5))
    assert "lijn_stil" not in reasons(family)
    with signals_tweaked(LIJN_STALLED_WEEKS=4):
        assert reasons(family)["lijn_stil"] == ["Centrale lijn niet gestegen in 4 weken (5 → 5)"]


@pytest.mark.parametrize(("days", "fires"), [(14, False), (15, True)])
def test_no_contact_in_more_than_fourteen_days(cast, days, fires):
    family = family_with_scores(cast, (days, 7, 5))
    assert reasons(family).get("geen_contact") == ([f"Geen contact in {days} dagen"] if fires else None)


@pytest.mark.parametrize(("days", "fires"), [(14, False), (15, True)])
def test_never_seen_counts_from_the_aanmelding(cast, days, fires):
    opened = timezone.localdate() - dt.timedelta(days=days)
    family = family_with_scores(cast, phase=Phase.AANMELDING, opened_on=opened, phase_since=opened)
    expected = [f"Nog geen contact, {days} dagen na de aanmelding"] if fires else None
    assert reasons(family).get("geen_contact") == expected


def test_no_contact_days_is_a_setting(cast):
    family = family_with_scores(cast, (20, 7, 5))
    with signals_tweaked(NO_CONTACT_DAYS=30):
        assert "geen_contact" not in reasons(family)


@pytest.mark.parametrize(("days", "fires"), [(240, False), (241, True)])
def test_longer_in_phase_than_the_default_norm(cast, days, fires):
    since = timezone.localdate() - dt.timedelta(days=days)
    family = family_with_scores(cast, (3, 7, 5), phase=Phase.ONDERSTEUNEN, phase_since=since)
    expected = [f"Al {days} dagen in ondersteunen en monitoren (norm 240)"] if fires else None
    assert reasons(family).get("fase_lang") == expected


def test_the_teams_phase_norm_overrides_the_default(cast):
    since = timezone.localdate() - dt.timedelta(days=101)
    family = family_with_scores(cast, (3, 7, 5), phase=Phase.ONDERSTEUNEN, phase_since=since)
    elsewhere = FamilyFactory(team=cast.other_family.team, phase=Phase.ONDERSTEUNEN, phase_since=since)
    ContactFactory(family=elsewhere, date=timezone.localdate())
    assert "fase_lang" not in reasons(family)
    PhaseNorm.objects.create(team=cast.family.team, phase=Phase.ONDERSTEUNEN, max_days=100)
    assert reasons(family)["fase_lang"] == ["Al 101 dagen in ondersteunen en monitoren (norm 100)"]
    assert "fase_lang" not in reasons(elsewhere), "a norm holds for its own team only"
    with override_settings(TEAM_PHASE_NORM_DAYS={**settings.TEAM_PHASE_NORM_DAYS, "ondersteunen": 90}):
        assert "fase_lang" in reasons(elsewhere)


@pytest.mark.parametrize(
    ("end", "fires"),
    [
        (TODAY + dt.timedelta(weeks=8), True),
        (TODAY + dt.timedelta(weeks=8, days=1), False),
        (TODAY, True),  # ends today: not ended yet
        (TODAY - dt.timedelta(days=1), False),  # already ended
        (None, False),
    ],
    ids=["over-8-weken", "net-daarna", "vandaag", "al-afgelopen", "zonder-einde"],
)
def test_measure_ending_within_eight_weeks(cast, end, fires):
    family = family_with_scores(cast)
    child = MemberFactory(family=family, first_name="Sanne", date_of_birth=dt.date(2015, 1, 1))
    Measure.objects.create(child=child, kind="ots", start=TODAY - dt.timedelta(days=300), end=end)
    expected = [f"OTS van Sanne eindigt op {end:%d-%m-%Y}"] if fires else None
    assert reasons(family, today=TODAY).get("maatregel_eindigt") == expected


def test_each_measure_ending_is_its_own_signal(cast):
    family = family_with_scores(cast)
    for name, kind, weeks in [("Sanne", "ots", 2), ("Daan", "voogdij", 5)]:
        child = MemberFactory(family=family, first_name=name, date_of_birth=dt.date(2012, 1, 1))
        Measure.objects.create(child=child, kind=kind, start=dt.date(2025, 1, 1), end=TODAY + dt.timedelta(weeks=weeks))
    assert reasons(family, today=TODAY)["maatregel_eindigt"] == [
        "OTS van Sanne eindigt op 30-03-2026",
        "Voogdij van Daan eindigt op 20-04-2026",
    ]


@pytest.mark.parametrize(
    ("born", "role", "fires"),
    [
        (dt.date(2008, 9, 16), "jeugdige", True),  # 18 on 16-09-2026: exactly six months from TODAY
        (dt.date(2008, 9, 17), "jeugdige", False),  # a day too late
        (dt.date(2008, 3, 17), "jeugdige", True),  # 18 tomorrow
        (dt.date(2008, 3, 16), "jeugdige", False),  # 18 today: already of age
        (dt.date(2008, 9, 16), "ouder", False),  # a young parent is no child in care
    ],
)
def test_child_turning_18_within_six_months(cast, born, role, fires):
    family = family_with_scores(cast)
    MemberFactory(family=family, first_name="Sanne", role=role, date_of_birth=born)
    birthday = born.replace(year=born.year + 18)
    expected = [f"Sanne wordt 18 op {birthday:%d-%m-%Y}"] if fires else None
    assert reasons(family, today=TODAY).get("wordt_18") == expected


def test_turning_18_months_is_a_setting(cast):
    family = family_with_scores(cast)
    MemberFactory(family=family, first_name="Sanne", date_of_birth=dt.date(2008, 12, 1))
    assert "wordt_18" not in reasons(family, today=TODAY)
    with signals_tweaked(TURNING_18_MONTHS=9):
        assert reasons(family, today=TODAY)["wordt_18"] == ["Sanne wordt 18 op 01-12-2026"]


def test_born_on_29_february_turns_18_on_28_february_in_a_common_year(cast):
    family = family_with_scores(cast)
    MemberFactory(family=family, first_name="Sanne", date_of_birth=dt.date(2008, 2, 29))
    assert reasons(family, today=dt.date(2026, 2, 1))["wordt_18"] == ["Sanne wordt 18 op 28-02-2026"]
    assert "wordt_18" not in reasons(family, today=dt.date(2026, 2, 28))


# --- discussed in a session ----------------------------------------------------------------


def _discuss(cast, family, starts_at, status=SessionStatus.CLOSED):
    session = TeamSession.objects.create(
        team=family.team,
        starts_at=starts_at,
        teamleider=cast.teamleider,
        created_by=cast.teamleider,
        status=status,
    )
    CaseDiscussion.objects.create(
        session=session, family=family, presenter=cast.worker, question="Is Sanne veilig?", added_by=cast.teamleider
    )
    return session


def test_discussed_in_a_session_in_the_last_eight_weeks(cast):
    now = timezone.now()
    recent = FamilyFactory(team=cast.family.team, manager=cast.worker)
    long_ago = FamilyFactory(team=cast.family.team, manager=cast.worker)
    planned = FamilyFactory(team=cast.family.team, manager=cast.worker)
    session = _discuss(cast, recent, now - dt.timedelta(weeks=3))
    _discuss(cast, long_ago, now - dt.timedelta(weeks=8, days=1))
    _discuss(cast, planned, now + dt.timedelta(days=2))  # on next week's agenda: not discussed yet
    never_held = FamilyFactory(team=cast.family.team, manager=cast.worker)
    _discuss(cast, never_held, now - dt.timedelta(weeks=1), status=SessionStatus.CONCEPT)
    rows = {r.family.pk: r for r in selectors.dashboard_rows(team=cast.family.team)}
    assert rows[recent.pk].discussed and rows[recent.pk].discussed_at == session.starts_at
    assert not rows[long_ago.pk].discussed
    assert not rows[planned.pk].discussed
    assert not rows[never_held.pk].discussed  # a concept agenda that was never published
    assert not rows[cast.family.pk].discussed
    with signals_tweaked(DISCUSSED_WEEKS=9):
        rows = {r.family.pk: r for r in selectors.dashboard_rows(team=cast.family.team)}
        assert rows[long_ago.pk].discussed


# --- which families, filters and candidates -------------------------------------------------


def test_only_the_teams_active_families(cast):
    FamilyFactory(team=cast.family.team, phase=Phase.AFGESLOTEN, closed_on=timezone.localdate(), name="Gezin Dicht")
    names = [r.family.name for r in selectors.dashboard_rows(team=cast.family.team)]
    assert names == ["Gezin De Vries"]
    assert [r.family.name for r in selectors.dashboard_rows(team=cast.other_family.team)] == ["Gezin Yilmaz"]


def test_filters_on_manager_phase_and_signal(cast):
    team = cast.family.team
    low = family_with_scores(cast, (3, 2, 5), name="Gezin Laag")
    theirs = FamilyFactory(
        team=team, manager=cast.colleague, phase=Phase.BETREKKEN, phase_since=timezone.localdate(), name="Gezin Collega"
    )
    ContactFactory(family=theirs, date=timezone.localdate())

    def names(**filters):
        return [r.family.name for r in selectors.dashboard_rows(team=team, **filters)]

    assert names() == ["Gezin Collega", "Gezin De Vries", "Gezin Laag"]
    assert names(manager_id=cast.colleague.pk) == ["Gezin Collega"]
    assert names(phase=Phase.BETREKKEN) == ["Gezin Collega"]
    assert names(signal="veiligheid_laag") == ["Gezin Laag"]
    assert names(signal=selectors.ANY_SIGNAL) == ["Gezin Laag"]
    assert names(signal="veiligheid_laag", manager_id=cast.colleague.pk) == []
    assert names(signal="onbekend") == []
    child = MemberFactory(family=theirs, date_of_birth=dt.date(2008, 5, 1))
    Measure.objects.create(child=child, kind="ots", start=dt.date(2025, 6, 1), end=TODAY + dt.timedelta(days=10))
    assert [r.family.name for r in selectors.dashboard_rows(team=team, today=TODAY, signal="maatregel_eindigt")] == [
        "Gezin Collega"
    ]
    assert [r.family.name for r in selectors.dashboard_rows(team=team, today=TODAY, signal="wordt_18")] == [
        "Gezin Collega"
    ]
    assert low.pk in {r.family.pk for r in selectors.dashboard_rows(team=team, signal="veiligheid_laag")}


def test_candidates_most_urgent_first(cast):
    one_low = family_with_scores(cast, (3, 4, 5), name="Gezin Een")
    one_lower = family_with_scores(cast, (3, 2, 5), name="Gezin Twee")
    two = family_with_scores(cast, (10, 8, 5), (3, 4, 5), name="Gezin Drie")  # low and dropped
    candidates = selectors.dashboard_candidates(team=cast.family.team)
    assert [r.family for r in candidates] == [two, one_lower, one_low]
    assert all(r.signals for r in candidates)


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


# --- pages: who sees them --------------------------------------------------------------------

ROLES = ["worker", "colleague", "teamleider", "outsider", "bestuur", "auditor", "beheer"]
PAGES = ["dashboard:team_dashboard", "dashboard:team_figures"]


@pytest.mark.parametrize("role", ROLES)
def test_dashboard_pages_for_every_role(client, cast, role):
    client.force_login(getattr(cast, role))
    for name in PAGES:
        response = client.get(reverse(name))
        want = 200 if role in ("worker", "colleague", "teamleider", "outsider") else 404
        assert response.status_code == want, f"{role} GET {name}: {response.status_code}, expected {want}"
        if want == 200:
            assert response.context["team"] == (cast.other_family.team if role == "outsider" else cast.family.team)
        if name == "dashboard:team_dashboard" and role == "outsider":
            content = response.content.decode()
            assert "Gezin Yilmaz" in content
            assert "Gezin De Vries" not in content
        # Asking for a team that is not yours is "not found", also for members of another team.
        other = cast.family.team if role == "outsider" else cast.other_family.team
        assert client.get(reverse(name), {"team": other.pk}).status_code == 404
    assert client.get(reverse("dashboard:team_dashboard"), {"team": "noord"}).status_code == 404


def test_member_of_two_teams_chooses(client, cast):
    MembershipFactory(user=cast.teamleider, team=cast.other_family.team, role=TeamRole.TEAMLEIDER)
    client.force_login(cast.teamleider)
    assert selectors.dashboard_team_for_user(user=cast.teamleider) == cast.family.team  # Noord before Zuid
    response = client.get(reverse("dashboard:team_dashboard"), {"team": cast.other_family.team.pk})
    assert "Gezin Yilmaz" in response.content.decode()
    assert "Gezin De Vries" not in response.content.decode()


def test_ended_membership_no_longer_sees_the_dashboard(cast):
    membership = cast.worker.memberships.get()
    membership.end = timezone.localdate() - dt.timedelta(days=1)
    membership.save()
    with pytest.raises(Http404):
        selectors.dashboard_team_for_user(user=cast.worker)


def test_team_link_in_the_menu_only_for_team_members(client, cast):
    client.force_login(cast.worker)
    assert 'href="/team/"' in client.get(reverse("casework:my_families")).content.decode()
    client.force_login(cast.bestuur)
    assert 'href="/team/"' not in client.get(reverse("home")).content.decode()


# --- pages: what they show -------------------------------------------------------------------


def test_dashboard_page_shows_signals_and_logs_every_family_shown(client, cast):
    low = family_with_scores(cast, (10, 7, 5), (3, 3, 5), name="Gezin Laag")
    client.force_login(cast.teamleider)
    content = client.get(reverse("dashboard:team_dashboard")).content.decode()
    assert "Veiligheid 3: 4 of lager" in content
    assert "Veiligheid van 7 naar 3 (−4)" in content
    assert reverse("casework:family_detail", kwargs={"family_id": low.pk}) in content
    assert "4 of lager" in content  # the rules, from the settings
    logged = AccessLogEntry.objects.filter(user=cast.teamleider, what="teamdashboard")
    assert sorted(logged.values_list("family_id", flat=True)) == sorted([cast.family.pk, low.pk])
    assert set(logged.values_list("action", flat=True)) == {Action.LIST}


def test_dashboard_page_filters(client, cast):
    family_with_scores(cast, (3, 3, 5), name="Gezin Laag")
    theirs = FamilyFactory(team=cast.family.team, manager=cast.colleague, phase=Phase.BETREKKEN, name="Gezin Collega")
    ContactFactory(family=theirs, date=timezone.localdate())
    client.force_login(cast.teamleider)
    url = reverse("dashboard:team_dashboard")

    def shown(**params):
        return [r.family.name for r in client.get(url, params).context["rows"]]

    assert shown() == ["Gezin Collega", "Gezin De Vries", "Gezin Laag"]
    assert shown(signaal="veiligheid_laag") == ["Gezin Laag"]
    assert shown(gezinsmanager=cast.colleague.pk) == ["Gezin Collega"]
    assert shown(fase="betrekken") == ["Gezin Collega"]
    assert shown(fase="ondersteunen", gezinsmanager=cast.worker.pk) == ["Gezin De Vries", "Gezin Laag"]
    # A bad value is shown as an error next to its field and ignored, not a 500.
    response = client.get(url, {"signaal": "bestaat-niet", "fase": "betrekken"})
    assert response.status_code == 200
    assert "signaal" in response.context["form"].errors
    assert [r.family.name for r in response.context["rows"]] == ["Gezin Collega"]
    assert AccessLogEntry.objects.filter(what="teamdashboard", family_id=theirs.pk).exists()


def test_figures_page_draws_charts_with_the_numbers_behind_them(client, cast):
    client.force_login(cast.teamleider)
    response = client.get(reverse("dashboard:team_figures"))
    content = response.content.decode()
    assert content.count("<svg") == 5
    assert content.count("De cijfers achter de grafiek") == 5
    assert content.count("<details>") == 5
    # Coordinates are plain numbers even in a Dutch locale ("83,5" would break the picture).
    assert re.search(r'<rect x="\d+(\.\d+)?" y="\d+(\.\d+)?"', content)
    assert not re.search(r' (x|y|x1|x2|y1|y2|width|height)="[^"]*,', content)
    assert "style=" not in content, "a strict CSP allows no inline style"
    assert not AccessLogEntry.objects.filter(user=cast.teamleider).exists(), "aggregates only: nothing to log"


# --- pages: a fixed number of queries --------------------------------------------------------


def _grow(cast, families: int):
    """Families for the team with contacts, children, measures, discussions: every part of a row busy."""
    team = cast.family.team
    today = timezone.localdate()
    for i in range(families):
        manager = cast.worker if i % 2 else cast.colleague
        family = FamilyFactory(team=team, manager=manager, phase=[Phase.BETREKKEN, Phase.ONDERSTEUNEN][i % 2])
        child = MemberFactory(family=family, date_of_birth=today - dt.timedelta(days=18 * 365 - 30))
        Measure.objects.create(child=child, kind="ots", start=today - dt.timedelta(days=300), end=today)
        for week in range(3):
            ContactFactory(family=family, date=today - dt.timedelta(weeks=4 * week + 1), safety_score=3 + week)
        _discuss(cast, family, timezone.now() - dt.timedelta(weeks=1))
        FamilyFactory(team=team, manager=manager, phase=Phase.AFGESLOTEN, closed_on=today - dt.timedelta(days=i))


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("dashboard:team_dashboard", ""),
        ("dashboard:team_dashboard", "?signaal=elk&fase=betrekken"),
        ("dashboard:team_figures", ""),
    ],
    ids=["dashboard", "dashboard-gefilterd", "cijfers"],
)
def test_query_count_does_not_grow_with_the_team(client, cast, name, query):
    url = reverse(name) + query
    PhaseNorm.objects.create(team=cast.family.team, phase=Phase.BETREKKEN, max_days=10)
    client.force_login(cast.teamleider)
    _grow(cast, families=1)  # 2 active families
    small = _count_queries(client, url)
    _grow(cast, families=10)  # 12 active families
    large = _count_queries(client, url)
    assert small == large, f"{url}: {small} queries with 2 families, {large} with 12"
