"""Builders for the partner-API tests: a partner client and its bearer tokens."""

import datetime as dt
import secrets

from django.conf import settings
from django.utils import timezone
from oauth2_provider.models import AccessToken

from api import services as api_services
from api.models import PartnerClient

ALL_SCOPES = list(settings.API_SCOPES)
READ_SCOPES = ["gezinnen:lezen", "afspraken:lezen", "inzetten:lezen"]


def make_client(*, partner, scopes=None, purpose="Afstemmen van de hulp") -> tuple[PartnerClient, str]:
    return api_services.partner_client_create(
        actor=None,
        partner=partner,
        name=f"Systeem van {partner.name}",
        scopes=scopes or ALL_SCOPES,
        purpose=purpose,
    )


def make_token(client: PartnerClient, *, scopes=None, expires_in: int = 300, user=None) -> str:
    """A token as django-oauth-toolkit would issue it (the token endpoint itself is tested separately)."""
    token = AccessToken.objects.create(
        application=client.application,
        user=user,
        token=secrets.token_urlsafe(30),
        scope=" ".join(scopes or client.scope_list),
        expires=timezone.now() + dt.timedelta(seconds=expires_in),
    )
    return token.token


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
