"""Tokens (client credentials only, short-lived), throttling per client, and the ADR headers."""

import base64

import pytest
from axes.models import AccessAttempt
from django.core.cache import caches
from django.test import Client
from oauth2_provider.models import AccessToken, Application, RefreshToken

from api import services as api_services
from api import tasks as api_tasks
from tests.support.api_support import bearer, make_client, make_token
from tests.support.partners_support import make_basis, make_partner

PROBLEM = "application/problem+json"


@pytest.fixture
def partner_client(cast):
    partner = make_partner("Jeugdhulp A")
    make_basis(family=cast.family, partner=partner)
    client, secret = make_client(partner=partner, scopes=["gezinnen:lezen", "inzetten:lezen"])
    return client, secret


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    caches["api"].clear()
    yield
    caches["api"].clear()


def _basic(client_id: str, secret: str) -> dict:
    raw = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {raw}"}


def _token_request(client, api_client, secret, **data):
    return client.post(
        "/api/v1/oauth/token",
        data={"grant_type": "client_credentials", **data},
        **_basic(api_client.client_id, secret),
    )


def test_client_credentials_give_a_short_lived_token_that_works(client, cast, partner_client, settings):
    api_client, secret = partner_client
    response = _token_request(client, api_client, secret)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == settings.OAUTH2_PROVIDER["ACCESS_TOKEN_EXPIRE_SECONDS"] <= 900
    assert set(body["scope"].split()) == {"gezinnen:lezen", "inzetten:lezen"}
    assert "no-store" in response["Cache-Control"]
    assert response["API-Version"] == "1.0.0"
    families = client.get("/api/v1/gezinnen", **bearer(body["access_token"]))
    assert [f["id"] for f in families.json()["resultaten"]] == [cast.family.pk]


def test_client_cannot_ask_for_more_than_beheer_gave_it(client, partner_client):
    api_client, secret = partner_client
    response = _token_request(client, api_client, secret, scope="inzetten:schrijven")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"


def test_wrong_secret_and_other_grants_are_refused(client, partner_client):
    api_client, secret = partner_client
    assert _token_request(client, api_client, "fout").status_code == 401
    password = client.post(
        "/api/v1/oauth/token",
        data={"grant_type": "password", "username": "worker", "password": "x"},
        **_basic(api_client.client_id, secret),
    )
    assert password.status_code in (400, 401)
    assert "access_token" not in password.json()


def test_token_endpoint_takes_form_credentials_without_csrf_and_stores_no_usable_token(cast, partner_client):
    api_client, secret = partner_client
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        "/api/v1/oauth/token",
        {"grant_type": "client_credentials", "client_id": api_client.client_id, "client_secret": secret},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert "refresh_token" not in body
    assert not RefreshToken.objects.exists()
    stored = AccessToken.objects.get(application=api_client.application)
    assert stored.token == "" and body["access_token"] != stored.token_checksum  # only its checksum is kept
    assert strict.get("/api/v1/gezinnen", **bearer(body["access_token"])).status_code == 200
    second = _token_request(strict, api_client, secret).json()["access_token"]  # HTTP Basic works too
    assert strict.get("/api/v1/gezinnen", **bearer(second)).status_code == 200
    assert AccessToken.objects.filter(application=api_client.application).count() == 2


@pytest.mark.parametrize(
    "data",
    [
        {"grant_type": "password", "username": "worker", "password": "geheim-wachtwoord"},
        {"grant_type": "password", "username": "worker", "password": "fout"},
        {"grant_type": "authorization_code", "code": "x", "redirect_uri": "https://example.org/"},
        {"grant_type": "refresh_token", "refresh_token": "x"},
        {"grant_type": "urn:ietf:params:oauth:grant-type:device_code"},
        {"grant_type": "client_credentials ", "scope": "gezinnen:lezen"},
        {},
    ],
)
def test_only_client_credentials_reach_the_toolkit(client, cast, partner_client, data):
    """Another grant never gets a token, never tries a staff password (axes stays silent), never a 500."""
    api_client, secret = partner_client
    response = client.post("/api/v1/oauth/token", data=data, **_basic(api_client.client_id, secret))
    assert response.status_code == 400
    assert response.json()["error"] == ("unsupported_grant_type" if data else "invalid_request")
    assert response["API-Version"] == "1.0.0"
    assert "no-store" in response["Cache-Control"]
    assert not AccessToken.objects.exists()
    assert not AccessAttempt.objects.exists()


def test_token_in_the_query_string_is_refused(client, partner_client):
    api_client, _ = partner_client
    token = make_token(api_client)
    assert client.get(f"/api/v1/gezinnen?access_token={token}").status_code == 401
    assert client.get("/api/v1/gezinnen", **bearer(token)).status_code == 200


def test_scope_taken_away_by_beheer_ends_tokens_that_carry_it(client, partner_client):
    api_client, _ = partner_client
    token = make_token(api_client)
    api_client.scopes = "inzetten:lezen"
    api_client.save()
    assert client.get("/api/v1/inzetten", **bearer(token)).status_code == 401
    assert client.get("/api/v1/inzetten", **bearer(make_token(api_client))).status_code == 200


def test_new_secret_is_hashed_and_the_old_one_stops_working(client, partner_client):
    api_client, old_secret = partner_client
    token = make_token(api_client)
    new_secret = api_services.partner_client_new_secret(actor=None, client=api_client)
    stored = Application.objects.get(pk=api_client.application_id).client_secret
    assert new_secret not in stored and old_secret not in stored
    assert _token_request(client, api_client, old_secret).status_code == 401
    assert _token_request(client, api_client, new_secret).status_code == 200
    assert client.get("/api/v1/gezinnen", **bearer(token)).status_code == 401


def test_expired_tokens_are_cleared_by_the_periodic_task(client, partner_client, settings):
    api_client, _ = partner_client
    live = make_token(api_client)
    make_token(api_client, expires_in=-60)
    assert "api.clear_expired_tokens" in {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert api_tasks.clear_expired_tokens() == 1
    assert AccessToken.objects.count() == 1
    assert client.get("/api/v1/gezinnen", **bearer(live)).status_code == 200


def test_inactive_client_gets_no_token_and_loses_its_tokens(client, partner_client):
    api_client, secret = partner_client
    token = make_token(api_client)
    api_services.partner_client_deactivate(actor=None, client=api_client)
    assert _token_request(client, api_client, secret).status_code in (400, 401)
    assert client.get("/api/v1/gezinnen", **bearer(token)).status_code == 401
    assert not AccessToken.objects.filter(application=api_client.application).exists()


def test_expired_token_is_401_problem(client, partner_client):
    api_client, _ = partner_client
    token = make_token(api_client, expires_in=-1)
    response = client.get("/api/v1/gezinnen", **bearer(token))
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["status"] == 401


def test_missing_or_garbage_token_is_401(client, partner_client):
    assert client.get("/api/v1/gezinnen").status_code == 401
    assert client.get("/api/v1/gezinnen", HTTP_AUTHORIZATION="Bearer onzin").status_code == 401


def test_throttling_per_client(client, cast, partner_client, settings):
    settings.API_THROTTLE_RATE = "2/minute"
    api_client, _ = partner_client
    token = make_token(api_client)
    assert client.get("/api/v1/gezinnen", **bearer(token)).status_code == 200
    assert client.get("/api/v1/gezinnen", **bearer(token)).status_code == 200
    throttled = client.get("/api/v1/gezinnen", **bearer(token))
    assert throttled.status_code == 429
    assert throttled["Content-Type"] == PROBLEM
    assert int(throttled["Retry-After"]) > 0
    # Another partner system has its own count.
    other, _ = make_client(partner=make_partner("Jeugdhulp B"))
    assert client.get("/api/v1/gezinnen", **bearer(make_token(other))).status_code == 200
    # A second token of the same client shares the count: the limit is per client, not per token.
    assert client.get("/api/v1/gezinnen", **bearer(make_token(api_client))).status_code == 429


def test_api_headers_on_data_and_errors(client, partner_client):
    api_client, _ = partner_client
    token = make_token(api_client)
    for response in (
        client.get("/api/v1/gezinnen", **bearer(token)),
        client.get("/api/v1/gezinnen/0", **bearer(token)),
        client.get("/api/v1/bestaat-niet"),
        client.get("/api/v1/gezinnen"),
    ):
        assert response["API-Version"] == "1.0.0"
        assert "no-store" in response["Cache-Control"]


def test_trailing_slash_and_unknown_urls_are_404_problem_not_html_or_login(client, partner_client):
    api_client, _ = partner_client
    token = make_token(api_client)
    for url in ("/api/v1/gezinnen/", "/api/v1/inzetten/1/", "/api/v1/onbekend", "/api/v2/gezinnen"):
        response = client.get(url, **bearer(token))
        assert response.status_code == 404, url
        assert response["Content-Type"] == PROBLEM
        assert response.json()["instance"] == url


def test_unknown_api_urls_are_problems_with_debug_on_too(client, partner_client, settings):
    """With DEBUG on Django would show its HTML 404 page; partners get problem+json there too."""
    settings.DEBUG = True
    for url in ("/api/v1/gezinnen/", "/api/v2/gezinnen", "/api/"):
        response = client.get(url)
        assert (response.status_code, response["Content-Type"]) == (404, PROBLEM), url
        assert response["API-Version"]
    # A POST to an unknown URL is a 404 problem too, not Django's CSRF page.
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post("/api/v1/inzetten/true/berichten", data="{}", content_type="application/json")
    assert (response.status_code, response["Content-Type"]) == (404, PROBLEM)


def test_method_not_allowed_and_not_acceptable_are_problems(client, partner_client):
    api_client, _ = partner_client
    token = make_token(api_client)
    put = client.put("/api/v1/gezinnen", data="{}", content_type="application/json", **bearer(token))
    assert put.status_code == 405
    assert put["Content-Type"] == PROBLEM
    options = client.options("/api/v1/gezinnen", **bearer(token))
    assert options.status_code == 405
    xml = client.get("/api/v1/gezinnen", HTTP_ACCEPT="application/xml", **bearer(token))
    assert xml.status_code == 406
    assert xml["Content-Type"] == PROBLEM


def test_unexpected_error_is_a_problem_not_an_html_page(client, partner_client, monkeypatch):
    api_client, _ = partner_client

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("api.selectors.partner_families", broken)
    monkeypatch.setattr("api.listing.family_page", broken)  # the plain list's lean path (issue 12)
    client.raise_request_exception = False
    response = client.get("/api/v1/gezinnen", **bearer(make_token(api_client)))
    assert response.status_code == 500
    assert response["Content-Type"] == PROBLEM
    assert "boom" not in response.content.decode()
    assert response["API-Version"] == "1.0.0"


def test_pages_outside_the_api_keep_their_html_404(client, cast):
    client.force_login(cast.worker)
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_requests_django_refuses_are_problems_too(client, partner_client):
    api_client, _ = partner_client
    response = client.get("/api/v1/gezinnen", HTTP_HOST="evil.invalid", **bearer(make_token(api_client)))
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    bad_hex = client.get("/api/v1/gezinnen?x=%zz", **bearer(make_token(api_client)))
    assert bad_hex.status_code == 400
    assert bad_hex["Content-Type"] == PROBLEM
    assert bad_hex.json()["invalidParams"][0]["name"] == "query"
