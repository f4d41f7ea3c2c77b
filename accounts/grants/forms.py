"""Forms of the four-eyes pages: a kind's own fields plus the reason, and the decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core import limits
from core.forms import LimitedCharField
from core.idempotency import OnceFormMixin

from .kinds import GrantKind


def proposal_form_class(kind: GrantKind) -> type[forms.Form]:
    """The kind's form with a one-time token (a double click proposes once) and the reason."""

    class ProposalForm(OnceFormMixin, kind.form_class):  # type: ignore[misc, valid-type]
        reason = LimitedCharField(
            label=_("Toelichting"),
            max_length=limits.REASON,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("Waarom is deze toegang nodig? De tweede persoon leest dit voordat die besluit."),
        )

    return ProposalForm


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Goedkeuren")), ("reject", _("Afwijzen"))])
    reason = LimitedCharField(
        label=_("Reden"),
        max_length=limits.REASON,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Nodig bij afwijzen; bij goedkeuren mag het leeg blijven."),
    )
