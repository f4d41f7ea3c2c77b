"""The one-query token check (api.bearer): it accepts only what the full path accepts, and refuses nothing itself.

Every refusal is compared with the answer of the full path alone (the fast
path switched off): the same status, body and WWW-Authenticate header. Nothing
is cached, so a token deleted, a client or partner switched off, or a scope
taken away is refused on the very next call.
"""

import datetime as dt

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from oauth2_provider.models import AccessToken

from api import bearer as bearer_module
from api.authentication import PartnerPrincipal
from tests.support.api_support import bearer, make_client, make_token
from tests.support.partners_support import make_basis, make_partner

URL = "/api/v1/gezinnen"


@pytest.fixture
def partner_client(cast):
    partner = make_partner("Jeugdhulp Bearer")
    make_basis(family=cast.family, partner=partner)
    client, _secret = make_client(partner=partner, scopes=["gezinnen:lezen", "inzetten:lezen"])
    return client


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    caches["api"].clear()
    yield
    caches["api"].clear()


def _answer(response) -> tuple:
    return response.status_code, response.content, response.get("WWW-Authenticate"), response["Content-Type"]


def _full_path_answer(client, monkeypatch, url: str, **headers) -> tuple:
    with monkeypatch.context() as patch:
        patch.setattr(bearer_module, "valid_partner_token", lambda request: None)
        patch.setattr("api.authentication.valid_partner_token", lambda request: None)
        return _answer(client.get(url, **headers))


def test_a_valid_token_is_one_query_with_the_client_partner_and_token(rf, partner_client):
    token = make_token(partner_client)
    request = rf.get(URL, HTTP_AUTHORIZATION=f"Bearer {token}")
    with CaptureQueriesContext(connection) as queries:
        found = bearer_module.valid_partner_token(request)
    assert len(queries) == 1
    client, access_token = found
    assert client.pk == partner_client.pk and client.partner == partner_client.partner
    assert client.client_id == partner_client.client_id and client.purpose == partner_client.purpose
    assert access_token.token_checksum == AccessToken.objects.get(application=partner_client.application).token_checksum
    with CaptureQueriesContext(connection) as queries:
        assert str(PartnerPrincipal(client)) and access_token.application.client_id and access_token.user is None
        assert access_token.is_valid(["gezinnen:lezen"]) and not access_token.is_valid(["afspraken:lezen"])
    assert len(queries) == 0  # the related rows came with the one query


def test_the_api_answers_the_same_with_and_without_the_fast_path(client, partner_client, monkeypatch):
    token = make_token(partner_client)
    fast = _answer(client.get(URL, **bearer(token)))
    assert fast[0] == 200
    assert _full_path_answer(client, monkeypatch, URL, **bearer(token)) == fast


@pytest.mark.parametrize(
    "spoil",
    [
        "token_deleted",
        "token_expired",
        "client_switched_off",
        "partner_switched_off",
        "scope_taken_away",
        "token_of_a_person",
        "token_for_another_resource",
        "garbage",
        "no_header",
    ],
)
def test_every_refusal_is_the_full_paths_answer_on_the_next_call(client, partner_client, monkeypatch, spoil, cast):
    token = make_token(partner_client)
    assert client.get(URL, **bearer(token)).status_code == 200  # accepted a moment ago (and nothing was cached)
    stored = AccessToken.objects.get(application=partner_client.application)
    headers = bearer(token)
    if spoil == "token_deleted":
        stored.delete()
    elif spoil == "token_expired":
        AccessToken.objects.filter(pk=stored.pk).update(expires=timezone.now() - dt.timedelta(seconds=1))
    elif spoil == "client_switched_off":
        type(partner_client).objects.filter(pk=partner_client.pk).update(active=False)
    elif spoil == "partner_switched_off":
        type(partner_client.partner).objects.filter(pk=partner_client.partner_id).update(active=False)
    elif spoil == "scope_taken_away":
        type(partner_client).objects.filter(pk=partner_client.pk).update(scopes="inzetten:lezen")
    elif spoil == "token_of_a_person":
        AccessToken.objects.filter(pk=stored.pk).update(user=cast.worker)
    elif spoil == "token_for_another_resource":
        AccessToken.objects.filter(pk=stored.pk).update(resource=["https://elders.invalid/api"])
    elif spoil == "garbage":
        headers = bearer("onzin")
    else:
        headers = {}
    answer = _answer(client.get(URL, **headers))
    assert answer[0] == 401
    assert answer == _full_path_answer(client, monkeypatch, URL, **headers)


@pytest.mark.parametrize("query", ["?access_token=x", "?pagina=%zz", "?pagina=1&x=\u00e9"])
def test_query_strings_the_full_path_refuses_take_the_full_path(client, partner_client, monkeypatch, query):
    token = make_token(partner_client)
    answer = _answer(client.get(URL + query, **bearer(token)))
    assert answer == _full_path_answer(client, monkeypatch, URL + query, **bearer(token))


def test_repeated_statements_are_prepared_on_the_server(client, partner_client):
    token = make_token(partner_client)
    for _ in range(3):
        assert client.get(URL, **bearer(token)).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        statements = [row[0] for row in cursor.fetchall()]
    assert any("token_checksum" in statement for statement in statements)
