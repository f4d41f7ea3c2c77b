"""The score chart's marks and its table of numbers, built once in Python for the family page.

A family with years of contacts has hundreds of points; as template nodes
(coordinates, a date, a translated word per point, twice, plus a table row)
they were most of the family page's rendering time. The same markup is built
here in Python: the values are numbers and dates, the words escaped once.
Coordinates are plain numbers (never "83,5", whatever the locale).
"""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ChartMarks:
    safety: SafeString  # a circle per contact, with its date and score as title
    lijn: SafeString  # a square per contact
    rows: SafeString  # the table behind the chart


def _day(d) -> str:
    return f"{d:%d-%m-%Y}"


def chart_marks(chart, series) -> ChartMarks | None:
    """The marks as markup. Every value is a number or a date formatted here, never text from a
    person; the two translated words are escaped once. So no value needs escaping per point
    (format_html_join did, and that was half of this work)."""
    if chart is None:
        return None
    safety_word, lijn_word = escape(_("veiligheid")), escape(_("centrale lijn"))
    # Both lines and the table have a point per contact of `series`, in its order: each day formatted once.
    days = [_day(d) for d, _s, _c in series]
    safety = "".join(
        f'<circle cx="{float(p.x)!r}" cy="{float(p.y)!r}" r="3" class="dot safety">'
        f"<title>{day}: {safety_word} {int(p.score)}</title></circle>"
        for p, day in zip(chart.safety, days, strict=True)
    )
    lijn = "".join(
        f'<rect x="{float(p.marker_x)!r}" y="{float(p.marker_y)!r}" width="6" height="6" class="dot lijn">'
        f"<title>{day}: {lijn_word} {int(p.score)}</title></rect>"
        for p, day in zip(chart.lijn, days, strict=True)
    )
    rows = "".join(
        f'<tr><td>{day}</td><td class="num">{int(s)}</td><td class="num">{int(c)}</td></tr>'
        for (_d, s, c), day in zip(series, days, strict=True)
    )
    # Safe by construction: numbers and dates formatted above, and the escaped words.
    return ChartMarks(safety=mark_safe(safety), lijn=mark_safe(lijn), rows=mark_safe(rows))  # noqa: S308
