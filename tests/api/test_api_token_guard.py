"""The token endpoint slows down and locks guessing (api.token_guard), per client id and per address.

The counts are database rows shared by all workers; the guard's clock is held still and moved by the test.
"""

import base64
import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from api import token_guard
from api.models import TokenFailure
from tests.support.api_support import make_client
from tests.support.partners_support import make_partner

PROBLEM = "application/problem+json"
PARTNER_SYSTEM = "203.0.113.20"


@pytest.fixture
def partner_client(cast):
    return make_client(partner=make_partner("Jeugdhulp A"), scopes=["gezinnen:lezen"])


@pytest.fixture(autouse=True)
def _small_limits(settings):
    settings.API_TOKEN_GUARD_FREE_FAILURES = 3
    settings.API_TOKEN_GUARD_FAILURE_LIMIT = 5
    settings.API_TOKEN_GUARD_LOCK_MINUTES = 15
    settings.API_TOKEN_GUARD_ADDRESS_CLIENTS = 4
    settings.API_TOKEN_GUARD_WINDOW_MINUTES = 15


def _token(client_id: str, secret: str, address: str = PARTNER_SYSTEM):
    raw = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return Client(REMOTE_ADDR=address).post(
        "/api/v1/oauth/token", data={"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {raw}"
    )


class Clock:
    def __init__(self) -> None:
        self.now = timezone.now()

    def advance(self, **delta) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    held = Clock()
    monkeypatch.setattr(token_guard, "_now", lambda: held.now)
    return held


def _assert_waits(response, seconds: int) -> None:
    assert response.status_code == 429, response.content
    assert response["Content-Type"] == PROBLEM
    assert int(response["Retry-After"]) == seconds
    body = response.json()
    assert body["status"] == 429 and body["title"] == "Te veel verzoeken"
    assert f"over {seconds} seconden" in body["detail"]
    assert response["API-Version"] == "1.0.0" and "no-store" in response["Cache-Control"]


def test_wrong_secrets_slow_a_client_down_then_lock_it_and_the_right_secret_waits_too(partner_client, clock):
    api_client, secret = partner_client
    cid = api_client.client_id
    assert [_token(cid, "fout").status_code for _ in range(3)] == [401, 401, 401]
    # From the fourth try on the client waits 1, 2 ... seconds after its last failure, the right secret too.
    _assert_waits(_token(cid, secret), 1)
    clock.advance(seconds=1)
    assert _token(cid, "fout").status_code == 401
    _assert_waits(_token(cid, "fout"), 2)
    clock.advance(seconds=2)
    assert _token(cid, "fout").status_code == 401  # the fifth: locked for 15 minutes
    assert TokenFailure.objects.get(client_id=cid).failures == 5
    _assert_waits(_token(cid, secret), 15 * 60)
    clock.advance(minutes=10)
    _assert_waits(_token(cid, secret), 5 * 60)
    # Refused tries are not counted, and the lock is the client's wherever it asks from.
    assert TokenFailure.objects.get(client_id=cid).failures == 5
    _assert_waits(_token(cid, secret, address="198.51.100.9"), 5 * 60)

    clock.advance(minutes=5)
    assert _token(cid, secret).status_code == 200
    # A token handed out resets the count: three wrong secrets are free again.
    assert not TokenFailure.objects.filter(client_id=cid).exists()
    assert [_token(cid, "fout").status_code for _ in range(3)] == [401, 401, 401]


def test_an_address_trying_many_client_ids_is_locked_for_all_of_them(partner_client, clock):
    api_client, secret = partner_client
    for index in range(4):
        assert _token(f"geraden-{index}", "fout").status_code == 401
    _assert_waits(_token(api_client.client_id, secret), 15 * 60)
    _assert_waits(_token("geraden-9", "fout"), 15 * 60)
    # The real partner system at its own address is not affected.
    assert _token(api_client.client_id, secret, address="198.51.100.9").status_code == 200
    clock.advance(minutes=15)
    assert _token(api_client.client_id, secret).status_code == 200


def test_a_client_id_in_the_form_counts_the_same(partner_client):
    api_client, _ = partner_client
    browser = Client(REMOTE_ADDR=PARTNER_SYSTEM)
    data = {"grant_type": "client_credentials", "client_id": api_client.client_id, "client_secret": "fout"}
    assert [browser.post("/api/v1/oauth/token", data=data).status_code for _ in range(3)] == [401, 401, 401]
    _assert_waits(browser.post("/api/v1/oauth/token", data=data), 1)
