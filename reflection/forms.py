"""Forms for reflections. They check input; services apply the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core import limits
from core.forms import LimitedCharField
from core.idempotency import OnceFormMixin
from core.widgets import DateInput

from .models import Adherence, Competence, Source

BLANK = [("", _("– nog niet ingevuld –"))]


class ReflectionForm(forms.Form):
    """The senior's form: the conversation's facts, every checklist element, and the agreed goals."""

    held_on = forms.DateField(label=_("Gehouden op"), widget=DateInput())
    source = forms.ChoiceField(label=_("Bron"), choices=Source.choices)
    source_description = forms.CharField(
        label=_("Over de bron"),
        max_length=300,
        required=False,
        help_text=_("Kort, bijvoorbeeld 'casenote over een huisbezoek in de fase betrekken'. Geen namen van gezinnen."),
    )
    learning_goals = LimitedCharField(
        label=_("Afgesproken leerdoelen"),
        required=False,
        max_length=limits.ANSWER,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"adherence_{item.pk}"] = forms.TypedChoiceField(
                label=_("Trouw aan de methode"),
                choices=BLANK + list(Adherence.choices),
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"competence_{item.pk}"] = forms.TypedChoiceField(
                label=_("Vaardigheid"),
                choices=BLANK + list(Competence.choices),
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"note_{item.pk}"] = LimitedCharField(
                label=_("Toelichting"),
                required=False,
                max_length=limits.ANSWER,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def item_rows(self):
        """Each checklist element with its three fields, for the template."""
        return [
            (item, self[f"adherence_{item.pk}"], self[f"competence_{item.pk}"], self[f"note_{item.pk}"])
            for item in self.items
        ]

    def head_fields(self):
        return [self[name] for name in ("held_on", "source", "source_description")]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        ratings = {
            item.pk: (data.get(f"adherence_{item.pk}"), data.get(f"competence_{item.pk}"), data.get(f"note_{item.pk}"))
            for item in self.items
        }
        return {
            "held_on": data["held_on"],
            "source": data["source"],
            "source_description": data.get("source_description", ""),
            "learning_goals": data.get("learning_goals", ""),
            "ratings": ratings,
        }

    @staticmethod
    def initial_for(reflection, ratings) -> dict:
        initial = {
            "held_on": reflection.held_on,
            "source": reflection.source,
            "source_description": reflection.source_description,
            "learning_goals": reflection.learning_goals,
        }
        for rating in ratings:
            initial[f"adherence_{rating.item_id}"] = rating.adherence
            initial[f"competence_{rating.item_id}"] = rating.competence
            initial[f"note_{rating.item_id}"] = rating.note
        return initial


class ReflectionCreateForm(OnceFormMixin, ReflectionForm):
    """A new reflection: the senior's form, sent once (core.idempotency)."""


class WorkerReflectionForm(OnceFormMixin, forms.Form):
    """The worker's own reflection: once per post, from the version the page showed (core.concurrency)."""

    worker_reflection = LimitedCharField(
        label=_("Mijn eigen reflectie"),
        max_length=limits.NOTE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Wat ging goed, wat wilt u anders doen, wat heeft u nodig?"),
    )


class AddendumForm(OnceFormMixin, forms.Form):
    text = LimitedCharField(
        label=_("Aanvulling of correctie"),
        max_length=limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De reflectie is afgerond en verandert niet meer; wat u hier schrijft komt eronder te staan."),
    )


class PeriodForm(forms.Form):
    """A team and one closed calendar quarter: never a free period (see reflection.aggregate)."""

    team: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Team"), queryset=None, empty_label=None)
    quarter = forms.ChoiceField(label=_("Kwartaal"))

    def __init__(self, *args, teams, quarters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.quarters = {start.isoformat(): (start, end) for start, end in quarters}
        self.fields["quarter"].choices = [  # type: ignore[attr-defined]
            (start.isoformat(), _("%(n)se kwartaal %(year)s") % {"n": (start.month + 2) // 3, "year": start.year})
            for start, _end in quarters
        ]

    def clean_quarter(self) -> tuple:
        """The chosen quarter as (first day, last day)."""
        return self.quarters[self.cleaned_data["quarter"]]
