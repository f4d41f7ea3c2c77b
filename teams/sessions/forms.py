"""Forms for team sessions. They check input; services apply the rules."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import limits
from core.forms import LimitedCharField
from core.idempotency import OnceFormMixin
from core.widgets import DateInput

from ..models import ApprovalRole, CaseDiscussion, HeavyKind, SessionKind, TeamSession


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def next_week_morning() -> dt.datetime:
    """A week from today at 9:00: the usual slot of the weekly session."""
    day = timezone.localdate() + dt.timedelta(days=7)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


class SessionCreateForm(OnceFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=SessionKind.choices, initial=SessionKind.TEAMSESSIE)
    starts_at = forms.DateTimeField(label=_("Datum en tijd"), widget=DateTimeInput(), initial=next_week_morning)
    location = forms.CharField(label=_("Plaats"), max_length=120, required=False)


class SessionForm(forms.ModelForm):
    class Meta:
        model = TeamSession
        fields = [
            "starts_at",
            "location",
            "teamleider",
            "gedragswetenschapper",
            "senior",
            "attendees",
            "supervision_topic",
            "supervision_notes",
            "team_matters",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "attendees": forms.CheckboxSelectMultiple,
            "supervision_notes": forms.Textarea(attrs={"rows": 3}),
            "team_matters": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["teamleider", "gedragswetenschapper", "senior", "attendees"]:
            self.fields[name].queryset = members


class DiscussionAddForm(OnceFormMixin, forms.Form):
    family = forms.ModelChoiceField(label=_("Gezin"), queryset=None)
    question = LimitedCharField(
        label=_("Vraag aan het team"), max_length=limits.ANSWER, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, families, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["family"].queryset = families
        self.fields["family"].label_from_instance = lambda f: f"{f.name} ({f.manager})"


class PreparationForm(forms.ModelForm):
    class Meta:
        model = CaseDiscussion
        fields = ["question", "casenote", "recording_ref"]
        widgets = {"question": forms.Textarea(attrs={"rows": 2}), "casenote": forms.Textarea(attrs={"rows": 8})}


class KernvragenForm(forms.ModelForm):
    class Meta:
        model = CaseDiscussion
        fields = ["safe_now", "centrale_lijn", "raise_scores", "who_does_what", "new_direction"]
        widgets = {f: forms.Textarea(attrs={"rows": 2}) for f in fields}


class DecisionForm(OnceFormMixin, forms.Form):
    text = LimitedCharField(label=_("Besluit"), max_length=limits.ANSWER, widget=forms.Textarea(attrs={"rows": 3}))
    heavy = forms.ChoiceField(
        label=_("Zwaarwegend besluit?"),
        choices=HeavyKind.choices,
        required=False,
        help_text=_("Een zwaarwegend besluit is pas definitief als gedragswetenschapper en teamleider instemmen."),
    )


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Actie"), max_length=300)
    owner = forms.ModelChoiceField(label=_("Wie"), queryset=None)
    due_on = forms.DateField(label=_("Uiterlijk"), widget=DateInput())

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members


class BaseActionFormSet(forms.BaseFormSet):
    def __init__(self, *args, members, **kwargs):
        self.members = members
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "members": self.members}

    @property
    def empty_form(self):
        return self.form(auto_id=self.auto_id, prefix=self.add_prefix("__prefix__"), members=self.members)


ActionFormSet = forms.formset_factory(ActionForm, formset=BaseActionFormSet, extra=3)


class ApprovalForm(OnceFormMixin, forms.Form):
    role = forms.ChoiceField(choices=ApprovalRole.choices)
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)


class CandidateForm(OnceFormMixin, forms.Form):
    """One click from the candidate list: which family, and why it was signalled."""

    family = forms.IntegerField(min_value=1)
    why = forms.CharField(max_length=1000, required=False)
