"""The web pages' middleware steps aside for /api/ (config.web_only); the security headers stay.

The API reads no session or cookie, so a partner's call must neither read nor
set one, while a page still gets every gate.
"""

from django.conf import settings
from django.contrib.auth.middleware import AuthenticationMiddleware, LoginRequiredMiddleware
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.urls import reverse
from django.utils.module_loading import import_string

from tests.support.api_support import bearer, make_client, make_token
from tests.support.partners_support import make_basis, make_partner

SECURITY_HEADERS = (
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
    "Content-Security-Policy",
    "Permissions-Policy",
)


def _token(cast, scopes=("gezinnen:lezen",)) -> str:
    partner = make_partner("Jeugdhulp A")
    make_basis(family=cast.family, partner=partner)
    api_client, _secret = make_client(partner=partner, scopes=list(scopes))
    return make_token(api_client)


def test_an_api_call_sets_no_cookie_and_keeps_the_security_headers(client, cast):
    client.force_login(cast.worker)  # a staff session's cookie too: the API neither reads nor renews it
    response = client.get("/api/v1/gezinnen", **bearer(_token(cast)), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    for header in SECURITY_HEADERS:
        assert response.has_header(header), header
    assert response["Cache-Control"] == "private, no-store"


def test_a_refusal_under_the_api_stays_dutch_problem_json_without_a_cookie(client, cast):
    response = client.get("/api/v1/gezinnen", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Niet geauthenticeerd"
    assert not response.cookies
    for header in SECURITY_HEADERS:
        assert response.has_header(header), header


def test_a_page_still_gets_the_session_and_the_log_in_gate(client, cast):
    assert client.get(reverse("casework:family_detail", kwargs={"family_id": cast.family.pk})).status_code == 302
    client.force_login(cast.worker)
    response = client.get(reverse("casework:family_detail", kwargs={"family_id": cast.family.pk}))
    assert response.status_code == 200
    assert "Cookie" in response["Vary"]


def test_the_wrapped_middleware_is_the_middleware_django_checks_for():
    middleware = [import_string(path) for path in settings.MIDDLEWARE]
    for base in (SessionMiddleware, AuthenticationMiddleware, LoginRequiredMiddleware, MessageMiddleware):
        assert any(issubclass(cls, base) for cls in middleware), base
