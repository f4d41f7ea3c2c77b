"""Stale edits of the family file (members, network, measures, contact corrections, inzetten) are refused.

Each test starts two editors from the same version: the second is refused with
the Dutch message naming who saved, keeps what it typed, sees the saved version
beside its own, and its merged resubmit goes through. Nothing is lost.
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casework import services
from casework.models import Contact, ContactRevision, Measure
from casework.partners import services as partner_services
from casework.partners.models import Inzet
from core.concurrency import StaleEdit
from tests.support.casework_support import contact_data
from tests.support.concurrency_support import (
    assert_stale_page,
    at_once,
    colleague_substitutes,
    edit_from_the_same_version,
    hidden_version,
)
from tests.support.once import once
from tests.support.partners_support import make_basis, make_inzet, make_partner


def _url(name, cast, **kwargs):
    return reverse(f"casework:{name}", kwargs={"family_id": cast.family.pk, **kwargs})


@pytest.fixture
def editors(cast):
    """The gezinsmanager and a colleague substituting: two people who may edit the file."""
    colleague_substitutes(cast)
    first, second = Client(), Client()
    first.force_login(cast.worker)
    second.force_login(cast.colleague)
    return first, second


def test_member_edit(cast, editors):
    member = cast.family.members.get(first_name="Petra")
    url = _url("member_edit", cast, member_id=member.pk)
    data = {"first_name": "Petra", "last_name": member.last_name, "role": "ouder", "relation": ""}
    edit_from_the_same_version(
        *editors, url, data=data, field="relation", theirs="moeder", mine="pleegmoeder", who=str(cast.worker)
    )
    member.refresh_from_db()
    assert (member.relation, member.version, member.saved_by) == ("moeder / pleegmoeder", 3, cast.colleague)


def test_network_person_edit(cast, editors):
    person = cast.family.network.get()
    url = _url("network_edit", cast, person_id=person.pk)
    data = {"name": person.name, "relation": "oma", "phone": ""}
    edit_from_the_same_version(
        *editors,
        url,
        data=data,
        field="contribution",
        theirs="Haalt Sanne op dinsdag op.",
        mine="Kookt op woensdag.",
        who=str(cast.worker),
    )
    person.refresh_from_db()
    assert person.contribution == "Haalt Sanne op dinsdag op. / Kookt op woensdag."


def test_measure_edit_shows_the_choice_labels(cast, editors):
    child = cast.family.members.get(role="jeugdige")
    measure = Measure.objects.create(child=child, kind="ots", court_decision_on="2026-01-05", start="2026-01-10")
    url = _url("measure_edit", cast, measure_id=measure.pk)
    first, second = editors
    base = hidden_version(first.get(url).content.decode())
    assert hidden_version(second.get(url).content.decode()) == base
    data = {"child": child.pk, "court_decision_on": "2026-01-05", "start": "2026-01-10", "version": base}
    assert first.post(url, {**data, "kind": "voogdij", "end": "2026-12-31"}).status_code == 302
    refused = second.post(url, {**data, "kind": "ots", "end": "2027-01-10"})
    page = assert_stale_page(refused, who=str(cast.worker), typed=['value="2027-01-10"'], saved=["31-12-2026"])
    assert "voogdij" in page.lower()
    assert second.post(url, {**data, "kind": "voogdij", "end": "2027-01-10", "version": "2"}).status_code == 302
    measure.refresh_from_db()
    assert (measure.kind, measure.end.isoformat(), measure.version) == ("voogdij", "2027-01-10", 3)


def _contact_post(**overrides):
    data = contact_data(**overrides)
    data["date"] = data["date"].isoformat()
    return data


def test_two_corrections_of_one_contact_second_is_refused_and_both_are_kept(cast):
    contact = Contact.objects.get(family=cast.family)
    contact.author = cast.worker
    contact.created_at = timezone.now()
    contact.save()
    # the author has the correction open in two tabs (or on two devices)
    tab_a, tab_b = Client(), Client()
    tab_a.force_login(cast.worker)
    tab_b.force_login(cast.worker)
    url = _url("contact_correct", cast, contact_id=contact.pk)
    edit_from_the_same_version(
        tab_a,
        tab_b,
        url,
        data=_contact_post(),
        field="note",
        theirs="Vader was er ook bij.",
        mine="Sanne vertelde over school.",
        who="",  # the same user in two tabs: "U heeft dit zelf ... in een ander venster opgeslagen"
    )
    contact.refresh_from_db()
    assert contact.note == "Vader was er ook bij. / Sanne vertelde over school."
    notes = [r.previous["note"] for r in ContactRevision.objects.filter(contact=contact).order_by("id")]
    assert notes[1:] == ["Vader was er ook bij."]  # the first correction is kept as a revision


def test_inzet_edit_between_two_editors(cast, editors):
    inzet = make_inzet(family=cast.family, partner=make_partner(), description="Gezinsbehandeling")
    url = _url("inzet_edit", cast, inzet_id=inzet.pk)
    data = {
        "child": "",
        "product_category": "45",
        "product_code": "45A48",
        "volume": "",
        "unit": "",
        "frequency": "",
        "requested_on": inzet.requested_on.isoformat(),
        "promised_start": "",
    }
    edit_from_the_same_version(
        *editors,
        url,
        data=data,
        field="description",
        theirs="Intensieve gezinsbehandeling",
        mine="Gezinsbehandeling met vader",
        who=str(cast.worker),
    )
    inzet.refresh_from_db()
    assert inzet.version == 3 and inzet.description == "Intensieve gezinsbehandeling / Gezinsbehandeling met vader"


def test_a_web_edit_opened_before_the_partner_moved_the_inzet_names_the_partner(client, cast):
    partner = make_partner("Jeugdhulp Oost")
    inzet = make_inzet(family=cast.family, partner=partner, description="Gezinsbehandeling")
    make_basis(family=cast.family, partner=partner)
    client.force_login(cast.worker)
    url = _url("inzet_status", cast, inzet_id=inzet.pk)
    base = hidden_version(client.get(url).content.decode())
    partner_services.inzet_change_status(
        inzet=inzet, to_status="wachtlijst", on=timezone.localdate(), via_partner=partner, expected_version=1
    )
    typed = {
        **once(),
        "to_status": "gestart",
        "on": timezone.localdate().isoformat(),
        "note": "Start gemeld door moeder",
    }
    refused = client.post(url, {**typed, "version": base})
    page = assert_stale_page(
        refused, who="Jeugdhulp Oost (via hun systeem)", typed=["Start gemeld door moeder"], saved=["wachtlijst"]
    )
    assert client.post(url, {**typed, "version": hidden_version(page)}).status_code == 302
    assert Inzet.objects.get(pk=inzet.pk).status == "gestart"


@pytest.mark.django_db(transaction=True)
def test_two_member_saves_from_one_version_at_once_one_is_refused(cast):
    colleague_substitutes(cast)
    member = cast.family.members.get(first_name="Petra")
    data = {"first_name": "Petra", "last_name": member.last_name, "role": "ouder", "date_of_birth": None}

    def save(user, relation):
        return lambda: services.member_save(
            actor=user, family=cast.family, member=member, data={**data, "relation": relation}, base_version=1
        )

    results = at_once(save(cast.worker, "moeder"), save(cast.colleague, "stiefmoeder"))
    refused = [r for r in results if isinstance(r, StaleEdit)]
    assert len(refused) == 1 and refused[0].current_version == 2
    member.refresh_from_db()
    assert member.version == 2 and refused[0].values["relation"] == member.relation


def test_a_correction_without_base_version_from_a_service_caller_still_works(cast):
    """Callers that are no edit form (demo data, imports) pass no base version: no check, as before."""
    contact = Contact.objects.get(family=cast.family)
    contact.author, contact.created_at = cast.worker, timezone.now() - dt.timedelta(hours=1)
    contact.save()
    services.contact_correct(actor=cast.worker, contact=contact, data=contact_data(note="Anders."))
    contact.refresh_from_db()
    assert contact.note == "Anders." and contact.version == 2
