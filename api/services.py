"""Writes of the partner API: partner clients and their secrets, and the access log of what clients read.

Clients are proposed by functioneel beheer and made when the security officer
approves (api/grants.py, through accounts.grants). The secret is
stored hashed by django-oauth-toolkit, so it can be shown only once: these
functions return it to the caller, who shows it and forgets it. Reads are
logged here rather than in the selectors, which only read.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import AccessToken, get_application_model

from accounts.models import User
from casework.partners.models import Partner
from privacy.models import Action, Channel
from privacy.services import access_log_record, access_log_record_many

from .models import PartnerClient

logger = logging.getLogger(__name__)


def _check_scopes(scopes: list[str]) -> str:
    unknown = sorted(set(scopes) - set(settings.API_SCOPES))
    if unknown or not scopes:
        raise ValidationError({"scopes": "Kies een of meer bekende scopes."})
    return " ".join(s for s in settings.API_SCOPES if s in scopes)


@transaction.atomic
def partner_client_create(
    *, actor: User, partner: Partner, name: str, scopes: list[str], purpose: str
) -> tuple[PartnerClient, str]:
    """A new confidential client-credentials client for a partner; returns it and its secret (shown once)."""
    if not (purpose or "").strip():
        raise ValidationError({"purpose": "Vul het doel in (doelbinding)."})
    secret = generate_client_secret()
    application = get_application_model().objects.create(
        name=name[:255],
        user=None,
        client_type="confidential",
        authorization_grant_type="client-credentials",
        client_secret=secret,
        hash_client_secret=True,
        skip_authorization=True,
    )
    client = PartnerClient.objects.create(
        partner=partner, application=application, scopes=_check_scopes(scopes), purpose=purpose.strip()
    )
    logger.info("partner client %s created for %s by %s", application.client_id, partner, actor)
    return client, secret


@transaction.atomic
def partner_client_new_secret(*, actor: User, client: PartnerClient) -> str:
    """Replace a client's secret (lost or leaked) and end its current tokens; returns the new secret."""
    secret = generate_client_secret()
    application = client.application
    application.client_secret = secret
    application.save(update_fields=["client_secret"])
    AccessToken.objects.filter(application=application).delete()
    logger.info("partner client %s got a new secret from %s", application.client_id, actor)
    return secret


@transaction.atomic
def partner_client_scopes_set(*, actor: User, client: PartnerClient, scopes: list[str]) -> PartnerClient:
    """Give a client another set of scopes (from an approved grant); its current tokens end."""
    client = PartnerClient.objects.select_for_update().select_related("application").get(pk=client.pk)
    client.scopes = _check_scopes(scopes)
    client.save(update_fields=["scopes"])
    AccessToken.objects.filter(application=client.application).delete()
    logger.info("partner client %s got scopes %s from %s", client.client_id, client.scopes, actor)
    return client


def access_tokens_clear_expired() -> int:
    """Delete expired access tokens; returns how many.

    Every few minutes each partner system asks for a new short-lived token, so
    without this the table only grows. An expired token opens nothing; the
    access log names the client, never the token, so nothing is lost.
    """
    deleted, _ = AccessToken.objects.filter(expires__lt=timezone.now()).delete()
    return deleted


@transaction.atomic
def partner_client_deactivate(*, actor: User, client: PartnerClient) -> PartnerClient:
    """Switch a client off: no new tokens, and the tokens it holds are refused from now on."""
    client.active = False
    client.save(update_fields=["active"])
    AccessToken.objects.filter(application=client.application).delete()
    logger.info("partner client %s deactivated by %s", client.client_id, actor)
    return client


def access_log_api_list(*, client: PartnerClient, family_ids: Iterable[int], what: str) -> None:
    """One access-log row naming every family shown in a list, channel api, with the client and its purpose.

    A partner system is no person: the row names the client, and the client's
    doelbinding is the purpose of every read it makes.
    """
    access_log_record_many(
        user=None,
        family_ids=sorted(set(family_ids)),
        what=what,
        action=Action.LIST,
        channel=Channel.API,
        client=client.client_id,
        purpose=client.purpose,
    )


def access_log_api_view(*, client: PartnerClient, family_id: int, what: str) -> None:
    """One access-log row for one family a partner system read, as for a list."""
    access_log_record(
        user=None,
        family_id=family_id,
        action=Action.VIEW,
        what=what,
        channel=Channel.API,
        client=client.client_id,
        purpose=client.purpose,
    )
