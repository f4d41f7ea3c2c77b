"""Optional single sign-on with the organisation's identity provider (mozilla-django-oidc).

On only when OIDC_RP_CLIENT_ID is set (config/settings/base.py). It matches existing, active users by
e-mail address and never creates one: who works here is decided in our own admin. The second factor
then comes from the identity provider: only an ID token whose `acr` is one of OIDC_REQUIRED_ACR, or
whose `amr` holds one of OIDC_REQUIRED_AMR, logs in, and that log-in marks the session verified (an
IdentityProviderDevice, through django-otp's own hook on user_logged_in). Anything less is refused,
so single sign-on never opens a session without a second factor.
"""

import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts.models import IdentityProviderDevice, User

logger = logging.getLogger(__name__)


def second_factor_claims_met(claims: Mapping[str, Any]) -> bool:
    """Did the identity provider check a second factor? Nothing configured means: no, never."""
    acr_values = set(settings.OIDC_REQUIRED_ACR)
    amr_values = set(settings.OIDC_REQUIRED_AMR)
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    return bool(acr_values and claims.get("acr") in acr_values) or bool(amr_values & set(amr))


def identity_provider_device(*, user: User) -> IdentityProviderDevice:
    with transaction.atomic():
        device, _ = IdentityProviderDevice.objects.get_or_create(
            user=user, defaults={"name": "Eenmalige inlog", "confirmed": True}
        )
    return device


class StaffOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        email = claims.get("email")
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def create_user(self, claims):
        raise SuspiciousOperation("Eenmalige inlog maakt geen gebruikers aan.")

    def get_or_create_user(self, access_token, id_token, payload):
        if not second_factor_claims_met(payload):
            logger.warning("OIDC log-in refused: the ID token shows no second factor (acr/amr)")
            return None
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is None:
            return None
        user.otp_device = identity_provider_device(user=user)  # django_otp.login() on user_logged_in
        return user
