"""Recording a contact happens once per form: a double post or Back and Opslaan makes one contact."""

import re
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from casework import services
from casework.models import Contact
from tests.support.once import (
    ALREADY_SAVED,
    assert_created_once,
    assert_refusal_keeps_token,
    form_token,
    post_at_once,
)


def _contact(**overrides) -> dict:
    data = {
        "date": timezone.localdate().isoformat(),
        "kind": "huisbezoek",
        "note": "Moeder en Sanne aan tafel.",
        "safety_score": "6",
        "safety_why": "Afspraken nagekomen",
        "safety_raise": "Vader doet mee",
        "lijn_score": "4",
        "lijn_why": "Netwerk klein",
        "lijn_raise": "Oma betrekken",
    }
    data.update(overrides)
    return data


def _url(family) -> str:
    return reverse("casework:contact_create", kwargs={"family_id": family.pk})


@pytest.mark.django_db
def test_the_same_form_sent_twice_makes_one_contact_and_leads_to_the_family_page(client, cast):
    client.force_login(cast.worker)
    rows = Contact.objects.filter(family=cast.family)
    led_to = assert_created_once(client, _url(cast.family), _contact(), rows=rows)
    assert led_to == reverse("casework:family_detail", kwargs={"family_id": cast.family.pk})


@pytest.mark.django_db
def test_a_refused_contact_does_not_use_up_the_token(client, cast):
    client.force_login(cast.worker)
    rows = Contact.objects.filter(family=cast.family)
    assert_refusal_keeps_token(client, _url(cast.family), bad=_contact(safety_score="11"), good=_contact(), rows=rows)


@pytest.mark.django_db
def test_a_refusal_by_the_service_does_not_use_up_the_token(client, cast):
    client.force_login(cast.worker)
    tomorrow = (timezone.localdate() + timezone.timedelta(days=1)).isoformat()
    rows = Contact.objects.filter(family=cast.family)
    assert_refusal_keeps_token(client, _url(cast.family), bad=_contact(date=tomorrow), good=_contact(), rows=rows)


@pytest.mark.django_db
def test_a_post_without_a_token_is_refused_keeps_what_was_typed_and_saves_when_sent_again(client, cast):
    """A form opened before an update has no token: shown again with a fresh one, the second Opslaan saves it."""
    client.force_login(cast.worker)
    before = Contact.objects.count()
    response = client.post(_url(cast.family), _contact())
    assert response.status_code == 200
    assert Contact.objects.count() == before
    page = response.content.decode()
    assert "sla het opnieuw op" in page
    assert "Moeder en Sanne aan tafel." in page
    fresh = re.findall(r'name="idempotency_token" value="([0-9a-f-]{36})"', page)
    assert len(fresh) == 1
    again = client.post(_url(cast.family), {**_contact(), "idempotency_token": fresh[0]})
    assert again.status_code == 302
    assert Contact.objects.count() == before + 1


@pytest.mark.django_db
def test_each_rendered_form_has_its_own_token(client, cast):
    client.force_login(cast.worker)
    assert form_token(client, _url(cast.family)) != form_token(client, _url(cast.family))


@pytest.mark.django_db
def test_one_users_token_is_not_another_users(client, cast):
    """The claim is per user: a colleague's form with the same token value is a create of its own."""
    client.force_login(cast.worker)
    token = form_token(client, _url(cast.family))
    assert client.post(_url(cast.family), {**_contact(), **token}).status_code == 302
    client.force_login(cast.teamleider)
    before = Contact.objects.count()
    client.post(_url(cast.family), {**_contact(), **token})
    # The teamleider may not record here (403) or records their own; never "already saved" with the worker's.
    assert Contact.objects.count() in (before, before + 1)


@pytest.mark.django_db(transaction=True)
def test_two_posts_of_one_form_at_once_make_one_contact(client, cast, monkeypatch):
    """The second post waits on the claim's unique index while the first is still saving."""
    record = services.contact_record

    def slow_record(**kwargs):
        contact = record(**kwargs)
        time.sleep(0.5)  # the first transaction stays open while the second tries to claim
        return contact

    monkeypatch.setattr(services, "contact_record", slow_record)
    client.force_login(cast.worker)
    token = form_token(client, _url(cast.family))
    before = Contact.objects.filter(family=cast.family).count()
    responses = post_at_once(cast.worker, _url(cast.family), {**_contact(), **token}, follow=True)
    assert Contact.objects.filter(family=cast.family).count() == before + 1
    assert len({r.redirect_chain[0] for r in responses}) == 1
    pages = sorted(r.content.decode() for r in responses)
    assert sum(ALREADY_SAVED in page for page in pages) == 1
    assert sum("Het contactmoment is vastgelegd." in page for page in pages) == 1
