from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """One field for both kinds of code: six digits from the app, or a recovery code."""

    otp_token = forms.CharField(
        label=_("Code"),
        max_length=40,
        strip=True,
        error_messages={"required": _("Vul de code in.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True, "spellcheck": "false"}
        ),
    )


class EnrolCodeForm(CodeForm):
    """Confirming the app: only its six digits."""

    otp_token = forms.CharField(
        label=_("Code uit de app"),
        max_length=20,
        strip=True,
        error_messages={"required": _("Vul de code uit de app in.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )
