"""The team dashboard's rows: each signal at its threshold, when a family was discussed, filters and candidates.

Selectors are tested directly on PostgreSQL with the fixed cast (tests/support/cast.py):
Team Noord has Gezin De Vries (worker), Team Zuid has Gezin Yilmaz (outsider).
"""

import datetime as dt

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from casework.models import Measure, Phase
from teams.dashboard import selectors
from teams.models import PhaseNorm, SessionStatus
from tests.support.dashboard_support import discuss_in_session, family_with_scores
from tests.support.factories import ContactFactory, FamilyFactory, MemberFactory

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
        (TODAY - dt.timedelta(days=1), True),  # its end passed, nothing recorded: lapsed
        (None, False),
    ],
    ids=["over-8-weken", "net-daarna", "vandaag", "al-afgelopen", "zonder-einde"],
)
def test_measure_ending_within_eight_weeks(cast, end, fires):
    family = family_with_scores(cast)
    child = MemberFactory(family=family, first_name="Sanne", date_of_birth=dt.date(2015, 1, 1))
    Measure.objects.create(child=child, kind="ots", start=TODAY - dt.timedelta(days=300), end=end)
    due = end - dt.timedelta(weeks=8) if end else None
    expected = (
        [f"OTS van Sanne eindigt op {end:%d-%m-%Y}: verzoek verlenging uiterlijk {due:%d-%m-%Y}"] if fires else None
    )
    if end is not None and end < TODAY:  # its end passed unrecorded: a signal of its own
        expected = [f"OTS van Sanne is afgelopen op {end:%d-%m-%Y}: leg de verlenging of het einde vast"]
    assert reasons(family, today=TODAY).get("maatregel_eindigt") == expected


def test_each_measure_ending_is_its_own_signal(cast):
    family = family_with_scores(cast)
    for name, kind, weeks in [("Sanne", "ots", 2), ("Daan", "voogdij", 5)]:
        child = MemberFactory(family=family, first_name=name, date_of_birth=dt.date(2012, 1, 1))
        Measure.objects.create(child=child, kind=kind, start=dt.date(2025, 1, 1), end=TODAY + dt.timedelta(weeks=weeks))
    assert reasons(family, today=TODAY)["maatregel_eindigt"] == [
        "OTS van Sanne eindigt op 30-03-2026: verzoek verlenging uiterlijk 02-02-2026",
        "Voogdij van Daan eindigt op 20-04-2026: verzoek verlenging uiterlijk 23-02-2026",
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


def test_discussed_in_a_session_in_the_last_eight_weeks(cast):
    # Local wall-clock time: "8 weeks and a day ago" in absolute hours crosses the change to winter time and,
    # late in the evening, lands on the first day of the window (this failed once at 23:07).
    now = timezone.localtime()
    recent = FamilyFactory(team=cast.family.team, manager=cast.worker)
    long_ago = FamilyFactory(team=cast.family.team, manager=cast.worker)
    planned = FamilyFactory(team=cast.family.team, manager=cast.worker)
    session = discuss_in_session(cast, recent, now - dt.timedelta(weeks=3))
    discuss_in_session(cast, long_ago, now - dt.timedelta(weeks=8, days=1))
    discuss_in_session(cast, planned, now + dt.timedelta(days=2))  # on next week's agenda: not discussed yet
    never_held = FamilyFactory(team=cast.family.team, manager=cast.worker)
    discuss_in_session(cast, never_held, now - dt.timedelta(weeks=1), status=SessionStatus.CONCEPT)
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


def test_an_open_agreement_past_its_date_is_a_signal_and_a_filter(cast):
    from tests.support.factories import AgreementFactory

    plan = cast.family.current_plan
    AgreementFactory(plan=plan, description="Vader belt de school", due_on=timezone.localdate() - dt.timedelta(days=3))
    AgreementFactory(plan=plan, description="Oma komt op woensdag", due_on=timezone.localdate() + dt.timedelta(days=3))
    assert reasons(cast.family)["afspraak_over_datum"] == ["1 open afspraak van het plan over datum"]
    filtered = selectors.dashboard_rows(team=cast.family.team, signal="afspraak_over_datum")
    assert [r.family for r in filtered] == [cast.family]
    rules = dict(selectors.dashboard_signal_rules())
    assert "over haar datum" in rules["afspraak over datum"]
