"""Selectors of the family file, called directly."""

import datetime as dt

import pytest

from casework import selectors, services
from casework.models import Agreement, Phase
from tests.support.clock import FIXED_DAY
from tests.support.factories import AgreementFactory, ContactFactory, FamilyFactory, PlanVersionFactory

# The figures count days from today: one fixed day, so midnight during the run cannot move it.
pytestmark = pytest.mark.usefixtures("fixed_day")
TODAY = FIXED_DAY


def test_figures_use_the_last_two_contacts_by_date(cast):
    family = cast.family  # has one contact, 7 days ago, 6/4
    ContactFactory(family=family, date=TODAY - dt.timedelta(days=2), safety_score=3, lijn_score=5)
    ContactFactory(family=family, date=TODAY - dt.timedelta(days=30), safety_score=9, lijn_score=9)
    row = selectors.family_list_for_user(user=cast.worker).get(pk=family.pk)
    assert (row.last_safety, row.prev_safety, row.last_lijn, row.prev_lijn) == (3, 6, 5, 4)
    figures = selectors.family_figures(family=row, today=TODAY)
    assert (figures.safety_change, figures.lijn_change) == (-3, 1)
    assert figures.days_since_contact == 2
    assert figures.days_in_phase == (TODAY - family.phase_since).days


def test_a_family_without_contacts_has_no_change(cast):
    family = FamilyFactory(team=cast.family.team, manager=cast.worker)
    row = selectors.family_list_for_user(user=cast.worker).get(pk=family.pk)
    figures = selectors.family_figures(family=row, today=TODAY)
    assert (row.last_safety, figures.safety_change, figures.days_since_contact) == (None, None, None)
    ContactFactory(family=family, date=TODAY)
    row = selectors.family_list_for_user(user=cast.worker).get(pk=family.pk)
    assert selectors.family_figures(family=row, today=TODAY).safety_change is None


def test_overdue_agreements_count_only_open_ones_in_the_current_plan(cast):
    family = cast.family
    old_plan = family.current_plan
    AgreementFactory(plan=old_plan, due_on=TODAY - dt.timedelta(days=5))  # old version: not counted
    plan = PlanVersionFactory(family=family, number=2)
    AgreementFactory(plan=plan, due_on=TODAY - dt.timedelta(days=1))
    AgreementFactory(plan=plan, due_on=TODAY - dt.timedelta(days=1), status="gedaan")
    AgreementFactory(plan=plan, due_on=TODAY)  # due today is not past due
    AgreementFactory(plan=plan, due_on=None)
    row = selectors.family_list_for_user(user=cast.worker).get(pk=family.pk)
    assert row.overdue_agreements == 1
    assert Agreement.objects.filter(plan__family=family).count() == 5


def test_lists_reach_only_readable_families_and_hide_closed_ones_unless_asked(cast):
    closed = FamilyFactory(team=cast.family.team, manager=cast.worker, phase=Phase.AFGESLOTEN)
    mine = set(selectors.family_list_for_user(user=cast.worker, only_mine=True))
    assert mine == {cast.family}
    with_closed = set(selectors.family_list_for_user(user=cast.worker, only_mine=True, include_closed=True))
    assert with_closed == {cast.family, closed}
    assert set(selectors.family_list_for_user(user=cast.teamleider)) == {cast.family}
    assert set(selectors.family_list_for_user(user=cast.outsider)) == {cast.other_family}
    for role in ("bestuur", "auditor", "beheer"):
        assert not selectors.family_list_for_user(user=getattr(cast, role)).exists()


def test_only_mine_includes_families_i_substitute_for(cast):
    services.substitution_create(
        actor=cast.teamleider, family=cast.family, substitute=cast.colleague, start=TODAY, end=TODAY
    )
    assert set(selectors.family_list_for_user(user=cast.colleague, only_mine=True)) == {cast.family}
    assert selectors.family_user_has_own(user=cast.colleague)
    assert not selectors.family_user_has_own(user=cast.teamleider)


def test_score_series_is_in_time_order(cast):
    ContactFactory(family=cast.family, date=TODAY - dt.timedelta(days=20), safety_score=2, lijn_score=1)
    series = selectors.contact_score_series(family=cast.family)
    assert [s for _, s, _ in series] == [2, 6]
    assert series[0][0] < series[1][0]


def test_no_recent_contact_is_one_rule_for_mijn_gezinnen_and_the_team_dashboard(cast):
    """A family never seen counts from its aanmelding, in "Mijn gezinnen" as on the dashboard."""
    from teams.dashboard.selectors import dashboard_rows

    cases = []
    for days, overdue in [(14, False), (15, True)]:
        opened = TODAY - dt.timedelta(days=days)
        never_seen = FamilyFactory(
            team=cast.family.team, manager=cast.worker, phase=Phase.AANMELDING, opened_on=opened, phase_since=opened
        )
        seen = FamilyFactory(team=cast.family.team, manager=cast.worker)
        ContactFactory(family=seen, date=TODAY - dt.timedelta(days=days))
        cases += [(never_seen, overdue), (seen, overdue)]
    mine = {row.pk: row for row in selectors.family_list_for_user(user=cast.worker, only_mine=True)}
    dashboard = {row.family.pk: row for row in dashboard_rows(team=cast.family.team, today=TODAY)}
    for family, overdue in cases:
        assert selectors.family_figures(family=mine[family.pk], today=TODAY).contact_overdue is overdue
        assert ("geen_contact" in dashboard[family.pk].signal_codes) is overdue
