"""Creates happen once: the one-time token every create form carries, and its claim.

A form sent twice (a double click, or Opslaan, browser Back, Opslaan) must not
make two contacts with two sets of scores on the timeline. Every form that
creates something carries a token made when the form is rendered
(`OnceFormMixin`); the create runs in one transaction that first claims the
token (`idempotency_claim`) by inserting a row unique per user and token, or per
API client and key. A second post with the same token finds the first claim and
leads to the first result instead of doing it again; a concurrent second post
blocks on the unique index until the first commits. A failed create rolls back
with its claim, so the user can correct the form and send it again.

The web pages use it through `core.views.create_once`, the API through
`api.idempotency`.
"""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import IdempotencyKey

TOKEN_FIELD = "idempotency_token"  # noqa: S105 (a form field name, not a secret)
TOKEN_MISSING = _("Uw invoer staat er nog, maar het formulier moet nog één keer worden verstuurd: sla het opnieuw op.")


class OnceTokenInput(forms.HiddenInput):
    """The token's hidden input, marked for static/js/once.js.

    Pages with family data are `no-store`, so browser Back fetches the form
    again with a new token while the browser puts back what was typed. The
    script gives the form back the token it was sent with when the page is
    reached through Back, so the resent form leads to the first result instead
    of making a second contact. Without the script a resend is a new create.
    """

    def __init__(self) -> None:
        super().__init__(attrs={"data-once-token": True})


class OnceFormMixin(forms.BaseForm):
    """Adds the one-time token, out of sight, to a create form.

    The token is new each time an unbound form is rendered; a bound form
    rendered again after a validation error keeps the posted one, so the
    corrected post still counts as the same create.
    """

    _once_token: uuid.UUID | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[TOKEN_FIELD] = forms.UUIDField(
            widget=OnceTokenInput,
            initial=uuid.uuid4,
            label="",
            error_messages={"required": TOKEN_MISSING, "invalid": TOKEN_MISSING},
        )

    def full_clean(self) -> None:
        """Keep the token out of cleaned_data, which views hand to services as keywords.

        A form sent without a valid token (opened before an update, say) is
        shown again with what was typed and a fresh token, so sending it once
        more saves it: nothing typed is lost.
        """
        super().full_clean()
        cleaned = getattr(self, "cleaned_data", {})
        self._once_token = cleaned.pop(TOKEN_FIELD, None)
        if self.is_bound and self._once_token is None:
            give_fresh_token(self)

    @property
    def once_token(self) -> str:
        """The posted token, once the form is valid."""
        if self._once_token is None:
            raise ValueError("the form is not valid, so it has no token")
        return str(self._once_token)


class OnceForm(OnceFormMixin, forms.Form):
    """A button without fields (close the session, share): only its one-time token, so a double click acts once."""


def is_token_field(name: str) -> bool:
    """A one-time token's field, with or without a form prefix ("besluit-idempotency_token")."""
    return name == TOKEN_FIELD or name.endswith(f"-{TOKEN_FIELD}")


def with_fresh_tokens(data: QueryDict) -> QueryDict:
    """A copy of posted data in which every one-time token is new (a restored draft is a new attempt)."""
    data = data.copy()
    for name in list(data.keys()):
        if is_token_field(name):
            data[name] = str(uuid.uuid4())
    return data


def give_fresh_token(form: forms.BaseForm) -> None:
    """Show a bound form again with a new token (and everything else as it was posted)."""
    data = with_fresh_tokens(form.data)  # type: ignore[arg-type]  # a bound form's data is a QueryDict
    data[form.add_prefix(TOKEN_FIELD)] = str(uuid.uuid4())
    form.data = data


@dataclass
class Claim:
    """The outcome of claiming a token: either this request does the create, or it was done."""

    record: IdempotencyKey
    first: bool


def _owner(*, user: Any, client_id: str) -> dict[str, Any]:
    if (user is None) == (not client_id):
        raise ValueError("a claim belongs to a user or to an API client, exactly one")
    return {"user": user, "client_id": ""} if user is not None else {"user": None, "client_id": client_id}


def _expired_before(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(days=settings.IDEMPOTENCY_KEY_DAYS)


def idempotency_claim(*, key: str, kind: str, user: Any = None, client_id: str = "", request_hash: str = "") -> Claim:
    """Claim a one-time token inside the caller's transaction.

    Must run inside `transaction.atomic()` together with the create it guards:
    the claim commits or rolls back with it. The insert sits in a savepoint, so
    a clash (the token was used) leaves the transaction usable; on PostgreSQL a
    clash with a transaction still running waits for it, and the lookup after
    it sees the committed claim. A claim older than IDEMPOTENCY_KEY_DAYS that the
    cleanup has not removed yet no longer counts.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("idempotency_claim must run inside the create's transaction")
    owner = _owner(user=user, client_id=client_id)
    record = IdempotencyKey(key=key, kind=kind, request_hash=request_hash, **owner)
    try:
        with transaction.atomic():
            record.save(force_insert=True)
    except IntegrityError:
        existing = IdempotencyKey.objects.get(key=key, **owner)
        if existing.created_at >= _expired_before():
            return Claim(record=existing, first=False)
        existing.delete()
        with transaction.atomic():
            record.save(force_insert=True)
    return Claim(record=record, first=True)


def idempotency_find(*, key: str, user: Any = None, client_id: str = "") -> IdempotencyKey | None:
    """The live claim of this token, if it was used (a read: the claim itself decides under a race)."""
    try:
        uuid.UUID(key)
    except ValueError:
        if user is not None:  # a web form's token is a UUID; anything else was never claimed
            return None
    owner = _owner(user=user, client_id=client_id)
    return IdempotencyKey.objects.filter(key=key, created_at__gte=_expired_before(), **owner).first()


def idempotency_remember(*, claim: Claim, result_url: str = "", status: int | None = None, body: Any = None) -> None:
    """Store where the first create led, for every repeat to find (same transaction as the claim)."""
    record = claim.record
    record.result_url, record.response_status, record.response_body = result_url, status, body
    record.save(update_fields=["result_url", "response_status", "response_body"])


def request_fingerprint(*, method: str, path: str, body: bytes) -> str:
    """What makes two API requests "the same": method, path and body (the IETF draft's rule)."""
    digest = hashlib.sha256()
    for part in (method.upper().encode(), b"\n", path.encode(), b"\n", body):
        digest.update(part)
    return digest.hexdigest()


def idempotency_keys_expire(*, now: datetime | None = None) -> int:
    """Remove claims older than IDEMPOTENCY_KEY_DAYS; returns how many.

    Past that age a repeat is no longer a double post but a new request, and
    the table stays small. Run daily (core.expire_idempotency_keys in the beat
    schedule, or `manage.py expire_idempotency_keys`).
    """
    deleted, _per_model = IdempotencyKey.objects.filter(created_at__lt=_expired_before(now)).delete()
    return deleted
