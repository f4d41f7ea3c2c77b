"""Functioneel beheer manages partner systems here; the client secret is shown once."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from accounts.admin import BeheerOnly

from . import services
from .models import PartnerClient


class PartnerClientForm(forms.ModelForm):
    name = forms.CharField(label=_("naam van het systeem"), max_length=200, required=False)
    scopes = forms.MultipleChoiceField(
        label=_("scopes"), choices=[], widget=forms.CheckboxSelectMultiple, help_text=_("Wat dit systeem mag.")
    )

    class Meta:
        model = PartnerClient
        fields = ["partner", "scopes", "purpose", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scopes"].choices = [(key, f"{key}: {text}") for key, text in settings.API_SCOPES.items()]
        if self.instance.pk:
            self.initial["scopes"] = self.instance.scope_list
            self.fields["partner"].disabled = True
            del self.fields["name"]
        else:
            self.fields["name"].required = True

    def clean_scopes(self) -> str:
        return " ".join(self.cleaned_data["scopes"])


@admin.register(PartnerClient)
class PartnerClientAdmin(BeheerOnly, admin.ModelAdmin):
    form = PartnerClientForm
    list_display = ["partner", "application", "client_id", "scopes", "purpose", "active"]
    list_filter = ["active", "partner"]
    readonly_fields = ["client_id", "created_at"]
    actions = ["new_secret", "deactivate"]

    def get_fields(self, request, obj=None):
        """The system's name goes into the OAuth2 application once, at creation.

        The form drops its field for an existing client, so the change page must
        not lay it out either: a fieldset naming a field the form lacks is a 500.
        """
        fields = super().get_fields(request, obj)
        return fields if obj is None else [field for field in fields if field != "name"]

    @admin.display(description=_("client-id"))
    def client_id(self, obj: PartnerClient) -> str:
        return obj.client_id if obj.pk else ""

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        client, secret = services.partner_client_create(
            actor=request.user,
            partner=form.cleaned_data["partner"],
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"].split(),
            purpose=form.cleaned_data["purpose"],
        )
        obj.pk = client.pk
        obj.application = client.application
        self._show_secret(request, client, secret)

    def _show_secret(self, request, client: PartnerClient, secret: str) -> None:
        messages.warning(
            request,
            _("Client-id: %(id)s. Client-secret (wordt maar één keer getoond, geef het veilig door): %(secret)s")
            % {"id": client.client_id, "secret": secret},
        )

    @admin.action(description=_("Nieuw client-secret maken (huidige tokens vervallen)"))
    def new_secret(self, request, queryset):
        for client in queryset.select_related("application"):
            self._show_secret(request, client, services.partner_client_new_secret(actor=request.user, client=client))

    @admin.action(description=_("Uitzetten (tokens vervallen direct)"))
    def deactivate(self, request, queryset):
        for client in queryset.select_related("application"):
            services.partner_client_deactivate(actor=request.user, client=client)
