"""What every app's pages share."""

from django.core.exceptions import ValidationError
from django.forms import BaseForm


def apply_service_errors(form: BaseForm, error: ValidationError) -> None:
    """Show a service's refusal next to the right field, keeping what was typed.

    Services raise ValidationError keyed by field; a key the form does not
    have becomes a message at the top of the form, so nothing is swallowed.
    """
    if hasattr(error, "error_dict"):
        for field, errs in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, error)
