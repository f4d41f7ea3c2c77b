"""Writes of drafts and kept posts: saving while typing, opening (logged), discarding, expiring."""

import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from privacy.services import access_log_view

from . import selectors
from .models import Draft, KeptPost
from .spec import TOKEN_FIELD, DraftSpec, spec_unsign

# Never kept on the server: the CSRF token, and anything that looks like a password.
_NEVER_KEPT = {"csrfmiddlewaretoken", TOKEN_FIELD}
_SECRET_WORDS = ("password", "wachtwoord", "secret", "geheim")


def draft_data_from_post(post: QueryDict) -> dict[str, list[str]]:
    """The typed fields of a post, as {name: [values]}, without tokens or passwords (files never come here)."""
    data = {
        name: values
        for name, values in post.lists()
        if name not in _NEVER_KEPT and not any(word in name.lower() for word in _SECRET_WORDS)
    }
    if sum(len(v) for values in data.values() for v in values) > settings.DRAFT_MAX_CHARS:
        raise ValidationError(_("Dit concept is te groot om te bewaren."))
    return data


def draft_save(*, author: User, spec: DraftSpec, data: dict[str, list[str]]) -> Draft:
    """Keep what the author typed so far; one draft per author, form and object, replaced each time.

    Not written to the access log: saving shows nobody anything and changes
    nothing in the file. The author must still be allowed to reach the family.
    """
    if not selectors.draft_access_ok(user=author, spec=spec):
        raise PermissionDenied(_("U kunt dit formulier niet meer bewerken."))
    draft, _created = Draft.objects.update_or_create(
        author=author,
        form_key=spec.form_key,
        object_key=spec.object_key,
        defaults={"family_id": spec.family_id, "data": data, "updated_at": timezone.now()},
    )
    return draft


def draft_open(*, actor: User, spec: DraftSpec, request: HttpRequest) -> Draft | None:
    """The author's draft for this form, if any and still reachable; opening it is logged like viewing the file."""
    draft = selectors.draft_get(author=actor, spec=spec)
    if draft is None:
        return None
    if not selectors.draft_access_ok(user=actor, spec=spec):
        draft.delete()  # the family is out of reach: so is what was typed about it
        return None
    if spec.family_id is not None:
        access_log_view(request=request, family_id=spec.family_id, what=f"concept geopend ({spec.form_key})")
    return draft


def draft_discard(*, author: User, spec: DraftSpec) -> None:
    """Remove the author's draft: after a successful save, or when they throw it away."""
    Draft.objects.filter(author=author, form_key=spec.form_key, object_key=spec.object_key).delete()


def drafts_delete_expired(*, now: dt.datetime | None = None) -> int:
    """Drop drafts older than DRAFT_DAYS and kept posts older than KEPT_POST_HOURS; returns how many."""
    now = now or timezone.now()
    drafts, _d = Draft.objects.filter(updated_at__lte=selectors.drafts_expired_before(now=now)).delete()
    kept, _k = KeptPost.objects.filter(created_at__lte=now - dt.timedelta(hours=settings.KEPT_POST_HOURS)).delete()
    return drafts + kept


def kept_post_keep(*, user: User, path: str, data: dict[str, list[str]]) -> KeptPost:
    """Keep a post that arrived after `user`'s session expired, until they log in again."""
    return KeptPost.objects.create(user=user, path=path, data=data)


def kept_post_for(*, kept_id: uuid.UUID | str, user: User) -> KeptPost | None:
    """The kept post behind a browser's cookie, if it is `user`'s and still fresh; anyone else's is discarded.

    Asked on every page while the cookie is there, once the user is logged in
    (after any second step of the log-in): only its author ever gets it back.
    """
    try:
        kept_id = uuid.UUID(str(kept_id))
    except ValueError:
        return None
    kept = KeptPost.objects.filter(pk=kept_id).first()
    if kept is None:
        return None
    fresh = kept.created_at > timezone.now() - dt.timedelta(hours=settings.KEPT_POST_HOURS)
    if not fresh or kept.user_id != user.pk:
        kept.delete()
        return None
    return kept


@transaction.atomic
def kept_post_take(*, kept: KeptPost, user: User) -> tuple[dict[str, list[str]], bool] | None:
    """Use a kept post up on the page it was sent from: (its fields, whether they became a draft), or None.

    A form with drafts gets it as its author's draft (restored server-side, the
    draft notice says so); any other form gets the fields to show filled in.
    Either way the kept post is gone after this. A draft only while the form's
    family is still theirs, otherwise nothing comes back.
    """
    locked = KeptPost.objects.select_for_update().filter(pk=kept.pk, user=user).first()
    if locked is None:
        return None
    token = (locked.data.get(TOKEN_FIELD) or [""])[-1]
    data = {k: v for k, v in locked.data.items() if k != TOKEN_FIELD}
    locked.delete()
    if not token:
        return data, False
    spec = spec_unsign(token=token, user=user)
    if spec is None or not selectors.draft_access_ok(user=user, spec=spec):
        return None
    draft_save(author=user, spec=spec, data=data)
    return data, True
