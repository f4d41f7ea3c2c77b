"""OAuth2 rules for partner systems: client credentials only, scopes per client.

django-oauth-toolkit issues the tokens; these two hooks make it ask our
PartnerClient table, so functioneel beheer decides per system what it may do
and switching a client off stops new tokens at once.
"""

from oauth2_provider.oauth2_validators import OAuth2Validator
from oauth2_provider.scopes import SettingsScopes

from .models import PartnerClient


def partner_client_for_application(*, application) -> PartnerClient | None:
    """The active client for an OAuth2 application whose partner is active, or None."""
    if application is None or application.pk is None:
        return None
    return (
        PartnerClient.objects.select_related("partner", "application")
        .filter(application_id=application.pk, active=True, partner__active=True)
        .first()
    )


class PartnerClientScopes(SettingsScopes):
    """A client may ask only for the scopes beheer gave it; without asking it gets all of them."""

    def get_available_scopes(self, application=None, request=None, *args, **kwargs):
        client = partner_client_for_application(application=application)
        if client is None:
            return []
        known = super().get_all_scopes()
        return [scope for scope in client.scope_list if scope in known]

    def get_default_scopes(self, application=None, request=None, *args, **kwargs):
        return self.get_available_scopes(application=application, request=request)


class PartnerClientValidator(OAuth2Validator):
    """Only the client credentials grant, and only for an active partner client."""

    def validate_grant_type(self, client_id, grant_type, client, request, *args, **kwargs):
        if grant_type != "client_credentials":
            return False
        if not super().validate_grant_type(client_id, grant_type, client, request, *args, **kwargs):
            return False
        return partner_client_for_application(application=request.client) is not None
