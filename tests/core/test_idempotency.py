"""The one mechanism for creates that happen once: claiming a token, its expiry and the cleanup."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from core.idempotency import idempotency_claim, idempotency_keys_expire, idempotency_remember
from core.models import IdempotencyKey
from core.tasks import expire_idempotency_keys

pytestmark = pytest.mark.django_db


def _claim(user, key="k1", kind="contact"):
    with transaction.atomic():
        claim = idempotency_claim(user=user, key=key, kind=kind)
        if claim.first:
            idempotency_remember(claim=claim, result_url="/eerste/")
    return claim


def test_the_first_claim_does_the_work_and_a_repeat_finds_its_result(cast):
    assert _claim(cast.worker).first
    repeat = _claim(cast.worker)
    assert not repeat.first
    assert repeat.record.result_url == "/eerste/"
    assert IdempotencyKey.objects.count() == 1


def test_a_claim_rolled_back_leaves_the_token_free(cast):
    with pytest.raises(RuntimeError), transaction.atomic():
        idempotency_claim(user=cast.worker, key="k2", kind="contact")
        raise RuntimeError("the create failed")
    assert _claim(cast.worker, key="k2").first


def test_users_and_api_clients_have_their_own_tokens(cast):
    assert _claim(cast.worker).first
    assert _claim(cast.colleague).first
    with transaction.atomic():
        assert idempotency_claim(client_id="partner-1", key="k1", kind="inzet_start").first
        assert not idempotency_claim(client_id="partner-1", key="k1", kind="inzet_start").first
        assert idempotency_claim(client_id="partner-2", key="k1", kind="inzet_start").first


@pytest.mark.django_db(transaction=True)
def test_a_claim_needs_the_creates_transaction(cast):
    with pytest.raises(RuntimeError):
        idempotency_claim(user=cast.worker, key="k3", kind="contact")


@override_settings(IDEMPOTENCY_KEY_DAYS=7)
def test_an_expired_claim_no_longer_counts_and_the_cleanup_removes_it(cast):
    _claim(cast.worker, key="old")
    _claim(cast.worker, key="new")
    IdempotencyKey.objects.filter(key="old").update(created_at=timezone.now() - dt.timedelta(days=8))
    assert _claim(cast.worker, key="old").first  # past the expiry a repeat is a new create
    IdempotencyKey.objects.filter(key="old").update(created_at=timezone.now() - dt.timedelta(days=8))
    assert idempotency_keys_expire() == 1
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]


@override_settings(IDEMPOTENCY_KEY_DAYS=7)
def test_the_command_and_the_task_clean_up(cast):
    for key in ("a", "b"):
        _claim(cast.worker, key=key)
    IdempotencyKey.objects.update(created_at=timezone.now() - dt.timedelta(days=8))
    call_command("expire_idempotency_keys", stdout=io.StringIO())
    assert not IdempotencyKey.objects.exists()
    _claim(cast.worker, key="c")
    IdempotencyKey.objects.update(created_at=timezone.now() - dt.timedelta(days=8))
    assert expire_idempotency_keys() == 1


def test_a_token_used_by_another_kind_of_form_is_refused_and_the_form_gets_a_fresh_one(client, cast):
    """Never guess: a token claimed for a contact, sent with an addendum, creates nothing; the resend saves."""
    from django.urls import reverse

    from casework.models import ContactAddendum
    from tests.support.factories import ContactFactory

    contact = ContactFactory(family=cast.family, author=cast.worker)
    _claim(cast.worker, key="3f0222e9-c7a4-40b4-ae14-2acc96d1cbdb", kind="contact")
    client.force_login(cast.worker)
    url = reverse("casework:contact_addendum", kwargs={"family_id": cast.family.pk, "contact_id": contact.pk})
    data = {"text": "Vader belde nog na.", "idempotency_token": "3f0222e9-c7a4-40b4-ae14-2acc96d1cbdb"}
    response = client.post(url, data)
    assert response.status_code == 200 and not ContactAddendum.objects.exists()
    page = response.content.decode()
    assert "sla het opnieuw op" in page and "Vader belde nog na." in page
    fresh = response.context["form"]["idempotency_token"].value()
    assert fresh != data["idempotency_token"]
    assert client.post(url, {**data, "idempotency_token": fresh}).status_code == 302
    assert ContactAddendum.objects.count() == 1
