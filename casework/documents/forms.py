"""The upload form: what the document is, and the file; the checks on the bytes are the service's."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.idempotency import OnceFormMixin
from core.widgets import DateInput
from privacy.models import RetentionClass

from .models import DocumentKind


class DocumentForm(OnceFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Titel"), max_length=200)
    dated_on = forms.DateField(label=_("Datum document"), widget=DateInput())
    written_by = forms.CharField(
        label=_("Opgesteld door"),
        max_length=200,
        help_text=_("Bijvoorbeeld: Raad voor de Kinderbescherming, Rechtbank Noord-Nederland"),
    )
    child = forms.ModelChoiceField(
        label=_("Jeugdige"),
        queryset=None,
        required=False,
        empty_label=_("het hele gezin"),
    )
    retention_class = forms.ModelChoiceField(
        label=_("Bewaarklasse"),
        queryset=RetentionClass.objects.filter(active=True),
        required=False,
        empty_label=_("die van het dossier"),
        help_text=_("Laat leeg: het document krijgt de bewaarklasse van het dossier (de langste geldt)."),
    )
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_("PDF, Word (.docx), JPG of PNG, hoogstens %(mb)s MB.")
        % {"mb": settings.DOCUMENT_MAX_BYTES // 2**20},
        error_messages={"required": _("Kies het bestand dat u wilt toevoegen.")},
    )

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = family.members.filter(role="jeugdige").order_by("date_of_birth", "pk")
        self.fields["file"].widget.attrs["accept"] = ".pdf,.docx,.jpg,.jpeg,.png"
        if self.is_bound:  # a browser never fills a file field again: say so beside the kept input
            self.fields["file"].help_text = _("Kies het bestand opnieuw; de andere velden zijn bewaard.")
