"""Functioneel beheer reads partner systems here and can switch one off; creating one is a proposal.

A partner client opens children's data to a partner, so it is not made here:
"Voorstellen" (accounts.grants, with api/grants.py) has a new client, other
scopes and a new secret, each approved by the security officer, who alone sees
the secret, once. Here only the purpose text can be corrected, and switching a
client off (taking access away) stays a direct action.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from accounts.admin import BeheerOnly
from accounts.grants.services import grant_record_removal

from . import services
from .models import PartnerClient


class PartnerClientForm(forms.ModelForm):
    class Meta:
        model = PartnerClient
        fields = ["purpose"]


@admin.register(PartnerClient)
class PartnerClientAdmin(BeheerOnly, admin.ModelAdmin):
    form = PartnerClientForm
    list_display = ["partner", "application", "client_id", "scopes", "purpose", "active"]
    list_filter = ["active", "partner"]
    fields = ["partner", "application", "client_id", "scopes", "purpose", "active", "created_at"]
    readonly_fields = ["partner", "application", "client_id", "scopes", "active", "created_at"]
    actions = ["deactivate"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("client-id"))
    def client_id(self, obj: PartnerClient) -> str:
        return obj.client_id if obj.pk else ""

    @admin.action(description=_("Uitzetten (tokens vervallen direct)"))
    def deactivate(self, request, queryset):
        for client in queryset.select_related("application"):
            services.partner_client_deactivate(actor=request.user, client=client)
            grant_record_removal(
                by=request.user, kind="partner_client", summary=_("Partnersysteem uitgezet: %s") % client
            )
        messages.success(request, _("Uitgezet. Een nieuw systeem of nieuw secret gaat via Voorstellen."))
