"""When a sharing basis is active, and what the family page says about who sees what and why (PostgreSQL)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from casework.models import Family, Phase
from casework.partners import services as svc
from casework.partners import sharing
from casework.partners.access import family_ids_visible_to_partner, shared_parts, sharing_bases_active
from casework.partners.models import Inzet
from casework.partners.selectors import sharing_overview
from tests.support.partners_support import make_basis, make_inzet, make_partner

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def _days(n):
    return _today() + dt.timedelta(days=n)


def _active_ids(on=None):
    return set(sharing_bases_active(on=on).values_list("pk", flat=True))


def test_start_and_end_dates_bound_the_basis(cast):
    partner = make_partner()
    basis = make_basis(family=cast.family, partner=partner, start_on=_days(-10), end_on=_days(10))
    assert basis.pk in _active_ids()
    assert basis.pk in _active_ids(on=_days(10))
    assert basis.pk not in _active_ids(on=_days(11))
    assert basis.pk not in _active_ids(on=_days(-11))


def test_withdrawn_basis_is_not_active(cast):
    partner = make_partner()
    basis = make_basis(family=cast.family, partner=partner)
    assert shared_parts(partner=partner, family_id=cast.family.pk).children
    sharing.sharing_basis_withdraw(actor=cast.worker, basis=basis, reason="toestemming ingetrokken")
    assert basis.pk not in _active_ids()
    assert not shared_parts(partner=partner, family_id=cast.family.pk).any
    assert not list(family_ids_visible_to_partner(partner=partner))


@override_settings(SHARING_ENDS_AFTER_INZET_DAYS=30)
def test_ends_a_set_time_after_the_last_inzet_ended(cast):
    partner = make_partner()
    basis = make_basis(family=cast.family, partner=partner, start_on=_days(-200))
    stopped = make_inzet(family=cast.family, partner=partner, days_ago=150, promised_in=5)
    svc.inzet_change_status(actor=cast.worker, inzet=stopped, to_status="gestart", on=_days(-140))
    svc.inzet_change_status(actor=cast.worker, inzet=stopped, to_status="gestopt", on=_days(-20), reason="volgens_plan")
    # ended 20 days ago: still within the 30 days, visible until day +10
    assert basis.pk in _active_ids()
    assert basis.pk in _active_ids(on=_days(10))
    assert basis.pk not in _active_ids(on=_days(11))
    rejected = make_inzet(family=cast.family, partner=partner, days_ago=100, promised_in=5)
    svc.inzet_change_status(
        actor=cast.worker, inzet=rejected, to_status="afgewezen", on=_days(-90), reason="geen_capaciteit"
    )
    # the *last* end counts: an earlier rejection does not shorten it
    assert basis.pk in _active_ids(on=_days(10))
    [row] = [r for s in sharing_overview(family=cast.family) for r in s.active]
    assert row.until == _days(10) and row.until_after_inzet


@override_settings(SHARING_ENDS_AFTER_INZET_DAYS=30)
def test_open_inzet_keeps_it_alive_and_no_inzet_yet_too(cast):
    partner = make_partner()
    basis = make_basis(family=cast.family, partner=partner, start_on=_days(-300))
    assert basis.pk in _active_ids()  # no inzet yet: the basis stands on its own dates
    old = make_inzet(family=cast.family, partner=partner, days_ago=250, promised_in=5)
    svc.inzet_change_status(actor=cast.worker, inzet=old, to_status="gestart", on=_days(-240))
    svc.inzet_change_status(actor=cast.worker, inzet=old, to_status="gestopt", on=_days(-200), reason="volgens_plan")
    assert basis.pk not in _active_ids()
    make_inzet(family=cast.family, partner=partner, days_ago=5, promised_in=10)
    assert basis.pk in _active_ids()
    [group] = sharing_overview(family=cast.family)
    assert group.active[0].until is None


def test_other_partners_inzet_does_not_keep_a_basis_alive(cast):
    partner, other = make_partner(), make_partner()
    basis = make_basis(family=cast.family, partner=partner, start_on=_days(-300))
    old = make_inzet(family=cast.family, partner=partner, days_ago=250, promised_in=5)
    svc.inzet_change_status(actor=cast.worker, inzet=old, to_status="afgewezen", on=_days(-200), reason="niet_passend")
    make_inzet(family=cast.family, partner=other, days_ago=5)
    assert basis.pk not in _active_ids()


def test_overview_groups_per_partner_with_reasons_and_ended(cast):
    partner = make_partner("GGZ Noord")
    make_basis(family=cast.family, partner=partner, shares_notes=True)
    gone = make_basis(family=cast.family, partner=partner, purpose="Oud doel")
    sharing.sharing_basis_withdraw(actor=cast.worker, basis=gone, reason="rechter heeft de OTS beëindigd")
    make_basis(family=cast.other_family, partner=partner)
    [group] = sharing_overview(family=cast.family)
    assert group.partner == partner
    assert len(group.active) == 1 and "notities van gesprekken" in group.active[0].parts
    assert "scores veiligheid en centrale lijn" not in group.active[0].parts
    assert len(group.ended) == 1 and "rechter heeft de OTS beëindigd" in group.ended[0].state


def test_overview_costs_two_queries(cast, django_assert_num_queries):
    for _n in range(5):
        partner = make_partner()
        make_basis(family=cast.family, partner=partner)
        make_inzet(family=cast.family, partner=partner)
    with django_assert_num_queries(2):
        assert len(sharing_overview(family=cast.family)) == 5


@override_settings(SHARING_ENDS_AFTER_INZET_DAYS=30)
def test_last_inzet_ended_exactly_n_and_n_plus_one_days_ago(cast):
    partner = make_partner()
    basis = make_basis(family=cast.family, partner=partner, start_on=_days(-200))
    make_inzet(family=cast.family, partner=partner, days_ago=100, status="gestopt", end_on=_days(-30))
    assert basis.pk in _active_ids()  # the 30th day after the end is still covered
    assert basis.pk not in _active_ids(on=_days(1))  # 31 days after: ended by itself


@override_settings(SHARING_ENDS_AFTER_INZET_DAYS=30)
def test_rejected_inzet_without_end_date_does_not_keep_a_basis_alive(cast):
    """Written outside the services (an import, the shell): it counts as ended when it last changed."""
    partner = make_partner()
    basis = make_basis(family=cast.family, partner=partner, start_on=_days(-200))
    rejected = make_inzet(family=cast.family, partner=partner, days_ago=150, status="afgewezen")
    Inzet.objects.filter(pk=rejected.pk).update(updated_at=timezone.now() - dt.timedelta(days=100))
    assert basis.pk not in _active_ids()
    Inzet.objects.filter(pk=rejected.pk).update(updated_at=timezone.now() - dt.timedelta(days=10))
    assert basis.pk in _active_ids()


@override_settings(SHARING_ENDS_AFTER_INZET_DAYS=30)
def test_basis_recorded_after_the_help_ended_is_not_born_dead(cast):
    partner = make_partner()
    make_inzet(family=cast.family, partner=partner, days_ago=300, status="gestopt", end_on=_days(-200))
    basis = sharing.sharing_basis_record(
        actor=cast.worker,
        family=cast.family,
        partner=partner,
        data={"kind": "wettelijke_taak", "legal_reference": "artikel 7.3.1 Jeugdwet", "purpose": "nazorg"},
    )
    assert basis.pk in _active_ids()
    [row] = [r for s in sharing_overview(family=cast.family) for r in s.active]
    assert row.until == _days(30) and row.until_after_inzet
    assert basis.pk not in _active_ids(on=_days(31))


def test_future_basis_is_not_active_yet(cast):
    partner = make_partner()
    basis = make_basis(family=cast.family, partner=partner, start_on=_days(3))
    assert basis.pk not in _active_ids()
    assert basis.pk in _active_ids(on=_days(3))
    [group] = sharing_overview(family=cast.family)
    assert not group.active and "begint op" in group.ended[0].state


def test_closed_family_shares_nothing_even_with_open_help(cast):
    partner = make_partner()
    basis = make_basis(family=cast.family, partner=partner)
    inzet = make_inzet(family=cast.family, partner=partner)
    Family.objects.filter(pk=cast.family.pk).update(phase=Phase.AFGESLOTEN)
    cast.family.refresh_from_db()
    assert basis.pk not in _active_ids()
    assert not list(family_ids_visible_to_partner(partner=partner))
    with pytest.raises(PermissionDenied):  # the partner's system can no longer write either
        svc.inzet_change_status(via_partner=partner, inzet=inzet, to_status="gestart", on=_today())
    [group] = sharing_overview(family=cast.family)
    assert not group.active and "afgesloten" in group.ended[0].state
    Family.objects.filter(pk=cast.family.pk).update(phase=Phase.ONDERSTEUNEN)
    assert basis.pk in _active_ids()  # reopened: the basis counts again


def test_basis_for_an_inactive_partner_is_refused(cast):
    inactive = make_partner(active=False)
    with pytest.raises(ValidationError) as err:
        sharing.sharing_basis_record(
            actor=cast.worker,
            family=cast.family,
            partner=inactive,
            data={"kind": "wettelijke_taak", "legal_reference": "Jeugdwet", "purpose": "hulp afstemmen"},
        )
    assert "partner" in err.value.message_dict


def test_consent_basis_cannot_start_before_the_consent(cast):
    with pytest.raises(ValidationError) as err:
        sharing.sharing_basis_record(
            actor=cast.worker,
            family=cast.family,
            partner=make_partner(),
            data={
                "kind": "toestemming",
                "consent_by": "moeder",
                "consent_on": _days(-5),
                "consent_for": "delen met de behandelaar",
                "purpose": "hulp afstemmen",
                "start_on": _days(-10),
            },
        )
    assert set(err.value.message_dict) == {"start_on"}


def test_inactive_partner_sees_nothing_and_the_page_says_why(cast):
    partner = make_partner()
    basis = make_basis(family=cast.family, partner=partner)
    partner.active = False
    partner.save()
    assert basis.pk not in _active_ids()
    [group] = sharing_overview(family=cast.family)
    assert not group.active and group.ended[0].state == "deze partner is niet meer actief"


def test_basis_must_cover_at_least_one_part(cast):
    nothing = dict.fromkeys(["shares_children", "shares_agreements", "shares_inzetten"], False)
    data = {"kind": "wettelijke_taak", "legal_reference": "Jeugdwet", "purpose": "hulp afstemmen", **nothing}
    with pytest.raises(ValidationError) as err:
        sharing.sharing_basis_record(actor=cast.worker, family=cast.family, partner=make_partner(), data=data)
    assert "shares_children" in err.value.message_dict
    basis = sharing.sharing_basis_record(
        actor=cast.worker, family=cast.family, partner=make_partner(), data={**data, "shares_inzetten": True}
    )
    assert basis.shares_inzetten and not basis.shares_children
