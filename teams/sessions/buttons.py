"""A session's buttons without fields, publish and close: once per click, the repeat lands where the first did."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.idempotency import OnceForm
from core.views import create_once

from . import selectors as sel
from . import services


@require_POST
def session_publish(request, session_id: int):
    session = sel.session_get_for_user(user=request.user, session_id=session_id, edit=True)
    form = OnceForm(request.POST)

    def publish() -> str:
        services.session_publish(actor=request.user, session=session)
        return reverse("teams:session_detail", kwargs={"session_id": session.pk})

    saved = _("De agenda is gepubliceerd; het team kan zich voorbereiden.")
    done = create_once(request, form, kind="session_publish", create=publish, saved=saved, repeat_message=saved)
    return done or _button_refused(request, form, session=session)


@require_POST
def session_close(request, session_id: int):
    """Close the session: once per click; a second click (or a colleague's close) is no error."""
    # Not `edit=True`: a closed session is no one's to edit, and the repeat of the click that closed it
    # must land on the minutes like the first; the service checks who may close.
    session = sel.session_get_for_user(user=request.user, session_id=session_id)
    form = OnceForm(request.POST)

    def close() -> str:
        services.session_close(actor=request.user, session=session)
        return reverse("teams:session_minutes", kwargs={"session_id": session.pk})

    def refused(error: ValidationError) -> None:
        messages.error(request, " ".join(error.messages))

    saved = _("De sessie is afgesloten.")
    done = create_once(
        request, form, kind="session_close", create=close, saved=saved, on_refused=refused, repeat_message=saved
    )
    return done or _button_refused(request, form, session=session)


def _button_refused(request, form, *, session):
    if form.errors:  # a page from before the token: it says what to do, and nothing happened
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("teams:session_detail", session_id=session.pk)
