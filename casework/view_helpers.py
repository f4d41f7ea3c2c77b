"""What every page of the family file shares: logging the view, showing refusals."""

from django.core.exceptions import ValidationError
from django.shortcuts import render

from privacy.models import Action
from privacy.services import access_log_record


def log_view(request, family, what: str) -> None:
    access_log_record(user=request.user, family_id=family.pk, action=Action.VIEW, what=what, request=request)


def render_family(request, template: str, *, family, what: str, context: dict):
    """Render a page that shows this family's data, and log that it was seen.

    Every page of the file goes through here, forms included (they list the
    family's members and plan): no page can forget the access log.
    """
    log_view(request, family, what)
    return render(request, template, {"family": family, **context})


def apply_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal next to the right field, keeping what was typed."""
    if hasattr(error, "error_dict"):
        for field, errs in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, error)
