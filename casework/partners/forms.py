"""Forms for partners' help and sharing bases. They check input; the services apply the rules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.concurrency import add_base_version
from core.idempotency import OnceFormMixin
from core.widgets import DateInput

from .models import EndReason, Inzet, InzetStatus, SharingBasis
from .selectors import partner_choices
from .services import INITIAL_STATUSES, INZET_FIELDS
from .sharing import BASIS_FIELDS


class InzetForm(forms.ModelForm):
    """Help asked of a partner; the status of a new one is aangevraagd or wachtlijst."""

    status = forms.ChoiceField(
        label=_("Status"), choices=[(s.value, s.label) for s in INITIAL_STATUSES], initial=InzetStatus.AANGEVRAAGD
    )

    class Meta:
        model = Inzet
        fields = ["partner", *INZET_FIELDS]
        widgets = {"requested_on": DateInput(), "promised_start": DateInput()}

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partner_choices()
        self.fields["child"].queryset = family.members.filter(role="jeugdige")
        self.fields["child"].empty_label = _("het hele gezin")
        self.fields["child"].label = _("Voor")
        self.fields["requested_on"].initial = timezone.localdate
        if self.instance.pk:
            # The partner and the status of existing help change only through status changes.
            del self.fields["partner"]
            del self.fields["status"]
            # The version the user read: a change made meanwhile is not silently overwritten.
            add_base_version(self, version=self.instance.version)

    def service_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("partner", "version")}


class InzetCreateForm(OnceFormMixin, InzetForm):
    """A new inzet, sent once (core.idempotency)."""


class InzetStatusForm(OnceFormMixin, forms.Form):
    to_status = forms.ChoiceField(label=_("Nieuwe status"))
    on = forms.DateField(label=_("Datum"), widget=DateInput(), initial=timezone.localdate)
    reason = forms.ChoiceField(
        label=_("Reden einde"),
        required=False,
        choices=[("", _("— alleen bij stoppen of afwijzen —")), *EndReason.choices],
    )
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=300)

    def __init__(self, *args, allowed: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        # Offer only the steps the service accepts from the current status.
        self.fields["to_status"].choices = [(s, InzetStatus(s).label) for s in allowed]


class InzetMessageForm(OnceFormMixin, forms.Form):
    text = forms.CharField(label=_("Bericht"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class SharingBasisForm(OnceFormMixin, forms.ModelForm):
    class Meta:
        model = SharingBasis
        fields = ["partner", *BASIS_FIELDS]
        widgets = {
            "consent_on": DateInput(),
            "start_on": DateInput(),
            "end_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partner_choices()

    def clean(self):
        """Name the end date at its field.

        Without this, the model's check constraint (validated by the ModelForm)
        answers first with a generic message naming the constraint; an error on
        the field takes it out of that check, so the user reads which date is wrong.
        """
        cleaned = super().clean()
        start, end = cleaned.get("start_on"), cleaned.get("end_on")
        if start and end and end < start:
            self.add_error("end_on", _("De einddatum ligt vóór de begindatum."))
        return cleaned

    def service_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "partner"}


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reden van intrekken"), max_length=300)
