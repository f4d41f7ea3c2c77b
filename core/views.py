"""What every app's pages share."""

from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError
from django.forms import BaseForm
from django.http import HttpResponse
from django.template.loader import render_to_string


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


# Errors that mean "the database cannot be reached (or dropped the connection)", not a bug in a page:
# the connection refused or lost (OperationalError), or used after it was closed (InterfaceError).
DATABASE_DOWN_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def is_database_down(error: BaseException | None) -> bool:
    return isinstance(error, DATABASE_DOWN_ERRORS)


def database_down_page() -> HttpResponse:
    """The Dutch 503 page for a database outage, with Retry-After.

    Rendered without the request on purpose: the request's context processors
    (the user, the menu, the unread count) would query the database again and
    turn this page into the bare 500 it replaces.
    """
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
