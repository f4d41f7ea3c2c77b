"""Every create form of the family file happens once per form: resent, it leads to the first result.

One test per create path (addendum, plan version, aanmelding, substitution, member,
network person, measure, inzet, inzet message, sharing basis), each through the
token of the rendered page; plus a refused first post that leaves the token usable.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import ContactAddendum, Family, Measure, Member, NetworkPerson, PlanVersion, Substitution
from casework.partners.models import Inzet, InzetMessage, SharingBasis
from tests.support.factories import ContactFactory
from tests.support.once import assert_created_once, assert_refusal_keeps_token
from tests.support.partners_support import make_inzet, make_partner

pytestmark = pytest.mark.django_db


def _url(name: str, family=None, **kwargs) -> str:
    if family is not None:
        kwargs["family_id"] = family.pk
    return reverse(f"casework:{name}", kwargs=kwargs)


def test_addendum(client, cast):
    contact = ContactFactory(family=cast.family, author=cast.worker)
    client.force_login(cast.worker)
    url = _url("contact_addendum", cast.family, contact_id=contact.pk)
    assert_created_once(
        client, url, {"text": "Vader belde nog na."}, rows=ContactAddendum.objects.filter(contact=contact)
    )


def test_plan_version(client, cast):
    client.force_login(cast.worker)
    data = {
        "zorgen": "Spanningen thuis.",
        "krachten": "Moeder vraagt om hulp.",
        "centrale_lijn": "De kinderen wonen veilig thuis.",
        "goals": "Rust in huis",
        "afspraak-TOTAL_FORMS": "0",
        "afspraak-INITIAL_FORMS": "0",
    }
    led_to = assert_created_once(
        client, _url("plan_create", cast.family), data, rows=PlanVersion.objects.filter(family=cast.family)
    )
    assert led_to == _url("plan_detail", cast.family)


def _aanmelding(cast, **overrides) -> dict:
    data = {
        "team": cast.family.team_id,
        "name": "Gezin Nieuw",
        "reference": "N-88",
        "manager": cast.worker.pk,
        "opened_on": timezone.localdate().isoformat(),
    }
    return {**data, **overrides}


def test_family_registration_leads_to_the_new_family(client, cast):
    client.force_login(cast.teamleider)
    led_to = assert_created_once(client, _url("family_create"), _aanmelding(cast), rows=Family.objects.all())
    assert led_to == _url("family_detail", Family.objects.get(reference="N-88"))


def test_a_refused_registration_keeps_its_token(client, cast):
    client.force_login(cast.teamleider)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    assert_refusal_keeps_token(
        client,
        _url("family_create"),
        bad=_aanmelding(cast, opened_on=tomorrow),
        good=_aanmelding(cast),
        rows=Family.objects.all(),
    )


def test_substitution(client, cast):
    client.force_login(cast.teamleider)
    today = timezone.localdate()
    data = {
        "substitute": cast.colleague.pk,
        "start": today.isoformat(),
        "end": (today + dt.timedelta(days=14)).isoformat(),
        "reason": "vakantie",
    }
    rows = Substitution.objects.filter(family=cast.family)
    assert_created_once(client, _url("substitution", cast.family), data, rows=rows)


def test_member(client, cast):
    client.force_login(cast.worker)
    data = {"first_name": "Noor", "last_name": "de Vries", "role": "jeugdige", "date_of_birth": "2016-04-01"}
    assert_created_once(
        client, _url("member_create", cast.family), data, rows=Member.objects.filter(family=cast.family)
    )


def test_network_person(client, cast):
    client.force_login(cast.worker)
    data = {"name": "Buurman Piet", "relation": "buurman"}
    rows = NetworkPerson.objects.filter(family=cast.family)
    assert_created_once(client, _url("network_create", cast.family), data, rows=rows)


def test_measure_and_a_refused_one(client, cast):
    client.force_login(cast.worker)
    child = cast.family.members.filter(role="jeugdige").first()
    good = {"child": child.pk, "kind": "ots", "court_decision_on": "2026-01-05", "start": "2026-01-10"}
    rows = Measure.objects.filter(child__family=cast.family)
    assert_created_once(client, _url("measure_create", cast.family), good, rows=rows)
    bad = {**good, "court_decision_on": ""}
    assert_refusal_keeps_token(client, _url("measure_create", cast.family), bad=bad, good=good, rows=rows)


def test_inzet(client, cast):
    partner = make_partner()
    client.force_login(cast.worker)
    data = {
        "partner": partner.pk,
        "product_category": "45",
        "description": "Gezinsbehandeling",
        "requested_on": timezone.localdate().isoformat(),
        "status": "aangevraagd",
    }
    assert_created_once(client, _url("inzet_create", cast.family), data, rows=Inzet.objects.filter(family=cast.family))


def test_inzet_message_leads_back_to_the_inzet(client, cast):
    inzet = make_inzet(family=cast.family, partner=make_partner())
    client.force_login(cast.worker)
    url = _url("inzet_message", cast.family, inzet_id=inzet.pk)
    led_to = assert_created_once(
        client, url, {"text": "Moeder gebeld over de start."}, rows=InzetMessage.objects.filter(inzet=inzet)
    )
    assert led_to == _url("inzet_detail", cast.family, inzet_id=inzet.pk)


def test_sharing_basis(client, cast):
    partner = make_partner()
    client.force_login(cast.teamleider)
    data = {
        "partner": partner.pk,
        "kind": "wettelijke_taak",
        "legal_reference": "artikel 7.3.1 Jeugdwet",
        "purpose": "hulp afstemmen",
        "start_on": "2026-02-01",
        "shares_children": "on",
    }
    rows = SharingBasis.objects.filter(family=cast.family)
    assert_created_once(client, _url("basis_create", cast.family), data, rows=rows)


def test_phase_change(client, cast):
    from casework.models import PhaseChange

    client.force_login(cast.worker)
    data = {"to_phase": "generaliseren", "on": timezone.localdate().isoformat(), "note": "Het gaat goed"}
    rows = PhaseChange.objects.filter(family=cast.family)
    # A transition: the repeat lands where the first did, with the first's message.
    assert_created_once(
        client, _url("phase_change", cast.family), data, rows=rows, repeat_message="De fase is gewijzigd."
    )


def test_assignment(client, cast):
    from casework.models import Assignment
    from tests.support.factories import MembershipFactory

    other = MembershipFactory(team=cast.family.team, role="gezinsmanager").user
    client.force_login(cast.teamleider)
    rows = Assignment.objects.filter(family=cast.family)
    data = {"manager": other.pk, "reason": "Verlof"}
    assert_created_once(client, _url("assign", cast.family), data, rows=rows)


def test_inzet_status_change(client, cast):
    from casework.partners.models import InzetStatusChange

    inzet = make_inzet(family=cast.family, partner=make_partner())
    client.force_login(cast.worker)
    data = {"to_status": "gestart", "on": timezone.localdate().isoformat()}
    rows = InzetStatusChange.objects.filter(inzet=inzet, to_status="gestart")
    saved = "De status van de inzet is bijgewerkt."  # a transition: the repeat says what the first said
    url = _url("inzet_status", cast.family, inzet_id=inzet.pk)
    assert_created_once(client, url, data, rows=rows, repeat_message=saved)


def test_stopping_an_inzet_sent_twice_lands_on_the_family_not_on_a_refusal(client, cast):
    from casework.partners.models import InzetStatusChange

    inzet = make_inzet(family=cast.family, partner=make_partner(), status="gestart")
    client.force_login(cast.worker)
    data = {"to_status": "gestopt", "on": timezone.localdate().isoformat(), "reason": "volgens_plan"}
    rows = InzetStatusChange.objects.filter(inzet=inzet, to_status="gestopt")
    url = _url("inzet_status", cast.family, inzet_id=inzet.pk)
    assert_created_once(client, url, data, rows=rows, repeat_message="De status van de inzet is bijgewerkt.")
    assert client.get(url).status_code == 403  # the page itself: nothing more to change
