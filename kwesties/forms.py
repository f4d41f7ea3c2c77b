"""Forms for kwesties. They check input; services apply the rules."""

from functools import lru_cache

import django_filters
from django import forms
from django.db.models import Q
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from casework.models import Family, Partner
from core import limits
from core.forms import LimitedCharField
from core.idempotency import OnceFormMixin

from .models import Kind, Kwestie, Level, Status


class KwestieForm(OnceFormMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    blocks = LimitedCharField(
        label=_("Wat blokkeert het?"),
        max_length=limits.ANSWER,
        help_text=_("Welke uitkomst voor welke kinderen, in uw eigen woorden."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    kind = forms.ChoiceField(label=_("Soort"), choices=Kind.choices)
    partner = forms.ModelChoiceField(
        label=_("Partnerorganisatie (als het om een partner gaat)"),
        queryset=Partner.objects.filter(active=True).order_by("name"),
        required=False,
        empty_label=_("geen, of niet in de lijst"),
    )
    partner_name = forms.CharField(
        label=_("Andere partner (als die niet in de lijst staat)"), max_length=200, required=False
    )
    families = forms.ModelMultipleChoiceField(
        label=_("Gezinnen die het raakt"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, families, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["families"].queryset = families


class StepForm(OnceFormMixin, forms.Form):
    """One step on a kwestie: the text is the reason, decision, resolution or comment."""

    step = forms.ChoiceField(
        choices=[
            ("take_up", _("In behandeling nemen")),
            ("escalate", _("Escaleren naar het volgende niveau")),
            ("hand_back", _("Teruggeven met een besluit")),
            ("resolve", _("Opgelost")),
            ("close", _("Sluiten zonder oplossing")),
            ("comment", _("Opmerking")),
        ],
        label=_("Wat doet u?"),
        widget=forms.RadioSelect,
    )
    # Required for every step but taking it up; the services say which text is missing.
    text = LimitedCharField(
        required=False,
        label=_("Toelichting"),
        max_length=limits.ANSWER,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De reden, het besluit, wat er is veranderd en voor wie, of uw opmerking."),
    )
    # The level the page showed: a step on a kwestie that moved meanwhile is refused.
    level = forms.ChoiceField(choices=Level.choices, widget=forms.HiddenInput)


class KwestieFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=_("alle"))
    level = django_filters.ChoiceFilter(label=_("Niveau"), choices=Level.choices, empty_label=_("alle"))
    kind = django_filters.ChoiceFilter(label=_("Soort"), choices=Kind.choices, empty_label=_("alle"))

    class Meta:
        model = Kwestie
        fields = ["q", "status", "level", "kind"]

    def search(self, queryset, name, value):

        return queryset.filter(
            Q(title__icontains=value) | Q(blocks__icontains=value) | Q(partner_name__icontains=value)
        )


@lru_cache(maxsize=8)
def _empty_filter_fields(language: str) -> SafeString:
    # Joined as the template's `{% for field in filter.form %}{{ field.as_field_group }}{% endfor %}` does.
    form = KwestieFilter(None, queryset=Kwestie.objects.none()).form
    return SafeString("".join(field.as_field_group() for field in form))


def empty_filter_fields(filterset: KwestieFilter) -> SafeString | None:
    """The filter's fields as HTML when nothing was filtered yet, rendered once per language.

    Every list opens with the empty filter: four fields with three selects were
    most of the page's Python time, and their HTML is the same for everybody
    (fixed labels and choices, no value, no error). A filtered list (a bound
    form) is rendered as before.
    """
    if filterset.form.is_bound:
        return None
    return _empty_filter_fields(get_language())


class OpenFamilyForm(OnceFormMixin, forms.Form):
    family = forms.ModelChoiceField(label=_("Dossier"), queryset=None)
    reason = LimitedCharField(label=_("Reden"), max_length=limits.MESSAGE, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, families, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["family"].queryset = Family.objects.filter(pk__in=[f.pk for f in families])
        self.fields["family"].label_from_instance = lambda f: f.reference
