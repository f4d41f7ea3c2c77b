"""The dashboard's rows as display-ready cells, built once per distinct value (see `casework.views.rows`).

The rows and their signals come from `selectors.dashboard_rows` unchanged (the
weekly report and the session's candidates read the same rows); only how a row
becomes HTML is here, with the same markup the template wrote per cell before.
"""

from typing import Any

from django.utils import timezone
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from casework.views.rows import Cells, url_maker

from .selectors import DashboardRow
from .signals import SignalCode


def _phase(cells: Cells, row: DashboardRow, *, long: bool) -> SafeString:
    norm = row.phase_norm_days
    days = row.figures.days_in_phase

    def build() -> SafeString:
        text = cells.days_in_phase(days)
        if norm:
            text += " · " + _("norm %(norm)s") % {"norm": norm}
        css = "small warn" if long else "small muted"
        return format_html('{}<br><span class="{}">{}</span>', cells.phase_label(row.family.phase), css, text)

    return cells.memo(("dashboard_phase", row.family.phase, days, norm, long), build)


def _discussed(cells: Cells, row: DashboardRow) -> SafeString:
    if row.discussed_at is None:
        return cells.memo("not_discussed", lambda: format_html('<span class="muted">{}</span>', _("nee")))
    day = timezone.localtime(row.discussed_at).date()
    return cells.memo(("discussed", day), lambda: format_html("{}, {}", _("ja"), cells.date(day)))


def dashboard_cells(rows: list[DashboardRow]) -> list[dict[str, Any]]:
    """One dict per row, in the order given."""
    cells = Cells()
    family_url = url_maker("casework:family_detail")
    no_signals = format_html('<span class="muted">{}</span>', _("geen"))
    never = _("nog geen contact")
    out = []
    for row in rows:
        family, fig, codes = row.family, row.figures, row.signal_codes
        if row.signals:
            signals = format_html(
                '<ul class="signal-list">{}</ul>',
                format_html_join("", "<li>{}</li>", ((s.reason,) for s in row.signals)),
            )
        else:
            signals = no_signals
        out.append(
            {
                "signalled": bool(row.signals),
                "url": family_url(family.pk),
                "name": family.name,
                "reference": family.reference,
                "manager": cells.person(
                    family.manager_id,
                    first_name=family.manager.first_name,
                    last_name=family.manager.last_name,
                    username=family.manager.username,
                ),
                "safety": cells.score(family.last_safety, fig.safety_change, safety=True),
                "lijn": cells.score(family.last_lijn, fig.lijn_change, safety=False),
                "days": cells.contact_days(
                    fig.days_since_contact, overdue=SignalCode.GEEN_CONTACT in codes, none_text=never
                ),
                "phase": _phase(cells, row, long=SignalCode.FASE_LANG in codes),
                "overdue": cells.overdue(family.overdue_agreements),
                "discussed": _discussed(cells, row),
                "signals": signals,
            }
        )
    return out


_SIGNALLED = ' class="signalled"'
_LABELS = {
    "manager": gettext_noop("Gezinsmanager"),
    "safety": gettext_noop("Veiligheid"),
    "lijn": gettext_noop("Centrale lijn"),
    "days": gettext_noop("Dagen sinds contact"),
    "phase": gettext_noop("Fase"),
    "overdue": gettext_noop("Afspraken over datum"),
    "discussed": gettext_noop("Besproken"),
    "signals": gettext_noop("Signalen"),
}
_CELLS = ("url", "name", "reference", "manager", "safety", "lijn", "days", "phase", "overdue", "discussed", "signals")


def dashboard_rows_html(cells: list[dict[str, Any]]) -> SafeString:
    """The table's rows as the template's loop wrote them, whitespace included, in one join.

    Ten variables a row through the template engine were half of the page's
    rendering for a team of 200 families. Each value is escaped here as the
    template escaped it (`conditional_escape`: the built cells are safe, names
    and references are escaped).
    """
    # Each cell names its column (data-label): on a tablet a row is a card, and the card says what each value is.
    lb = {key: conditional_escape(_(label)) for key, label in _LABELS.items()}
    parts = []
    for r in cells:
        v = {name: conditional_escape(r[name]) for name in _CELLS}
        parts.append(
            f"\n    <tr{_SIGNALLED if r['signalled'] else ''}>\n"
            f'      <th scope="row"><a href="{v["url"]}">{v["name"]}</a><br>'
            f'<span class="muted small">{v["reference"]}</span></th>\n'
            f'      <td data-label="{lb["manager"]}">{v["manager"]}</td>\n'
            f'      <td class="num" data-label="{lb["safety"]}">{v["safety"]}</td>\n'
            f'      <td class="num" data-label="{lb["lijn"]}">{v["lijn"]}</td>\n'
            f'      <td class="num" data-label="{lb["days"]}">{v["days"]}</td>\n'
            f'      <td data-label="{lb["phase"]}">{v["phase"]}</td>\n'
            f'      <td class="num" data-label="{lb["overdue"]}">{v["overdue"]}</td>\n'
            f'      <td data-label="{lb["discussed"]}">{v["discussed"]}</td>\n'
            f'      <td data-label="{lb["signals"]}">{v["signals"]}</td>\n'
            "    </tr>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308  # every value escaped above
