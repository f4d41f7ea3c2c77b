"""The score chart's marks and its table of numbers, built once in Python for the family page.

A family with years of contacts has hundreds of points; as template nodes
(coordinates, a date, a translated word per point, twice, plus a table row)
they were most of the family page's rendering time. The same markup is built
here with `format_html_join`, which escapes every value as the template did.
Coordinates are plain numbers (never "83,5", whatever the locale).
"""

from dataclasses import dataclass

from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ChartMarks:
    safety: SafeString  # a circle per contact, with its date and score as title
    lijn: SafeString  # a square per contact
    rows: SafeString  # the table behind the chart


def _day(d) -> str:
    return f"{d:%d-%m-%Y}"


def chart_marks(chart, series) -> ChartMarks | None:
    if chart is None:
        return None
    safety_word, lijn_word = _("veiligheid"), _("centrale lijn")
    safety = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="3" class="dot safety"><title>{}: {} {}</title></circle>',
        ((repr(p.x), repr(p.y), _day(p.date), safety_word, p.score) for p in chart.safety),
    )
    lijn = format_html_join(
        "",
        '<rect x="{}" y="{}" width="6" height="6" class="dot lijn"><title>{}: {} {}</title></rect>',
        ((repr(p.marker_x), repr(p.marker_y), _day(p.date), lijn_word, p.score) for p in chart.lijn),
    )
    rows = format_html_join(
        "",
        '<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td></tr>',
        ((_day(d), s, c) for d, s, c in series),
    )
    return ChartMarks(safety=safety, lijn=lijn, rows=rows)
