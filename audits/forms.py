"""Forms for team audits. They check input; services apply the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core import limits
from core.forms import LimitedCharField
from core.idempotency import OnceFormMixin

from .models import ActionStatus, CheckAnswer, FindingKind, Outcome

# The report is read by the whole team and the bestuur, who may not see the sampled files.
NO_NAMES = _("Dit komt in het rapport voor het hele team en het bestuur: noem geen gezinnen of kinderen.")


class TransitionForm(OnceFormMixin, forms.Form):
    """A step of the audit (a button): once per click, from the status the page showed."""

    to_status = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Toelichting (optioneel)"), max_length=300, required=False)


class FindingForm(OnceFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=FindingKind.choices, widget=forms.RadioSelect)
    outcome = forms.ChoiceField(label=_("Over de"), choices=Outcome.choices, widget=forms.RadioSelect)
    text = LimitedCharField(
        label=_("Bevinding"), help_text=NO_NAMES, max_length=limits.NOTE, widget=forms.Textarea(attrs={"rows": 3})
    )


class ActionForm(OnceFormMixin, forms.Form):
    description = forms.CharField(label=_("Verbeteractie"), max_length=300, help_text=NO_NAMES)
    owner = forms.ModelChoiceField(label=_("Eigenaar"), queryset=None)
    due_on = forms.DateField(label=_("Uiterlijk"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class ActionStatusForm(OnceFormMixin, forms.Form):
    """An improvement action's status: once per click, from the status the page showed."""

    status = forms.ChoiceField(label=_("Nieuwe status"), choices=ActionStatus.choices)
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)


class FileCheckForm(forms.Form):
    """One answer and note per item of the audit's file checklist."""

    def __init__(self, *args, items, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            check = existing.get(item.pk)
            self.fields[f"answer_{item.pk}"] = forms.ChoiceField(
                label=item.text,
                help_text=item.guidance,
                choices=CheckAnswer.choices,
                widget=forms.RadioSelect,
                initial=check.answer if check else None,
            )
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=_("Toelichting"), max_length=500, required=False, initial=check.note if check else ""
            )

    def answers(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {item.pk: (data[f"answer_{item.pk}"], data[f"note_{item.pk}"]) for item in self.items}

    def answered(self) -> list[tuple[str, str, str]]:
        """(item, answer as shown, note) per item, for reading the recorded check: "n.v.t.", not the stored "nvt"."""
        labels = dict(CheckAnswer.choices)
        return [
            (item.text, labels.get(self[f"answer_{item.pk}"].value(), ""), self[f"note_{item.pk}"].value() or "")
            for item in self.items
        ]

    def rows(self):
        """Pairs of (answer field, note field) per item, for the template."""
        return [(self[f"answer_{item.pk}"], self[f"note_{item.pk}"]) for item in self.items]


class TeamViewForm(OnceFormMixin, forms.Form):
    """The team's own view, one text per conversation question; once per post (each save is a history row)."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for row in questions:
            item, response = row["item"], row["response"]
            self.fields[f"view_{item.pk}"] = LimitedCharField(
                label=item.text,
                max_length=limits.NOTE,
                required=False,
                help_text=NO_NAMES,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=response.team_view if response else "",
            )

    def views(self) -> dict[int, str]:
        return {row["item"].pk: self.cleaned_data[f"view_{row['item'].pk}"].strip() for row in self.questions}
