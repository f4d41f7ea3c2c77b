"""Forms of the court report: a section's text, the sending; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.concurrency import add_base_version
from core.idempotency import OnceFormMixin
from core.widgets import DateInput

from .services import SECTION_MAX


class StartForm(OnceFormMixin, forms.Form):
    """Start the report: one click, sent once."""


class SectionForm(OnceFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Tekst"), required=False, max_length=SECTION_MAX, widget=forms.Textarea(attrs={"rows": 16})
    )
    change_note = forms.CharField(label=_("Wat is er veranderd (optioneel)"), max_length=300, required=False)

    def __init__(self, *args, version: int, label: str, help_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = label
        self.fields["text"].help_text = help_text
        add_base_version(self, version=version)


class StepForm(OnceFormMixin, forms.Form):
    """A step without fields of its own (ask for approval, approve in a role): its version and token."""

    def __init__(self, *args, version: int, **kwargs):
        super().__init__(*args, **kwargs)
        add_base_version(self, version=version)


class SendForm(OnceFormMixin, forms.Form):
    sent_on = forms.DateField(label=_("Verzonden op"), widget=DateInput())
    sent_to = forms.CharField(label=_("Aan (rechtbank)"), max_length=120)

    def __init__(self, *args, version: int, **kwargs):
        super().__init__(*args, **kwargs)
        add_base_version(self, version=version)
