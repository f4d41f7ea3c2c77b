"""What every app's pages share."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError, models, transaction
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core.idempotency import (
    TOKEN_FIELD,
    OnceFormMixin,
    give_fresh_token,
    idempotency_claim,
    idempotency_find,
    idempotency_remember,
)

from .concurrency import VERSION_FIELD, StaleEdit, saved_at_text


def apply_service_errors(form: BaseForm, error: ValidationError) -> None:
    """Show a service's refusal next to the right field, keeping what was typed.

    Services raise ValidationError keyed by field; a key the form does not
    have becomes a message at the top of the form, so nothing is swallowed.
    A stale edit gets the side-by-side comparison (`apply_stale_edit`).
    """
    if isinstance(error, StaleEdit):
        apply_stale_edit(form, error)
    elif hasattr(error, "error_dict"):
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


def apply_stale_edit(form: BaseForm, error: StaleEdit) -> None:
    """Refuse a stale save without losing a word: message, both versions, and a base version that now holds.

    The form stays bound to what the user typed. Its hidden base version moves
    to the version that is saved now, so once the user has merged the other
    person's text into theirs, saving again goes through (unless yet another
    save came in between, which is refused the same way).
    """
    form.add_error(None, error.messages)
    data = form.data.copy()
    data[form.add_prefix(VERSION_FIELD)] = str(error.current_version)
    form.data = data
    if not error.values:  # a transition refused: nothing typed to put beside the saved state
        return
    cleaned = getattr(form, "cleaned_data", {})
    rows = []
    for name, saved in error.values.items():
        field = form.fields.get(name)
        label = error.labels.get(name) or (field.label if field is not None and field.label else name)
        saved_text = display_value(field, saved)
        if field is None:  # kept outside this form (the plan's agreements): the user's own is in the page below
            rows.append({"label": label, "saved": saved_text, "mine": _("zie hieronder"), "differs": False})
            continue
        mine_text = display_value(field, cleaned.get(name))
        rows.append({"label": label, "saved": saved_text, "mine": mine_text, "differs": saved_text != mine_text})
    form.stale_edit = {  # type: ignore[attr-defined]  # read by templates/includes/stale_edit.html
        "saved_by": _("u zelf, in een ander venster") if error.mine else error.saved_by,
        "when": saved_at_text(error.saved_at),
        "rows": rows,
    }


def display_value(field: forms.Field | None, value: Any) -> str:
    """A value as a person reads it: choice labels, Dutch dates, names instead of ids."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, models.QuerySet | list | tuple):
        return ", ".join(display_value(None, v) for v in value) or "—"
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        labels = {str(k): str(v) for k, v in field.choices if not isinstance(v, list | tuple)}
        return labels.get(str(value), str(value))
    return str(value)


def create_once(
    request: HttpRequest,
    form: OnceFormMixin,
    *,
    kind: str,
    create: Callable[[], str],
    saved: str,
    valid: Callable[[], bool] | None = None,
    on_refused: Callable[[ValidationError], None] | None = None,
    repeat_message: str = "",
) -> HttpResponse | None:
    """Do a create once per form token and lead every repeat to its first result.

    `form` is the bound form with the one-time token (core.idempotency.OnceFormMixin);
    `create` calls the service and returns the URL the page goes to next. A
    token already used leads to that first result with a calm message before the
    form is validated at all: after the first create the same input may no longer
    be valid (the family is on the agenda now), and it should not say so. Then the
    form (and `valid`, for formsets beside it) is checked; the claim, the create
    and the remembered URL share one transaction, so a concurrent repeat waits on
    the claim and a refusal (ValidationError) or any exception rolls everything
    back, leaving the token usable for the corrected post. Returns the redirect,
    or None when the form has errors to show (a refusal is put on the form, or
    handed to `on_refused`).

    A state transition (a phase, a status, a step) uses it too, with a base
    version beside the token: a repeat of the same post is a no-op that lands
    where the first did with the first's message (`repeat_message`), and a post
    from a page whose state no longer holds is refused by the version check.
    """
    earlier = idempotency_find(user=request.user, key=str(form[TOKEN_FIELD].value() or ""))
    if earlier is not None:
        return _repeat(request, form, record_kind=earlier.kind, kind=kind, url=earlier.result_url, said=repeat_message)
    if not form.is_valid() or (valid is not None and not valid()):
        return None
    try:
        with transaction.atomic():
            claim = idempotency_claim(user=request.user, key=form.once_token, kind=kind)
            if not claim.first:
                record = claim.record
                return _repeat(
                    request, form, record_kind=record.kind, kind=kind, url=record.result_url, said=repeat_message
                )
            url = create()
            idempotency_remember(claim=claim, result_url=url)
    except ValidationError as error:
        if on_refused is None:
            apply_service_errors(form, error)
        else:
            on_refused(error)
        return None
    if saved:
        messages.success(request, saved)
    return redirect(url)


def _repeat(
    request: HttpRequest, form: BaseForm, *, record_kind: str, kind: str, url: str, said: str = ""
) -> HttpResponse | None:
    if record_kind != kind or not url:
        # A token sent with another form than the one it was made for: refuse rather than guess, and show
        # the form again with what was typed and a fresh token, so sending it once more saves it.
        form.is_valid()
        form.add_error(None, _("Dit formulier was al eens gebruikt; uw invoer staat er nog: sla het opnieuw op."))
        give_fresh_token(form)
        return None
    if said:
        messages.success(request, said)
    else:
        messages.info(request, _("Dit was al opgeslagen."))
    return redirect(url)
