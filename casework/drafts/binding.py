"""What a form page does with drafts: sign the spec into the form, and restore a draft into it.

Restoring happens on the server, so it works without JavaScript: the form is
bound to the draft's data (multiple choices and formsets included) and marked
as not yet validated, so it shows what was typed without error messages.
"""

from dataclasses import dataclass

from django import forms
from django.forms.utils import ErrorDict
from django.http import HttpRequest, QueryDict
from django.utils import formats, timezone

from accounts.models import User
from core.idempotency import with_fresh_tokens

from . import services
from .models import Draft
from .recovery import take_kept_post
from .spec import DraftSpec, spec_sign


@dataclass(frozen=True)
class DraftState:
    """What the template's `drafts/_form.html` needs: the signed spec and the draft that was restored, if any."""

    token: str
    restored: Draft | None

    @property
    def data(self) -> QueryDict | None:
        if self.restored is None:
            return None
        data = QueryDict(mutable=True)
        for name, values in self.restored.data.items():
            data.setlist(name, [str(v) for v in values])
        # A restored form is a new attempt: it gets tokens of its own (core.idempotency), so the same
        # draft restored on two devices is two saves, and never "already saved" for one of them.
        return with_fresh_tokens(data)

    @property
    def restored_label(self) -> str:
        """When the draft was last saved: the time of day, with the date when not today."""
        if self.restored is None:
            return ""
        when = timezone.localtime(self.restored.updated_at)
        if when.date() == timezone.localdate():
            return formats.time_format(when, "H:i")
        return formats.date_format(when, "j F H:i")


def draft_state(*, request: HttpRequest, spec: DraftSpec) -> DraftState:
    """On a GET, the author's draft (opening it is logged); on a POST only the token: the post is what counts."""
    user = request.user
    assert isinstance(user, User), "only logged-in users have drafts"
    if request.method == "GET":
        take_kept_post(request)  # a post kept across a log-in for this form becomes its draft first
    restored = services.draft_open(actor=user, spec=spec, request=request) if request.method == "GET" else None
    return DraftState(token=spec_sign(spec=spec, user=user), restored=restored)


def draft_done(*, request: HttpRequest, spec: DraftSpec) -> None:
    """The form was saved: its draft has served."""
    assert isinstance(request.user, User)
    services.draft_discard(author=request.user, spec=spec)


def show_as_typed(*items: forms.BaseForm | forms.BaseFormSet) -> None:
    """Mark forms (and formsets) bound to a draft as unvalidated: they show the values, no errors."""
    for item in items:
        # Django's own cache of the validation result, filled in as "nothing wrong" (not in the stubs).
        if isinstance(item, forms.BaseFormSet):
            item._errors = []  # type: ignore[attr-defined]
            item._non_form_errors = item.error_class()  # type: ignore[attr-defined]
            show_as_typed(*item.forms)
        else:
            item._errors = ErrorDict()  # type: ignore[attr-defined]
            item.cleaned_data = {}
