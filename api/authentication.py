"""Only partner systems authenticate here: a bearer token of an active partner client.

Staff sessions never open the API (no session authentication), and a token
bound to a user (another grant type) or to a switched-off client is refused,
so every call is made by exactly one known partner system. A token whose
scopes are no longer all granted to its client is refused too.
"""

from django.core.exceptions import SuspiciousOperation
from drf_spectacular.contrib.django_oauth_toolkit import DjangoOAuthToolkitScheme
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from rest_framework.exceptions import AuthenticationFailed, ValidationError

from .bearer import valid_partner_token
from .models import PartnerClient
from .oauth import partner_client_for_application


class PartnerPrincipal:
    """Who is calling: a partner system, never a person (access-log rows carry user=None)."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False
    pk = None

    def __init__(self, client: PartnerClient):
        self.client = client
        self.partner = client.partner

    def __str__(self) -> str:
        return f"{self.partner} ({self.client.client_id})"


class PartnerTokenAuthentication(OAuth2Authentication):
    www_authenticate_realm = "partner-api"

    def authenticate(self, request):
        # The usual case in one query (api.bearer); anything it does not accept takes the full path below.
        found = valid_partner_token(request._request)
        if found is not None:
            partner_client, access_token = found
            return PartnerPrincipal(partner_client), access_token
        try:
            result = super().authenticate(request)
        except SuspiciousOperation as exc:
            # oauthlib refuses a query string with broken %-encoding: the caller's input, so a 400.
            raise ValidationError({"query": ["Ongeldige %-codering in de querystring."]}) from exc
        if result is None:
            return None
        _user, token = result
        if token.user_id is not None:
            raise AuthenticationFailed("Dit token hoort bij een persoon; de API accepteert alleen partnersystemen.")
        client = partner_client_for_application(application=token.application)
        if client is None:
            raise AuthenticationFailed("Deze client is niet (meer) actief.")
        if not set(token.scope.split()) <= set(client.scope_list):
            # Beheer took a scope away after this token was issued: it must not outlive that decision.
            raise AuthenticationFailed("Dit token heeft scopes die deze client niet meer heeft; vraag een nieuw aan.")
        return PartnerPrincipal(client), token


class PartnerTokenScheme(DjangoOAuthToolkitScheme):
    """Describe the partner token in the OpenAPI schema as OAuth2 client credentials with scopes."""

    target_class = "api.authentication.PartnerTokenAuthentication"
