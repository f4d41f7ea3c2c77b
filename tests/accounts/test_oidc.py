"""Optional single sign-on: existing users only, and only with the second factor the IdP checked."""

import pytest
from django.contrib.auth import login
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import SuspiciousOperation
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from django_otp import DEVICE_ID_SESSION_KEY

from accounts.oidc import StaffOIDCBackend, second_factor_claims_met
from accounts.second_factor.services import second_factor_reset

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend(settings):
    settings.OIDC_RP_CLIENT_ID = "gezinsgericht"
    settings.OIDC_RP_CLIENT_SECRET = "geheim"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.invalid/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.invalid/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://idp.invalid/jwks"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_REQUIRED_ACR = ["urn:gi:mfa"]
    settings.OIDC_REQUIRED_AMR = ["mfa", "otp"]
    backend = StaffOIDCBackend()
    backend.get_userinfo = lambda access_token, id_token, payload: payload  # the IdP's userinfo, in the test
    return backend


def test_the_claim_check(settings):
    settings.OIDC_REQUIRED_ACR = ["urn:gi:mfa"]
    settings.OIDC_REQUIRED_AMR = ["mfa"]
    assert second_factor_claims_met({"acr": "urn:gi:mfa"})
    assert second_factor_claims_met({"amr": ["pwd", "mfa"]}) and second_factor_claims_met({"amr": "mfa"})
    assert not second_factor_claims_met({"acr": "urn:gi:password", "amr": ["pwd"]})
    assert not second_factor_claims_met({})
    settings.OIDC_REQUIRED_ACR = []
    settings.OIDC_REQUIRED_AMR = []
    assert not second_factor_claims_met({"acr": "urn:gi:mfa", "amr": ["mfa"]})  # nothing configured: never


def test_an_existing_user_with_the_idps_second_factor_is_verified(backend, cast):
    cast.worker.email = "worker@gi.invalid"
    cast.worker.save()
    user = backend.get_or_create_user("at", "it", {"email": "Worker@gi.invalid", "amr": ["pwd", "otp"]})
    assert user == cast.worker
    request = RequestFactory().get("/")
    SessionMiddleware(lambda r: None).process_request(request)
    request.user = AnonymousUser()
    login(request, user, backend="accounts.oidc.StaffOIDCBackend")
    assert request.session[DEVICE_ID_SESSION_KEY] == user.otp_device.persistent_id
    # A reset of the second factor takes this device too.
    assert second_factor_reset(user=cast.worker, by=cast.beheer).devices_removed == 1


def test_no_second_factor_at_the_idp_no_log_in(backend, cast):
    cast.worker.email = "worker@gi.invalid"
    cast.worker.save()
    assert backend.get_or_create_user("at", "it", {"email": "worker@gi.invalid", "amr": ["pwd"]}) is None
    assert backend.get_or_create_user("at", "it", {"email": "worker@gi.invalid", "acr": "urn:gi:low"}) is None


def test_unknown_or_inactive_people_are_not_created(backend, cast):
    from accounts.models import User

    before = User.objects.count()
    assert backend.get_or_create_user("at", "it", {"email": "nieuw@gi.invalid", "amr": ["mfa"]}) is None
    cast.colleague.email = "colleague@gi.invalid"
    cast.colleague.is_active = False
    cast.colleague.save()
    assert backend.get_or_create_user("at", "it", {"email": "colleague@gi.invalid", "amr": ["mfa"]}) is None
    assert User.objects.count() == before
    with pytest.raises(SuspiciousOperation):
        backend.create_user({"email": "nieuw@gi.invalid"})


def test_single_sign_on_is_off_unless_configured(client, settings):
    assert not settings.OIDC_RP_CLIENT_ID
    assert "accounts.oidc.StaffOIDCBackend" not in settings.AUTHENTICATION_BACKENDS
    assert "organisatieaccount" not in client.get("/inloggen/").content.decode()
    with pytest.raises(NoReverseMatch):
        reverse("oidc_authentication_init")
