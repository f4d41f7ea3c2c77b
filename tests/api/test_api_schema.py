"""The OpenAPI schema is valid and follows the API Design Rules; the docs page and the beheer admin work."""

import re

import pytest
from django.contrib import admin
from django.core.management import call_command
from oauth2_provider.models import AccessToken, Application

from accounts.grants import services
from accounts.grants.kinds import grant_kind_get
from api.models import PartnerClient
from tests.support.partners_support import make_partner


def test_schema_validates_without_warnings(db, tmp_path):
    out = tmp_path / "openapi.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    assert "/api/v1/inzetten/{inzet_id}/start" in out.read_text()


def test_schema_follows_the_design_rules(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    schema = response.json()
    paths = list(schema["paths"])
    assert sorted(paths) == [
        "/api/v1/afspraken",
        "/api/v1/afspraken/{afspraak_id}",
        "/api/v1/gezinnen",
        "/api/v1/gezinnen/{gezin_id}",
        "/api/v1/inzetten",
        "/api/v1/inzetten/{inzet_id}",
        "/api/v1/inzetten/{inzet_id}/berichten",
        "/api/v1/inzetten/{inzet_id}/start",
        "/api/v1/inzetten/{inzet_id}/stop",
        "/api/v1/jeugdigen",
        "/api/v1/jeugdigen/{jeugdige_id}",
    ]
    assert not any(p.endswith("/") for p in paths)
    assert schema["info"]["version"] == "1.0.0"
    flows = schema["components"]["securitySchemes"]["oauth2"]["flows"]
    assert list(flows) == ["clientCredentials"]
    assert flows["clientCredentials"]["tokenUrl"] == "/api/v1/oauth/token"
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            assert operation["security"], (method, path)
            for code, answer in operation["responses"].items():
                assert "API-Version" in answer["headers"]
                if code.startswith("4"):
                    assert list(answer["content"]) == ["application/problem+json"], (method, path, code)
    # Field names are camelCase (ADR), without snake_case leaking from the models.
    for name, component in schema["components"]["schemas"].items():
        for field in component.get("properties", {}):
            assert re.fullmatch(r"[a-z][a-zA-Z]*", field), (name, field)


def test_docs_page_is_server_rendered_and_csp_clean(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "POST /api/v1/inzetten/{inzet_id}/start" in html
    assert "inzetten:schrijven" in html
    assert "<script" not in html.split("</header>")[-1]
    assert "unsafe-inline" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_partner_client_is_proposed_by_beheer_and_made_when_the_officer_approves(client, cast, security):
    partner = make_partner("Jeugdhulp A")
    client.force_login(cast.beheer)
    assert client.get("/admin/api/partnerclient/add/").status_code == 403
    proposal = services.grant_propose(
        kind=grant_kind_get("partner_client"),
        by=cast.beheer,
        cleaned={
            "partner": partner,
            "name": "Registratiesysteem",
            "scopes": ["inzetten:lezen", "gezinnen:lezen"],
            "purpose": "Afstemmen van de hulp",
        },
        reason="Koppeling met Jeugdhulp A",
    )
    assert not PartnerClient.objects.exists()
    outcome = services.grant_approve(proposal=proposal, by=security)
    api_client = PartnerClient.objects.get(partner=partner)
    assert api_client.scopes == "gezinnen:lezen inzetten:lezen"
    application = api_client.application
    assert application.authorization_grant_type == Application.GRANT_CLIENT_CREDENTIALS
    assert application.client_type == Application.CLIENT_CONFIDENTIAL
    assert application.user is None
    assert outcome.secret["Client-id"] == api_client.client_id
    secret = outcome.secret["Client-secret"]
    # Stored hashed: the plain secret is nowhere in the database.
    assert application.client_secret != secret
    token = client.post(
        "/api/v1/oauth/token",
        {"grant_type": "client_credentials", "client_id": api_client.client_id, "client_secret": secret},
    )
    assert token.status_code == 200, token.content
    assert AccessToken.objects.filter(application=application).exists()


@pytest.mark.django_db
def test_only_beheer_manages_clients_and_oauth_admin_is_hidden(client, cast):
    assert not admin.site.is_registered(Application)
    assert not admin.site.is_registered(AccessToken)
    cast.worker.is_staff = True
    cast.worker.save()
    client.force_login(cast.worker)
    assert client.get("/admin/api/partnerclient/").status_code in (302, 403)
    client.force_login(cast.beheer)
    assert client.get("/admin/api/partnerclient/").status_code == 200
