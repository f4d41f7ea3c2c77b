"""Display-ready cells for the long family lists ("Mijn gezinnen", the team list, the team dashboard).

Rendering hundreds of rows through template includes, `{% url %}`,
`{% blocktranslate %}` and number localisation per cell cost several times the
page's SQL. A cell here depends only on a few small values (a score and its
change, a number of days, a phase), so each distinct cell is built once per
page and then reused: a row costs some dictionary look-ups. The HTML is the
same as the templates wrote before, cell for cell.
"""

import datetime as dt
from collections.abc import Callable, Hashable
from typing import Any

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from casework.models import Phase

_MARK = 987654321


def url_maker(name: str, *before: int) -> Callable[[int], str]:
    """`reverse(name, args=[*before, pk])` for many pks at the cost of one reversal (pk is the last argument)."""
    head, tail = reverse(name, args=[*before, _MARK]).rsplit(str(_MARK), 1)
    return lambda pk: f"{head}{pk}{tail}"


class Cells:
    """Memoised cells for one page (one language, one day)."""

    def __init__(self) -> None:
        self._memo: dict[Hashable, Any] = {}

    def memo(self, key: Hashable, build: Callable[[], Any]) -> Any:
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = build()
            return value

    def change(self, change: int | None) -> SafeString:
        """What `casework/_change.html` writes (with its final newline)."""

        def build() -> SafeString:
            if change is None:
                html = '<span class="muted">–</span>'
            elif change > 0:
                html = format_html(
                    '<span class="up">▲ +{}<span class="visually-hidden"> {}</span></span>', change, _("gestegen")
                )
            elif change < 0:
                html = format_html(
                    '<span class="down">▼ {}<span class="visually-hidden"> {}</span></span>', change, _("gedaald")
                )
            else:
                html = format_html('<span class="flat">= 0<span class="visually-hidden"> {}</span></span>', _("gelijk"))
            return mark_safe(f"{html}\n")  # noqa: S308  # built from format_html and fixed text above

        return self.memo(("change", change), build)

    def score(self, score: int | None, change: int | None, *, safety: bool) -> SafeString:
        """A score with its change since the contact before, or "nog geen"."""

        def build() -> SafeString:
            if score is None:
                return format_html('<span class="muted">{}</span>', _("nog geen"))
            css = f"score s{score}" if safety else "score"
            return format_html('<span class="{}">{}</span> {}', css, score, self.change(change))

        return self.memo(("score", score, change, safety), build)

    def days_in_phase(self, days: int) -> str:
        return self.memo(
            ("phase_days", days), lambda: ngettext("%(days)s dag", "%(days)s dagen", days) % {"days": days}
        )

    def phase_label(self, phase: str) -> str:
        return self.memo(("phase", phase), lambda: str(Phase(phase).label))

    def person(self, user_id: int, **names: str) -> str:
        """A person's name as `User.__str__` writes it, from their id and name fields (a user or plain values)."""
        return self.memo(("person", user_id), lambda: str(User(pk=user_id, **names)))

    def contact_days(self, days: int | None, *, overdue: bool, none_text: str = "") -> SafeString:
        """Days since the last contact, marked when overdue; `none_text` (or a dash) when never seen."""

        def build() -> SafeString:
            if days is None:
                if none_text:
                    return format_html('<span class="muted">{}</span>', none_text)
                return format_html('<span class="{}">–</span>', "warn" if overdue else "muted")
            return format_html("<span{}>{}</span>", mark_safe(' class="warn"') if overdue else "", days)

        return self.memo(("contact_days", days, overdue, none_text), build)

    def overdue(self, n: int) -> SafeString:
        return self.memo(("overdue", n), lambda: format_html('<span class="warn">{}</span>', n) if n else "0")

    def date(self, day: dt.date | None) -> str:
        return "" if day is None else f"{day:%d-%m-%Y}"
