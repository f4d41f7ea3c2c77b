"""What a draft belongs to, signed into the form so the autosave endpoint can trust it.

The page that shows a form knows which form, which object and which family it
is about, and has checked the user's access; the autosave endpoint gets only
what the browser posts. So the page signs that description together with the
user's id into a hidden field (`_draft`): the endpoint and the kept-post
recovery accept only a description this server made for this very user.
"""

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Literal

from django.conf import settings
from django.core import signing

from accounts.models import User

TOKEN_FIELD = "_draft"  # noqa: S105 (a field name, no secret)
_SALT = "casework.drafts.spec"

# What the author must still be allowed to do with the family to save or open the draft:
# write its file (a contact, the plan), read it (a team session's casenote), or
# nothing family-bound (a reflection, an audit finding: the page checks its own object).
Access = Literal["write", "read", "none"]


@dataclass(frozen=True)
class DraftSpec:
    form_key: str
    object_key: str
    path: str
    family_id: int | None = None
    access: Access = "none"

    @classmethod
    def for_family(cls, *, form_key: str, family_id: int, path: str, access: Access = "write", object_key: str = ""):
        return cls(
            form_key=form_key,
            object_key=object_key or f"family:{family_id}",
            path=path,
            family_id=family_id,
            access=access,
        )


def spec_sign(*, spec: DraftSpec, user: User) -> str:
    return signing.dumps({"u": user.pk, **asdict(spec)}, salt=_SALT, compress=True)


def spec_unsign(*, token: str, user: User) -> DraftSpec | None:
    """The spec in `token` if this server signed it for `user` within the draft lifetime, else None."""
    max_age = dt.timedelta(days=settings.DRAFT_DAYS)
    try:
        payload = signing.loads(token, salt=_SALT, max_age=max_age)
    except (signing.BadSignature, TypeError):
        return None
    if not isinstance(payload, dict) or payload.pop("u", None) != user.pk:
        return None
    try:
        return DraftSpec(**payload)
    except TypeError:
        return None
