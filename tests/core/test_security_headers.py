"""Deployment hardening: the Permissions-Policy header, and `check --deploy` under the production settings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from tests.support.api_support import bearer, make_client, make_token
from tests.support.partners_support import make_basis, make_partner

ROOT = Path(settings.BASE_DIR)


def _policy(response) -> dict[str, str]:
    header = response.headers["Permissions-Policy"]
    return dict(item.strip().split("=", 1) for item in header.split(","))


def _assert_policy(response) -> None:
    policy = _policy(response)
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort", "browsing-topics"):
        assert policy[feature] == "()", feature
    assert policy["publickey-credentials-get"] == "(self)"
    assert policy["publickey-credentials-create"] == "(self)"


def test_pages_carry_a_permissions_policy(client, cast):
    _assert_policy(client.get(reverse("login")))
    client.force_login(cast.worker)
    response = client.get(reverse("casework:family_detail", kwargs={"family_id": cast.family.pk}))
    assert response.status_code == 200
    _assert_policy(response)


def test_the_api_carries_a_permissions_policy(client, cast):
    refused = client.get("/api/v1/gezinnen")
    assert refused.status_code == 401
    _assert_policy(refused)
    partner = make_partner("Jeugdhulp A")
    make_basis(family=cast.family, partner=partner)
    api_client, _secret = make_client(partner=partner, scopes=["gezinnen:lezen"])
    answered = client.get("/api/v1/gezinnen", **bearer(make_token(api_client)))
    assert answered.status_code == 200
    _assert_policy(answered)


def test_check_deploy_is_clean_under_the_production_settings():
    """Django's and django-oauth-toolkit's deploy checks (RFC 9700): no warning, no error."""
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE (tests/support/browser.py) is no part of a deployment.
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "gezinsgericht.example.nl",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "https://gezinsgericht.example.nl",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output
