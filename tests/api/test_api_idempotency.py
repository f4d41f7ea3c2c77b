"""The Idempotency-Key header on the API's POSTs: a retry with the same key acts once and gets the first answer."""

import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from casework.partners.models import InzetMessage, InzetStatus, InzetStatusChange
from core.models import IdempotencyKey
from tests.support.api_support import bearer, make_client, make_token
from tests.support.partners_support import make_basis, make_inzet, make_partner

PROBLEM = "application/problem+json"


@pytest.fixture
def setup(cast):
    partner = make_partner("Jeugdhulp A")
    make_basis(family=cast.family, partner=partner)
    inzet = make_inzet(family=cast.family, partner=partner)
    api_client, _ = make_client(partner=partner)
    return {"partner": partner, "inzet": inzet, "client": api_client, "token": make_token(api_client)}


def _post(client, url, body, token, key=None, **headers):
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post(url, data=body, content_type="application/json", **bearer(token), **headers)


def _today() -> str:
    return timezone.localdate().isoformat()


@pytest.mark.django_db
def test_a_message_sent_twice_with_one_key_is_one_message_and_the_same_answer(client, setup):
    inzet, key = setup["inzet"], str(uuid.uuid4())
    url = f"/api/v1/inzetten/{inzet.pk}/berichten"
    first = _post(client, url, {"tekst": "Goed gesprek gehad."}, setup["token"], key)
    again = _post(client, url, {"tekst": "Goed gesprek gehad."}, setup["token"], key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true" and not first.has_header("Idempotent-Replayed")
    assert InzetMessage.objects.filter(inzet=inzet).count() == 1


@pytest.mark.django_db
def test_a_start_sent_twice_with_one_key_starts_once_even_though_the_etag_moved_on(client, setup):
    inzet, key = setup["inzet"], str(uuid.uuid4())
    url = f"/api/v1/inzetten/{inzet.pk}/start"
    first = _post(client, url, {"datum": _today()}, setup["token"], key, HTTP_IF_MATCH=inzet.etag)
    again = _post(client, url, {"datum": _today()}, setup["token"], key, HTTP_IF_MATCH=inzet.etag)
    assert (first.status_code, again.status_code) == (200, 200), again.content
    assert again.json() == first.json() and again["ETag"] == first["ETag"]
    assert InzetStatusChange.objects.filter(inzet=inzet, to_status=InzetStatus.GESTART).count() == 1
    # Without the key the same stale request is what it is: refused.
    stale = _post(client, url, {"datum": _today()}, setup["token"], HTTP_IF_MATCH=inzet.etag)
    assert stale.status_code == 412


@pytest.mark.django_db
def test_the_same_key_with_another_body_is_422_and_does_nothing(client, setup):
    inzet, key = setup["inzet"], str(uuid.uuid4())
    url = f"/api/v1/inzetten/{inzet.pk}/berichten"
    assert _post(client, url, {"tekst": "Eerste bericht"}, setup["token"], key).status_code == 201
    other = _post(client, url, {"tekst": "Ander bericht"}, setup["token"], key)
    assert other.status_code == 422 and other["Content-Type"] == PROBLEM
    assert other.json()["status"] == 422 and "Idempotency-Key" in other.json()["detail"]
    elsewhere = _post(client, f"/api/v1/inzetten/{inzet.pk}/stop", {"tekst": "Eerste bericht"}, setup["token"], key)
    assert elsewhere.status_code == 422
    assert list(InzetMessage.objects.filter(inzet=inzet).values_list("text", flat=True)) == ["Eerste bericht"]


@pytest.mark.django_db
def test_the_same_json_with_other_spacing_is_the_same_request(client, setup):
    inzet, key = setup["inzet"], str(uuid.uuid4())
    url = f"/api/v1/inzetten/{inzet.pk}/berichten"
    first = client.post(
        url,
        data='{"tekst": "Hallo"}',
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
        **bearer(setup["token"]),
    )
    again = client.post(
        url,
        data='{ "tekst":"Hallo" }',
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=f'"{key}"',
        **bearer(setup["token"]),
    )
    assert (first.status_code, again.status_code) == (201, 201)
    assert InzetMessage.objects.filter(inzet=inzet).count() == 1


@pytest.mark.django_db
def test_a_failed_request_keeps_nothing_so_the_key_can_be_used_again(client, setup):
    inzet, key = setup["inzet"], str(uuid.uuid4())
    url = f"/api/v1/inzetten/{inzet.pk}/berichten"
    refused = _post(client, url, {"tekst": ""}, setup["token"], key)
    assert refused.status_code == 400
    assert not IdempotencyKey.objects.exists()
    assert _post(client, url, {"tekst": "Nu wel"}, setup["token"], key).status_code == 201
    assert InzetMessage.objects.filter(inzet=inzet).count() == 1


@pytest.mark.django_db
def test_keys_belong_to_one_client(client, setup, cast):
    other_partner = make_partner("Jeugdhulp B")
    make_basis(family=cast.family, partner=other_partner)
    other_inzet = make_inzet(family=cast.family, partner=other_partner)
    other_client, _ = make_client(partner=other_partner)
    key = str(uuid.uuid4())
    body = {"tekst": "Goed gesprek gehad."}
    assert (
        _post(client, f"/api/v1/inzetten/{setup['inzet'].pk}/berichten", body, setup["token"], key).status_code == 201
    )
    mine = _post(client, f"/api/v1/inzetten/{other_inzet.pk}/berichten", body, make_token(other_client), key)
    assert mine.status_code == 201 and not mine.has_header("Idempotent-Replayed")
    assert InzetMessage.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["", "met spatie", "é", "x" * 256])
def test_a_bad_key_is_400_naming_the_header(client, setup, key):
    inzet = setup["inzet"]
    response = _post(client, f"/api/v1/inzetten/{inzet.pk}/berichten", {"tekst": "Hallo"}, setup["token"], key)
    assert response.status_code == 400 and response["Content-Type"] == PROBLEM
    assert response.json()["invalidParams"][0]["name"] == "Idempotency-Key"
    assert not InzetMessage.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_retries_at_once_post_one_message_and_answer_the_same(setup):
    inzet, key = setup["inzet"], str(uuid.uuid4())
    url = f"/api/v1/inzetten/{inzet.pk}/berichten"
    barrier = threading.Barrier(2)
    responses = [None, None]

    def post(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            responses[i] = _post(Client(), url, {"tekst": "Tegelijk"}, setup["token"], key)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [r.status_code for r in responses] == [201, 201]
    assert responses[0].json() == responses[1].json()
    assert InzetMessage.objects.filter(inzet=inzet).count() == 1


@pytest.mark.django_db
def test_the_schema_documents_the_header_and_the_422_on_every_post(client):
    schema = client.get("/api/v1/openapi.json").json()
    posts = {path: ops["post"] for path, ops in schema["paths"].items() if "post" in ops and "oauth" not in path}
    assert set(posts) == {
        "/api/v1/inzetten/{inzet_id}/start",
        "/api/v1/inzetten/{inzet_id}/stop",
        "/api/v1/inzetten/{inzet_id}/berichten",
    }
    for path, operation in posts.items():
        headers = {p["name"]: p for p in operation["parameters"] if p["in"] == "header"}
        assert "Idempotency-Key" in headers and not headers["Idempotency-Key"].get("required"), path
        assert "422" in operation["responses"], path
