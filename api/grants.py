"""The partner API's kinds of grant: a new partner client, new scopes for a client, a new secret.

Each opens children's data to a partner system, so functioneel beheer proposes
it and the privacy and security officer approves it (accounts.grants). A
client's secret is made in the approving transaction and returned to the
approver alone, once; it is stored hashed and never on the proposal.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.grants.kinds import GrantDraft, GrantKind, GrantOutcome, grant_kind_register
from accounts.grants.models import GrantProposal
from accounts.models import User
from casework.partners.models import Partner

from . import services
from .models import PartnerClient


def _scope_choices() -> list[tuple[str, str]]:
    return [(key, f"{key}: {text}") for key, text in settings.API_SCOPES.items()]


class ScopesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(label=gettext_lazy("Scopes"), choices=_scope_choices, **kwargs)


class PartnerClientGrantForm(forms.Form):
    partner = forms.ModelChoiceField(label=gettext_lazy("Partner"), queryset=Partner.objects.filter(active=True))
    name = forms.CharField(label=gettext_lazy("Naam van het systeem"), max_length=200)
    scopes = ScopesField(help_text=gettext_lazy("Wat dit systeem mag."))
    purpose = forms.CharField(
        label=gettext_lazy("Doel (doelbinding)"),
        max_length=200,
        help_text=gettext_lazy("Waarvoor dit systeem gegevens gebruikt; komt in elke regel van het toegangslog."),
    )


class ClientForm(forms.Form):
    client = forms.ModelChoiceField(
        label=gettext_lazy("Partnersysteem"),
        queryset=PartnerClient.objects.filter(active=True).select_related("partner", "application"),
    )


class ClientScopesGrantForm(ClientForm):
    scopes = ScopesField(help_text=gettext_lazy("De scopes die het systeem daarna heeft, alle samen."))


def _client(proposal: GrantProposal) -> PartnerClient:
    return PartnerClient.objects.select_related("application", "partner").get(pk=proposal.payload["client"])


def _secret(client: PartnerClient, secret: str) -> dict[str, str]:
    return {_("Client-id"): client.client_id, _("Client-secret"): secret}


def prepare_partner_client(*, cleaned: dict) -> GrantDraft:
    partner, scopes = cleaned["partner"], list(cleaned["scopes"])
    summary = _("Nieuw partnersysteem %(name)s voor %(partner)s met %(scopes)s") % {
        "name": cleaned["name"],
        "partner": partner,
        "scopes": ", ".join(scopes),
    }
    payload = {"partner": partner.pk, "name": cleaned["name"], "scopes": scopes, "purpose": cleaned["purpose"]}
    return GrantDraft(payload=payload, summary=summary)


def apply_partner_client(*, proposal: GrantProposal, by: User) -> GrantOutcome:
    p = proposal.payload
    client, secret = services.partner_client_create(
        actor=by, partner=Partner.objects.get(pk=p["partner"]), name=p["name"], scopes=p["scopes"], purpose=p["purpose"]
    )
    return GrantOutcome(message=_("Goedgekeurd: %(s)s.") % {"s": proposal.summary}, secret=_secret(client, secret))


def prepare_client_scopes(*, cleaned: dict) -> GrantDraft:
    client, scopes = cleaned["client"], list(cleaned["scopes"])
    if set(scopes) == set(client.scope_list):
        raise ValidationError({"scopes": _("Dit systeem heeft precies deze scopes al.")})
    summary = _("Scopes van %(client)s: %(new)s (was %(old)s)") % {
        "client": client,
        "new": ", ".join(scopes),
        "old": ", ".join(client.scope_list),
    }
    return GrantDraft(payload={"client": client.pk, "scopes": scopes}, summary=summary)


def apply_client_scopes(*, proposal: GrantProposal, by: User) -> GrantOutcome:
    services.partner_client_scopes_set(actor=by, client=_client(proposal), scopes=proposal.payload["scopes"])
    return GrantOutcome(message=_("Goedgekeurd: %(s)s.") % {"s": proposal.summary})


def prepare_client_secret(*, cleaned: dict) -> GrantDraft:
    client = cleaned["client"]
    summary = _("Nieuw client-secret voor %(client)s (huidige tokens vervallen)") % {"client": client}
    return GrantDraft(payload={"client": client.pk}, summary=summary)


def apply_client_secret(*, proposal: GrantProposal, by: User) -> GrantOutcome:
    client = _client(proposal)
    secret = services.partner_client_new_secret(actor=by, client=client)
    return GrantOutcome(message=_("Goedgekeurd: %(s)s.") % {"s": proposal.summary}, secret=_secret(client, secret))


def register_api_kinds() -> None:
    """Called from ApiConfig.ready()."""
    grant_kind_register(
        GrantKind(
            key="partner_client",
            label=gettext_lazy("Nieuw partnersysteem (API-client)"),
            form_class=PartnerClientGrantForm,
            prepare=prepare_partner_client,
            apply=apply_partner_client,
            description=gettext_lazy("Het client-secret ziet alleen wie goedkeurt, één keer."),
        ),
    )
    grant_kind_register(
        GrantKind(
            key="partner_client_scopes",
            label=gettext_lazy("Andere scopes voor een partnersysteem"),
            form_class=ClientScopesGrantForm,
            prepare=prepare_client_scopes,
            apply=apply_client_scopes,
        ),
    )
    grant_kind_register(
        GrantKind(
            key="partner_client_secret",
            label=gettext_lazy("Nieuw client-secret voor een partnersysteem"),
            form_class=ClientForm,
            prepare=prepare_client_secret,
            apply=apply_client_secret,
            description=gettext_lazy("Het nieuwe secret ziet alleen wie goedkeurt, één keer."),
        ),
    )
