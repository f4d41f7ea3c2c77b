"""Forms for court work: each asks what the court paper says, the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import Measure, MeasureEndReason, MeasureKind
from core import limits
from core.concurrency import add_base_version
from core.forms import LimitedCharField
from core.idempotency import OnceFormMixin
from core.widgets import DateInput

from .models import HearingKind, HearingOutcome, RequestKind, RulingOutcome, StayKind


def _ruling_field(*, family, required: bool, help_text: str = "") -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Beschikking"),
        queryset=family.rulings.order_by("-ruled_on", "-id"),
        required=required,
        empty_label=_("geen (vrijwillig traject)") if not required else "---------",
        help_text=help_text or _("Staat de beschikking er nog niet bij? Leg die eerst vast."),
    )


class RulingForm(OnceFormMixin, forms.Form):
    court = forms.CharField(
        label=_("Rechtbank"), max_length=120, help_text=_("Bijvoorbeeld: Rechtbank Noord-Nederland")
    )
    case_number = forms.CharField(
        label=_("Zaaknummer"), max_length=40, help_text=_("Bijvoorbeeld: C/18/123456 / JE RK 26-123")
    )
    ruled_on = forms.DateField(label=_("Datum beschikking"), widget=DateInput())
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=RulingOutcome.choices)
    requested = LimitedCharField(
        label=_("Wat is verzocht"), max_length=limits.ANSWER, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    granted = LimitedCharField(
        label=_("Wat is toegewezen"), max_length=limits.ANSWER, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class MeasureOpenForm(OnceFormMixin, forms.Form):
    child = forms.ModelChoiceField(label=_("Jeugdige"), queryset=None)
    kind = forms.ChoiceField(label=_("Maatregel"), choices=MeasureKind.choices)
    start = forms.DateField(label=_("Begin"), widget=DateInput())
    end = forms.DateField(
        label=_("Einde"), widget=DateInput(), required=False, help_text=_("Leeg bij voogdij: die heeft geen einde.")
    )

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = family.members.filter(role="jeugdige").order_by("date_of_birth", "pk")
        self.fields["ruling"] = _ruling_field(family=family, required=False)


class MeasureExtendForm(OnceFormMixin, forms.Form):
    end = forms.DateField(label=_("Verlengd tot en met"), widget=DateInput())

    def __init__(self, *args, family, version: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ruling"] = _ruling_field(family=family, required=True)
        add_base_version(self, version=version)


class MeasureEndForm(OnceFormMixin, forms.Form):
    ended_on = forms.DateField(label=_("Beëindigd op"), widget=DateInput())
    end_reason = forms.ChoiceField(label=_("Reden"), choices=[("", "---------"), *MeasureEndReason.choices])
    end_note = LimitedCharField(label=_("Toelichting"), max_length=limits.REASON, required=False)

    def __init__(self, *args, version: int, **kwargs):
        super().__init__(*args, **kwargs)
        add_base_version(self, version=version)


class CourtRequestForm(OnceFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Soort verzoek"), choices=RequestKind.choices)
    measure = forms.ModelChoiceField(
        label=_("Maatregel"),
        queryset=None,
        required=False,
        empty_label=_("nog geen (bijvoorbeeld een eerste machtiging)"),
    )
    child = forms.ModelChoiceField(
        label=_("Jeugdige"), queryset=None, required=False, empty_label=_("uit de maatregel")
    )
    court = forms.CharField(label=_("Rechtbank"), max_length=120, required=False)
    case_number = forms.CharField(label=_("Zaaknummer"), max_length=40, required=False)
    due_on = forms.DateField(
        label=_("Uiterlijk indienen op"),
        widget=DateInput(),
        required=False,
        help_text=_("Leeg bij een verlenging: de termijn volgt uit het einde van de maatregel."),
    )

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = Measure.objects.filter(
            child__family=family, ended_on__isnull=True
        ).select_related("child")
        self.fields["child"].queryset = family.members.filter(role="jeugdige").order_by("date_of_birth", "pk")


class RequestSubmitForm(OnceFormMixin, forms.Form):
    submitted_on = forms.DateField(label=_("Ingediend op"), widget=DateInput())
    court = forms.CharField(label=_("Rechtbank"), max_length=120)
    case_number = forms.CharField(label=_("Zaaknummer"), max_length=40, required=False)

    def __init__(self, *args, version: int, **kwargs):
        super().__init__(*args, **kwargs)
        add_base_version(self, version=version)


class RequestDecideForm(OnceFormMixin, forms.Form):
    new_end = forms.DateField(
        label=_("Verlengd tot en met"),
        widget=DateInput(),
        required=False,
        help_text=_("Alleen bij een toegewezen verlenging: de nieuwe periode komt er meteen bij."),
    )

    def __init__(self, *args, family, version: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ruling"] = _ruling_field(family=family, required=True)
        self.order_fields(["ruling", "new_end"])
        add_base_version(self, version=version)


class RequestWithdrawForm(OnceFormMixin, forms.Form):
    def __init__(self, *args, version: int, **kwargs):
        super().__init__(*args, **kwargs)
        add_base_version(self, version=version)


def _authorisation_field(*, family) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Grondslag"),
        queryset=Measure.objects.filter(child__family=family).select_related("child").order_by("-start"),
        required=False,
        empty_label=_("nog geen (of niet nodig: thuis)"),
        help_text=_("De machtiging of maatregel waarop dit verblijf rust. Zonder geldige grondslag volgt een signaal."),
    )


class StayForm(OnceFormMixin, forms.Form):
    child = forms.ModelChoiceField(label=_("Jeugdige"), queryset=None)
    kind = forms.ChoiceField(label=_("Verblijf"), choices=StayKind.choices)
    place = forms.CharField(
        label=_("Waar"), max_length=200, required=False, help_text=_("Bijvoorbeeld: pleeggezin De Vries, Zwolle")
    )
    start = forms.DateField(label=_("Vanaf"), widget=DateInput())

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = family.members.filter(role="jeugdige").order_by("date_of_birth", "pk")
        self.fields["authorisation"] = _authorisation_field(family=family)


class StayAuthorisationForm(OnceFormMixin, forms.Form):
    def __init__(self, *args, family, version: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authorisation"] = _authorisation_field(family=family)
        add_base_version(self, version=version)


class HearingForm(OnceFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Soort zitting"), choices=HearingKind.choices)
    starts_at = forms.DateTimeField(
        label=_("Datum en tijd"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    court = forms.CharField(label=_("Rechtbank"), max_length=120)
    location = forms.CharField(label=_("Locatie"), max_length=200, required=False)
    invited_others = LimitedCharField(
        label=_("Verder uitgenodigd"),
        max_length=limits.REASON,
        required=False,
        help_text=_("Bijvoorbeeld: advocaat moeder, Raad voor de Kinderbescherming"),
        widget=forms.TextInput(),
    )

    def __init__(self, *args, family, version: int | None = None, with_kind: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invited_members"] = forms.ModelMultipleChoiceField(
            label=_("Uitgenodigde gezinsleden"),
            queryset=family.members.order_by("role", "date_of_birth", "pk"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        if with_kind:
            self.fields["request"] = forms.ModelChoiceField(
                label=_("Verzoek"),
                queryset=family.court_requests.order_by("-created_at"),
                required=False,
                empty_label=_("geen"),
            )
        else:
            del self.fields["kind"]
        if version is not None:
            add_base_version(self, version=version)


class HearingOutcomeForm(OnceFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=[("", "---------"), *HearingOutcome.choices])
    outcome_note = LimitedCharField(
        label=_("Toelichting"), max_length=limits.ANSWER, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, family, version: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ruling"] = _ruling_field(
            family=family, required=False, help_text=_("Als de rechter ter zitting of daarna besliste.")
        )
        add_base_version(self, version=version)
