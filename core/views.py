"""What every app's pages share."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from core.idempotency import (
    TOKEN_FIELD,
    OnceFormMixin,
    give_fresh_token,
    idempotency_claim,
    idempotency_find,
    idempotency_remember,
)


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


def create_once(
    request: HttpRequest,
    form: OnceFormMixin,
    *,
    kind: str,
    create: Callable[[], str],
    saved: str,
    valid: Callable[[], bool] | None = None,
    on_refused: Callable[[ValidationError], None] | None = None,
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
    """
    earlier = idempotency_find(user=request.user, key=str(form[TOKEN_FIELD].value() or ""))
    if earlier is not None:
        return _repeat(request, form, record_kind=earlier.kind, kind=kind, url=earlier.result_url)
    if not form.is_valid() or (valid is not None and not valid()):
        return None
    try:
        with transaction.atomic():
            claim = idempotency_claim(user=request.user, key=form.once_token, kind=kind)
            if not claim.first:
                return _repeat(request, form, record_kind=claim.record.kind, kind=kind, url=claim.record.result_url)
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


def _repeat(request: HttpRequest, form: BaseForm, *, record_kind: str, kind: str, url: str) -> HttpResponse | None:
    if record_kind != kind or not url:
        # A token sent with another form than the one it was made for: refuse rather than guess, and show
        # the form again with what was typed and a fresh token, so sending it once more saves it.
        form.is_valid()
        form.add_error(None, _("Dit formulier was al eens gebruikt; uw invoer staat er nog: sla het opnieuw op."))
        give_fresh_token(form)
        return None
    messages.info(request, _("Dit was al opgeslagen."))
    return redirect(url)
