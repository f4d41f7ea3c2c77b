"""Forms for the family file. They check input; services apply the rules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.selectors import gezinsmanagers_of_team
from core import limits
from core.concurrency import VERSION_FIELD
from core.forms import LimitedCharField
from core.idempotency import OnceFormMixin
from core.scores import SCORE_MAX, SCORE_MIN
from core.widgets import DateInput

from .models import (
    Agreement,
    AgreementOwner,
    AgreementStatus,
    Contact,
    ContactKind,
    Measure,
    Member,
    NetworkPerson,
    Partner,
    Phase,
    PlanVersion,
)

SCORE_MESSAGE = _("Geef een heel getal van 0 tot en met 10.")


class ScoreField(forms.IntegerField):
    """A score from 0 to 10; anything else gets one clear message next to the field."""

    def __init__(self, **kwargs):
        super().__init__(
            min_value=SCORE_MIN,
            max_value=SCORE_MAX,
            error_messages={
                "invalid": SCORE_MESSAGE,
                "min_value": SCORE_MESSAGE,
                "max_value": SCORE_MESSAGE,
                "required": _("Geef een cijfer van 0 tot en met 10."),
            },
            widget=forms.NumberInput(
                attrs={"inputmode": "numeric", "min": SCORE_MIN, "max": SCORE_MAX, "step": 1, "class": "score"}
            ),
            **kwargs,
        )


class ContactForm(forms.ModelForm):
    safety_score = ScoreField(label=_("Actuele veiligheid (0–10)"))
    lijn_score = ScoreField(label=_("Centrale lijn (0–10)"))

    class Meta:
        model = Contact
        fields = [
            "date",
            "kind",
            "participants",
            "network_participants",
            "other_participants",
            "note",
            "safety_score",
            "safety_why",
            "safety_raise",
            "lijn_score",
            "lijn_why",
            "lijn_raise",
        ]
        widgets = {
            "date": DateInput(),
            "participants": forms.CheckboxSelectMultiple,
            "network_participants": forms.CheckboxSelectMultiple,
            "note": forms.Textarea(attrs={"rows": 4}),
            "safety_why": forms.Textarea(attrs={"rows": 2}),
            "safety_raise": forms.Textarea(attrs={"rows": 2}),
            "lijn_why": forms.Textarea(attrs={"rows": 2}),
            "lijn_raise": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "note": {"required": _("Schrijf een korte notitie over het gesprek.")},
            "safety_why": {"required": _("Schrijf waarom u dit cijfer geeft.")},
            "safety_raise": {"required": _("Schrijf wat nodig is om het cijfer te verhogen.")},
            "lijn_why": {"required": _("Schrijf waarom u dit cijfer geeft.")},
            "lijn_raise": {"required": _("Schrijf wat nodig is om het cijfer te verhogen.")},
        }

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = family.members.all()
        self.fields["network_participants"].queryset = family.network.all()
        self.fields["date"].initial = timezone.localdate()
        self.fields["kind"].initial = ContactKind.HUISBEZOEK
        self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop(VERSION_FIELD, None)  # a correction's base version goes to the service on its own
        return {
            "data": data,
            "participants": list(data.pop("participants", [])),
            "network_participants": list(data.pop("network_participants", [])),
        }


class ContactCreateForm(OnceFormMixin, ContactForm):
    """A new contact: the same fields, sent once (core.idempotency)."""


class AddendumForm(OnceFormMixin, forms.Form):
    text = LimitedCharField(label=_("Aanvulling"), max_length=limits.NOTE, widget=forms.Textarea(attrs={"rows": 3}))


class MemberForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = ["first_name", "last_name", "role", "relation", "date_of_birth"]
        widgets = {"date_of_birth": DateInput()}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == "jeugdige" and not cleaned.get("date_of_birth"):
            self.add_error("date_of_birth", _("Vul de geboortedatum van de jeugdige in."))
        if cleaned.get("date_of_birth") and cleaned["date_of_birth"] > timezone.localdate():
            self.add_error("date_of_birth", _("De geboortedatum ligt in de toekomst."))
        return cleaned


class NetworkPersonForm(forms.ModelForm):
    class Meta:
        model = NetworkPerson
        fields = ["name", "relation", "phone", "contribution"]


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = ["child", "kind", "court_decision_on", "start", "end"]
        widgets = {"court_decision_on": DateInput(), "start": DateInput(), "end": DateInput()}

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = family.members.filter(role="jeugdige")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("De einddatum ligt vóór de begindatum."))
        if cleaned.get("kind") and cleaned["kind"] != "vrijwillig" and not cleaned.get("court_decision_on"):
            self.add_error("court_decision_on", _("Vul de datum van de uitspraak van de rechter in."))
        return cleaned


class MemberCreateForm(OnceFormMixin, MemberForm):
    """A new family member, sent once."""


class NetworkPersonCreateForm(OnceFormMixin, NetworkPersonForm):
    """A new network person, sent once."""


class MeasureCreateForm(OnceFormMixin, MeasureForm):
    """A new measure, sent once."""


class PlanForm(OnceFormMixin, forms.ModelForm):
    class Meta:
        model = PlanVersion
        fields = [
            "zorgen",
            "krachten",
            "centrale_lijn",
            "goals",
            "safety_agreements",
            "agreed_with_parents_on",
            "change_note",
        ]
        widgets = {
            "zorgen": forms.Textarea(attrs={"rows": 4}),
            "krachten": forms.Textarea(attrs={"rows": 4}),
            "centrale_lijn": forms.Textarea(attrs={"rows": 3}),
            "goals": forms.Textarea(attrs={"rows": 4}),
            "safety_agreements": forms.Textarea(attrs={"rows": 3}),
            "agreed_with_parents_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self._meta.fields:  # not Django's "Dit veld is vereist.": which field, and what to do
            field = self.fields[name]
            field.error_messages["required"] = _("Vul %(label)s in.") % {"label": str(field.label).lower()}

    def clean_agreed_with_parents_on(self):
        day = self.cleaned_data.get("agreed_with_parents_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst; vul in wanneer het plan is besproken."))
        return day


def plan_initial(plan: PlanVersion | None) -> dict:
    """A new version starts from the text of the current one."""
    if plan is None:
        return {}
    return {k: getattr(plan, k) for k in ["zorgen", "krachten", "centrale_lijn", "goals", "safety_agreements"]}


AGREEMENT_FIELDS = ["description", "owner_kind", "owner_name", "partner", "due_on", "status"]


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = AGREEMENT_FIELDS
        widgets = {"due_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].error_messages["required"] = _("Schrijf wat er is afgesproken.")
        self.fields["owner_kind"].error_messages["required"] = _("Kies wie de afspraak uitvoert.")
        self.fields["partner"].queryset = Partner.objects.order_by("name")
        self.fields["partner"].help_text = _("Alleen als een partnerorganisatie de afspraak uitvoert.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("owner_kind") != AgreementOwner.PARTNER:
            # Only a partner's agreement is assigned to (and later shared with) a partner.
            cleaned["partner"] = None
        due_on, status = cleaned.get("due_on"), cleaned.get("status") or AgreementStatus.OPEN
        if status == AgreementStatus.OPEN and due_on and due_on < timezone.localdate():
            # The service refuses it too (casework.services.plans); here it is said beside the date.
            self.add_error(
                "due_on",
                _("Deze datum is voorbij: kies een nieuwe datum, of zet de afspraak op gedaan of niet gelukt."),
            )
        return cleaned


AgreementFormSet = forms.formset_factory(AgreementForm, extra=2, can_delete=True)


def agreement_initial(plan: PlanVersion | None) -> list[dict]:
    """Carry the open and recent agreements over into the next version."""
    if plan is None:
        return []
    return [
        {k: getattr(a, k) for k in AGREEMENT_FIELDS}
        for a in plan.agreements.all()
        if a.status in (AgreementStatus.OPEN, AgreementStatus.NOT_DONE)
    ]


class AgreementStatusForm(OnceFormMixin, forms.Form):
    """The buttons beside an agreement: a status, once per click, from the status the page showed."""

    status = forms.ChoiceField(label=_("Status"), choices=AgreementStatus.choices)


class PhaseForm(OnceFormMixin, forms.Form):
    to_phase = forms.ChoiceField(label=_("Nieuwe fase"), choices=Phase.choices)
    on = forms.DateField(label=_("Met ingang van"), widget=DateInput(), initial=timezone.localdate)
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=300)

    def __init__(self, *args, may_close: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_close:
            # Closing is the teamleider's decision: do not offer what will be refused.
            self.fields["to_phase"].choices = [c for c in Phase.choices if c[0] != Phase.AFGESLOTEN]


class AssignForm(OnceFormMixin, forms.Form):
    manager = forms.ModelChoiceField(label=_("Gezinsmanager"), queryset=None)
    reason = forms.CharField(label=_("Reden"), required=False, max_length=300)

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = gezinsmanagers_of_team(team=family.team).exclude(pk=family.manager_id)


class PlanCompareForm(forms.Form):
    a = forms.IntegerField(label=_("Versie"), min_value=1)
    b = forms.IntegerField(label=_("met versie"), min_value=1)


class FamilyCreateForm(OnceFormMixin, forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=None)
    name = forms.CharField(label=_("Naam"), max_length=120, help_text=_("Bijvoorbeeld: gezin Jansen"))
    reference = forms.CharField(label=_("Dossiernummer"), max_length=30)
    city = forms.CharField(label=_("Woonplaats"), max_length=80, required=False)
    manager = forms.ModelChoiceField(label=_("Gezinsmanager"), queryset=None)
    opened_on = forms.DateField(label=_("Aangemeld op"), widget=DateInput(), initial=timezone.localdate)

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        if len(teams) == 1:
            self.fields["team"].initial = teams.first()
        self.fields["manager"].queryset = User.objects.filter(
            pk__in=[u.pk for t in teams for u in gezinsmanagers_of_team(team=t)]
        ).order_by("first_name", "last_name")

    def clean(self):
        cleaned = super().clean()
        opened_on = cleaned.get("opened_on")
        if opened_on and opened_on > timezone.localdate():
            self.add_error("opened_on", _("De aanmelddatum kan niet in de toekomst liggen."))
        return cleaned


class SubstitutionForm(OnceFormMixin, forms.Form):
    substitute = forms.ModelChoiceField(label=_("Vervanger"), queryset=None)
    start = forms.DateField(label=_("Vanaf"), widget=DateInput(), initial=timezone.localdate)
    end = forms.DateField(label=_("Tot en met"), widget=DateInput())
    reason = forms.CharField(label=_("Reden"), required=False, max_length=200, help_text=_("Bijvoorbeeld: vakantie"))

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["substitute"].queryset = gezinsmanagers_of_team(team=family.team).exclude(pk=family.manager_id)


class ReferenceLookupForm(forms.Form):
    dossiernummer = forms.CharField(label=_("Dossiernummer"), max_length=30)
