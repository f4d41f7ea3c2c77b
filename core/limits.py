"""How long a text someone types may be: one table, used by models, forms, the API and services.

Without a limit a 200,000-character paste was accepted, stored, put in every
PDF and report, and shown on every timeline. The limits are generous for what
each text is for (a contact note is a page or two, a reason a paragraph), so
nobody meets them in normal work. Someone who does is told how long the text
is and what the maximum is, and keeps what they typed: the browser never cuts a
paste short (no HTML `maxlength` on long fields, core.forms moves it to
`data-maxlength` for static/js/counter.js), the server refuses and the form
shows the text again.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# A long note: the contact's note, the plan's texts, a casenote, a reflection, a finding.
NOTE = 20_000
# An answer to one question: why this score, what raises it, a kernvraag, a decision, a learning goal.
ANSWER = 5_000
# A reason or a comment: why a file is opened, why a kwestie is closed, a step's explanation.
REASON = 2_000
# A short message (the partner API's progress message).
MESSAGE = 1_000
# A one-line description or note (agreements, actions, status notes), as the models' CharFields have it.
LINE = 300
# A title.
TITLE = 200

# Text inputs at least this long get the counter too (and lose the browser's silent cut); shorter ones,
# such as a dossiernummer or a name, keep the ordinary maxlength.
COUNTED_FROM = 200

TOO_LONG = _(
    "Deze tekst is %(length)s tekens lang; het maximum is %(limit)s tekens. "
    "Maak hem %(over)s tekens korter: wat u typte staat er nog."
)


def format_count(number: int) -> str:
    """20000 as "20.000": a Dutch thousands separator, as the counter shows it too."""
    return f"{number:,}".replace(",", ".")


def too_long_message(*, length: int, limit: int) -> str:
    return str(TOO_LONG) % {
        "length": format_count(length),
        "limit": format_count(limit),
        "over": format_count(length - limit),
    }


@deconstructible
class TextLengthValidator(MaxLengthValidator):
    """Django's max-length check with the message above (counts with a thousands dot, says how much too long)."""

    def __call__(self, value: Any) -> None:
        length = self.clean(value)
        limit = self.limit_value() if callable(self.limit_value) else self.limit_value
        if length > limit:
            raise ValidationError(too_long_message(length=length, limit=limit), code=self.code)


def check_text_length(*, field: str, value: str | None, limit: int) -> None:
    """For a service that takes a text that is not a model field of its own: refuse it keyed by the field."""
    if value is not None and len(value) > limit:
        raise ValidationError({field: too_long_message(length=len(value), limit=limit)}, code="max_length")
