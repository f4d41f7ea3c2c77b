"""Forms of the privacy register: what came in, and what was decided."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core import limits
from core.concurrency import add_base_version
from core.forms import LimitedCharField
from core.idempotency import OnceFormMixin
from core.widgets import DateInput

from .correction import CORRECTABLE
from .export import PART_TITLES
from .models import PrivacyRequestKind, PrivacyRequestStatus, RequesterRelation


class PrivacyRequestForm(OnceFormMixin, forms.Form):
    reference = forms.CharField(label=_("Dossiernummer"), max_length=30)
    kind = forms.ChoiceField(label=_("Soort verzoek"), choices=PrivacyRequestKind.choices)
    requester_name = forms.CharField(label=_("Verzoeker"), max_length=120)
    requester_relation = forms.ChoiceField(label=_("Relatie tot het gezin"), choices=RequesterRelation.choices)
    received_on = forms.DateField(
        label=_("Ontvangen op"), widget=DateInput(), help_text=_("De termijn loopt vanaf de dag van ontvangst.")
    )
    description = LimitedCharField(
        label=_("Wat wordt gevraagd"),
        max_length=limits.ANSWER,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(OnceFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Beslissing"),
        choices=[(k, v) for k, v in PrivacyRequestStatus.choices if k != PrivacyRequestStatus.OPEN],
    )
    decided_on = forms.DateField(label=_("Beslist op"), widget=DateInput())
    note = LimitedCharField(
        label=_("Beslissing en reden"),
        max_length=limits.ANSWER,
        required=False,
        help_text=_("Verplicht bij een (gedeeltelijke) afwijzing."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    grounds_checked = forms.BooleanField(
        label=_("Geen zwaarwegend belang van een ander en geen wettelijke plicht verzet zich tegen vernietiging"),
        required=False,
        help_text=_("Alleen bij een verzoek tot vernietiging. Na toewijzing geven twee personen akkoord."),
    )

    def __init__(self, *args, version: int, destruction: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        add_base_version(self, version=version)
        if not destruction:
            del self.fields["grounds_checked"]


class ExtendForm(OnceFormMixin, forms.Form):
    reason = LimitedCharField(label=_("Reden van de verlenging"), max_length=limits.REASON, widget=forms.TextInput())

    def __init__(self, *args, version: int, **kwargs):
        super().__init__(*args, **kwargs)
        add_base_version(self, version=version)


class StatementForm(OnceFormMixin, forms.Form):
    text = LimitedCharField(
        label=_("Verklaring van het gezin"),
        max_length=limits.ANSWER,
        help_text=_("In hun eigen woorden; die komt in het dossier naast de tekst waar het om gaat."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"] = _contact_field(
            family, label=_("Over het contactmoment"), required=False, empty_label=_("over het dossier als geheel")
        )


def _contact_field(family, include: int | None = None, **options) -> forms.ModelChoiceField:
    """The family's latest hundred contacts, by date and kind (never their text: that is what is disputed),
    and the one asked for (`include`) when it is older."""
    recent = list(family.contacts.order_by("-date", "-id").values_list("pk", flat=True)[:100])
    recent += [include] if include else []
    field = forms.ModelChoiceField(queryset=family.contacts.filter(pk__in=recent).order_by("-date", "-id"), **options)
    field.label_from_instance = lambda c: f"{c.date:%d-%m-%Y} · {c.get_kind_display()}"
    return field


class CorrectionForm(OnceFormMixin, forms.Form):
    """Choose a contact and what to correct, load its text, change it: the old text stays in its history."""

    field = forms.ChoiceField(label=_("Wat wordt gecorrigeerd"), choices=[])
    text = LimitedCharField(
        label=_("Gecorrigeerde tekst"),
        max_length=limits.NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("De oude tekst blijft in de geschiedenis van het contactmoment, met het verzoek als reden."),
    )

    def __init__(self, *args, family, include: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"] = _contact_field(family, include=include, label=_("Contactmoment"))
        self.fields["field"].choices = list(CORRECTABLE.items())
        self.order_fields(["contact", "field", "text"])


class RedactForm(OnceFormMixin, forms.Form):
    part = forms.CharField(widget=forms.HiddenInput, max_length=30)
    item_id = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    reason = forms.CharField(
        label=_("Reden"),
        max_length=limits.REASON,
        error_messages={"required": _("Schrijf waarom dit wordt weggelaten (bijvoorbeeld: gegevens van een derde).")},
    )


class ReleaseForm(OnceFormMixin, forms.Form):
    def __init__(self, *args, version: int, **kwargs):
        super().__init__(*args, **kwargs)
        add_base_version(self, version=version)


class AgreeForm(OnceFormMixin, forms.Form):
    note = LimitedCharField(
        label=_("Toelichting (niet verplicht)"),
        max_length=limits.REASON,
        required=False,
        widget=forms.TextInput(),
        help_text=_("Noem geen namen: deze toelichting blijft bewaard, ook na vernietiging."),
    )

    def __init__(self, *args, version: int, **kwargs):
        super().__init__(*args, **kwargs)
        add_base_version(self, version=version)


class RefuseForm(OnceFormMixin, forms.Form):
    reason = LimitedCharField(
        label=_("Reden"),
        max_length=limits.REASON,
        widget=forms.TextInput(),
        help_text=_("Bijvoorbeeld: er loopt nog een rechtszaak. Noem geen namen: de reden blijft bewaard."),
        error_messages={"required": _("Schrijf waarom het dossier (nog) niet wordt vernietigd.")},
    )
    review_on = forms.DateField(
        label=_("Opnieuw bekijken op"),
        widget=DateInput(),
        required=False,
        help_text=_("Leeg: over een jaar. Tot dan wordt het dossier niet opnieuw voorgesteld."),
    )

    def __init__(self, *args, version: int, **kwargs):
        super().__init__(*args, **kwargs)
        add_base_version(self, version=version)


class ExportStartForm(OnceFormMixin, forms.Form):
    """What the requester gets: all of the file, a youth's own part, or what the law allows a parent without
    authority (the parts and why)."""

    parts = forms.MultipleChoiceField(
        label=_("Delen die de verzoeker krijgt"), choices=[], required=False, widget=forms.CheckboxSelectMultiple
    )
    scope_note = LimitedCharField(
        label=_("Wat de verzoeker krijgt en waarom"),
        max_length=limits.REASON,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: informatie over belangrijke feiten en omstandigheden (art. 1:377c BW)."),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parts"].choices = list(PART_TITLES.items())
        if request.requester_relation == RequesterRelation.JEUGDIGE:
            self.fields["child"] = forms.ModelChoiceField(
                label=_("De jeugdige die het verzoek deed"),
                queryset=request.family.members.filter(role="jeugdige").order_by("date_of_birth", "pk"),
                empty_label=_("kies de jeugdige"),
            )
            del self.fields["parts"], self.fields["scope_note"]
        elif request.requester_relation not in (RequesterRelation.OUDER_ZONDER_GEZAG, RequesterRelation.ANDERS):
            del self.fields["parts"], self.fields["scope_note"]
