"""The dashboard's filter form: checks the GET parameters, the selector applies them.

A plain Form rather than a django-filter FilterSet: the filters are business
rules of `dashboard_rows` (a signal is a computed annotation, not a field), so
the form only turns the query string into valid arguments for the selector.
The team is not a filter but the page's subject: it travels as `?team=`.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.models import Phase

from .selectors import ANY_SIGNAL
from .signals import SignalCode

PHASES = [(value, label) for value, label in Phase.choices if value != Phase.AFGESLOTEN]


class DashboardFilterForm(forms.Form):
    gezinsmanager = forms.TypedChoiceField(label=_("Gezinsmanager"), coerce=int, required=False, empty_value=None)
    fase = forms.ChoiceField(label=_("Fase"), required=False, choices=[("", _("alle fasen")), *PHASES])
    signaal = forms.ChoiceField(
        label=_("Signaal"),
        required=False,
        choices=[("", _("alle gezinnen")), (ANY_SIGNAL, _("met minstens één signaal")), *SignalCode.choices],
    )

    def __init__(self, *args, managers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gezinsmanager"].choices = [("", _("iedereen")), *((u.pk, str(u)) for u in managers)]

    def selector_filters(self) -> dict:
        """The valid filters as keyword arguments for `dashboard_rows`; an invalid one is left out."""
        if not self.is_bound:
            return {}
        self.is_valid()  # fills cleaned_data with the fields that are valid
        data = self.cleaned_data
        return {
            "manager_id": data.get("gezinsmanager") or None,
            "phase": data.get("fase") or None,
            "signal": data.get("signaal") or None,
        }
