"""Reads of drafts: only their author's, and only while the author may still reach the family."""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from casework import access
from casework.models import Family

from .models import Draft
from .spec import DraftSpec


def draft_access_ok(*, user: User, spec: DraftSpec) -> bool:
    """Whether `user` may still save or open a draft of `spec`: casework's access path decides.

    A worker who lost the family (moved team, handed over) loses its drafts with it.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if spec.family_id is None or spec.access == "none":
        return True
    family = access.families_readable_by(user=user).filter(pk=spec.family_id).first()
    if family is None:
        return False
    return spec.access == "read" or access.can_write_file(user=user, family=family)


def drafts_expired_before(*, now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(days=settings.DRAFT_DAYS)


def draft_get(*, author: User, spec: DraftSpec) -> Draft | None:
    """The author's unexpired draft of this form and object (no one else's, ever)."""
    return Draft.objects.filter(
        author=author,
        form_key=spec.form_key,
        object_key=spec.object_key,
        updated_at__gt=drafts_expired_before(),
    ).first()


def family_of(*, spec: DraftSpec) -> Family | None:
    return Family.objects.filter(pk=spec.family_id).first() if spec.family_id else None
