"""The destruction pages: the officer's list and a proposal, agreed to by two people through the forms, refused
with its reason (what was typed kept on an error), the tombstones; nobody else sees them; a request to destroy."""

import datetime as dt

import pytest
from django.urls import reverse

from casework.models import DestructionStatus, Family, FileDestruction, FileTombstone, Measure, Phase
from casework.rights import destruction as svc
from casework.rights import services as requests
from tests.support.documents_support import ensure_retention_classes
from tests.support.once import form_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(cast, fixed_day):
    ensure_retention_classes()
    Family.objects.filter(pk=cast.family.pk).update(phase=Phase.AFGESLOTEN, closed_on=dt.date(2005, 3, 1))
    svc.destruction_proposals_create()
    return FileDestruction.objects.get()


def test_two_people_agree_through_the_pages_and_a_tombstone_stays(client, cast, proposal, security):
    url = reverse("rights:destruction", kwargs={"destruction_id": proposal.pk})
    client.force_login(cast.teamleider)
    listed = client.get(reverse("rights:destructions")).content.decode()
    assert cast.family.reference in listed and "bewaartermijn voorbij" in listed
    assert "Gezin De Vries" not in listed  # the dossier number only
    response = client.post(url, {"agree": "1", **form_token(client, url, prefix="akkoord")}, follow=True)
    assert "Uw akkoord is vastgelegd." in response.content.decode()
    assert "U gaf al akkoord" in response.content.decode()
    client.force_login(security)
    page = client.get(url).content.decode()
    assert "Met uw akkoord wordt het dossier nu vernietigd." in page
    response = client.post(url, {"agree": "1", **form_token(client, url, prefix="akkoord")}, follow=True)
    assert FileDestruction.objects.get().status == DestructionStatus.VERNIETIGD
    assert "Vernietigd op" in response.content.decode()
    tombstones = client.get(reverse("rights:tombstones")).content.decode()
    assert cast.family.reference in tombstones and str(cast.teamleider) in tombstones
    assert FileTombstone.objects.get().second_by == security


def test_the_worklist_asks_each_person_once_for_their_agreement(client, cast, proposal, security):
    title = "Dossier voorgesteld voor vernietiging"
    client.force_login(cast.teamleider)
    page = client.get(reverse("casework:my_families")).content.decode()
    assert title in page and cast.family.reference in page
    svc.destruction_agree(actor=cast.teamleider, destruction=proposal)
    assert title not in client.get(reverse("casework:my_families")).content.decode()
    client.force_login(security)
    page = client.get(reverse("casework:my_families")).content.decode()
    assert title in page and cast.family.name not in page


def test_a_refusal_needs_its_reason_and_keeps_what_was_typed(client, cast, proposal, security):
    url = reverse("rights:destruction", kwargs={"destruction_id": proposal.pk})
    client.force_login(security)
    token = form_token(client, url, prefix="afwijzen")
    response = client.post(url, {"refuse": "1", "afwijzen-review_on": "2027-01-05", **token})
    assert response.status_code == 200
    assert "Schrijf waarom het dossier (nog) niet wordt vernietigd." in response.content.decode()
    assert 'value="2027-01-05"' in response.content.decode()
    data = {"refuse": "1", "afwijzen-reason": "Hoger beroep loopt", "afwijzen-review_on": "2027-01-05", **token}
    client.post(url, data)
    refused = FileDestruction.objects.get()
    assert (refused.status, refused.refusal_reason, refused.review_on) == (
        DestructionStatus.AFGEWEZEN,
        "Hoger beroep loopt",
        dt.date(2027, 1, 5),
    )


@pytest.mark.parametrize("who", ["worker", "colleague", "outsider", "bestuur", "auditor", "beheer"])
def test_nobody_else_sees_a_proposal(client, cast, proposal, who):
    client.force_login(cast.all()[who])
    url = reverse("rights:destruction", kwargs={"destruction_id": proposal.pk})
    assert client.get(url).status_code in (403, 404)
    assert client.get(reverse("rights:destructions")).status_code == 403


def test_a_request_to_destroy_is_checked_then_goes_to_the_two_agreements(client, cast, fixed_day, security):
    ensure_retention_classes()
    register = {
        "actor": security,
        "family": cast.family,
        "kind": "vernietiging",
        "requester_name": "Petra de Vries",
        "received_on": fixed_day,
    }
    with pytest.raises(requests.ValidationError, match="ouder met gezag"):
        requests.privacy_request_register(requester_relation="ouder_zonder_gezag", **register)
    pr = requests.privacy_request_register(requester_relation="ouder", **register)
    with pytest.raises(requests.ValidationError, match="hulp is afgesloten"):
        requests.privacy_request_decide(actor=security, request=pr, outcome="toegewezen", decided_on=fixed_day)
    Family.objects.filter(pk=cast.family.pk).update(phase=Phase.AFGESLOTEN, closed_on=dt.date(2026, 1, 5))
    with pytest.raises(requests.ValidationError, match="Bevestig"):
        requests.privacy_request_decide(actor=security, request=pr, outcome="toegewezen", decided_on=fixed_day)
    requests.privacy_request_decide(
        actor=security, request=pr, outcome="toegewezen", decided_on=fixed_day, grounds_checked=True
    )
    destruction = FileDestruction.objects.get()
    assert destruction.request == pr and destruction.status == DestructionStatus.VOORGESTELD
    client.force_login(security)
    page = client.get(reverse("rights:detail", kwargs={"request_id": pr.pk})).content.decode()
    assert reverse("rights:destruction", kwargs={"destruction_id": destruction.pk}) in page


def test_a_file_with_an_ots_is_destroyed_on_request_only_after_the_minimum_period(cast, fixed_day, security):
    ensure_retention_classes()
    sanne = cast.family.members.get(first_name="Sanne")
    Measure.objects.create(child=sanne, kind="ots", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    Family.objects.filter(pk=cast.family.pk).update(phase=Phase.AFGESLOTEN, closed_on=dt.date(2026, 1, 5))
    pr = requests.privacy_request_register(
        actor=security,
        family=cast.family,
        kind="vernietiging",
        requester_name="Sanne",
        requester_relation="jeugdige",
        received_on=fixed_day,
    )
    with pytest.raises(requests.ValidationError, match="vanaf 05-01-2028"):
        requests.privacy_request_decide(
            actor=security, request=pr, outcome="toegewezen", decided_on=fixed_day, grounds_checked=True
        )
    requests.privacy_request_decide(
        actor=security, request=pr, outcome="afgewezen", decided_on=fixed_day, note="OTS eindigde pas in 2026"
    )
    assert not FileDestruction.objects.exists()


def test_the_demo_gives_the_privacy_officer_requests_and_a_file_to_decide_on(fixed_day):
    from django.core.management import call_command

    from casework.models import PrivacyRequest

    ensure_retention_classes()
    call_command("demo_data", families=12, verbosity=0)
    call_command("demo_privacy", verbosity=0)
    call_command("demo_privacy", if_empty=True, verbosity=0)
    assert PrivacyRequest.objects.count() == 2
    proposal = FileDestruction.objects.get()
    assert proposal.family.reference == "GI-2004-000417" and proposal.kept_until == dt.date(2024, 6, 30)
