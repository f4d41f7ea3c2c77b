"""Server-rendered SVG charts, the one place every page and report draws them.

Drawn on the server because a strict CSP allows no script and no inline style:
shapes carry SVG presentation attributes and CSS classes only (static/css/app.css,
`.bar-chart`, `.score-chart`), and the page prints. When a chart has two series
they differ in fill *and* outline (solid bars against open ones; a solid and a
dashed line), so they can be told apart without colour (WCAG 1.4.1); the
numbers behind every chart go into a table as well. The coordinates are
floats: the template must print them with `{% localize off %}`.

What a chart shows (team figures, a report's frozen data) is decided by the app
that owns those figures; how it is drawn is decided here.
"""

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .scores import SCORE_MAX, SCORE_MIN, SCORE_VALUES

WIDTH = 640


@dataclass(frozen=True)
class Series:
    key: str  # CSS class of its bars: series-0 (solid) or series-1 (open)
    label: str
    values: list[int | None]


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    cls: str
    title: str = ""


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "middle"
    cls: str = "axis"


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    cls: str
    title: str


@dataclass
class BarChart:
    key: str  # unique on the page: the ids of its title and description
    title: str
    desc: str
    width: int
    height: int
    category_header: str
    categories: list[str]
    series: list[Series]
    marker: Series | None = None
    table_only: list[Series] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    rects: list[Rect] = field(default_factory=list)

    @property
    def legend(self) -> list[tuple[str, str]]:
        keys = [(s.key, s.label) for s in self.series] if len(self.series) > 1 else []
        return keys + ([("marker", self.marker.label)] if self.marker else [])

    @property
    def table_columns(self) -> list[Series]:
        return [*self.series, *([self.marker] if self.marker else []), *self.table_only]

    @property
    def table_rows(self) -> list[tuple[str, list[int | None]]]:
        columns = self.table_columns
        return [(c, [s.values[i] for s in columns]) for i, c in enumerate(self.categories)]

    @property
    def shapes(self) -> SafeString:
        """The lines, bars and texts as SVG markup, every text escaped; numbers unlocalised (`str`).

        Written here in one pass rather than by three template loops: a page of
        figures has hundreds of shapes, and the template engine spent more time
        on them than the database on the figures.
        """
        e = conditional_escape
        parts = [
            f'<line x1="{ln.x1}" y1="{ln.y1}" x2="{ln.x2}" y2="{ln.y2}" class="{e(ln.cls)}">'
            + (f"<title>{e(ln.title)}</title>" if ln.title else "")
            + "</line>"
            for ln in self.lines
        ]
        parts += [
            f'<rect x="{r.x}" y="{r.y}" width="{r.width}" height="{r.height}" class="bar {e(r.cls)}">'
            f"<title>{e(r.title)}</title></rect>"
            for r in self.rects
        ]
        parts += [
            f'<text x="{t.x}" y="{t.y}" text-anchor="{e(t.anchor)}" class="{e(t.cls)}">{e(t.text)}</text>'
            for t in self.texts
        ]
        return mark_safe("".join(parts))  # noqa: S308  # every value above is escaped or a number


def _axis(largest: float) -> tuple[int, int]:
    """A round top for the value axis and the step between gridlines (at most five steps)."""
    if largest <= 0:
        return 1, 1
    for exponent in range(7):
        for base in (1, 2, 5):
            step = base * 10**exponent
            if largest / step <= 5:
                return math.ceil(largest / step) * step, step
    return math.ceil(largest), math.ceil(largest)


def _largest(*groups: list[int | None]) -> float:
    return max((v for values in groups for v in values if v is not None), default=0)


def column_chart(
    *,
    key: str,
    title: str,
    desc: str,
    category_header: str,
    categories: list[str],
    series: list[Series],
    ticks: list[tuple[str, str]] | None = None,
) -> BarChart:
    """Vertical bars grouped per category (score 0..10, month). `ticks` are short axis labels, two lines each."""
    left, right, top, bottom, height = 40, 10, 16, 40, 250
    plot_bottom = height - bottom
    plot_h = plot_bottom - top
    axis_top, step = _axis(_largest(*(s.values for s in series)))
    group_w = (WIDTH - left - right) / len(categories)
    bar_w = group_w * 0.8 / len(series)
    chart = BarChart(key, title, desc, WIDTH, height, category_header, categories, series)

    def y_of(value: float) -> float:
        return round(plot_bottom - value / axis_top * plot_h, 1)

    for value in range(0, axis_top + 1, step):
        chart.lines.append(Line(left, y_of(value), WIDTH - right, y_of(value), "grid"))
        chart.texts.append(Text(left - 6, round(y_of(value) + 4, 1), str(value), "end"))
    for i, category in enumerate(categories):
        center = round(left + (i + 0.5) * group_w, 1)
        first, second = ticks[i] if ticks else (category, "")
        chart.texts.append(Text(center, plot_bottom + 15, first))
        if second:
            chart.texts.append(Text(center, plot_bottom + 29, second))
        for j, s in enumerate(series):
            amount = s.values[i]
            if amount is None:
                continue
            x = round(left + i * group_w + group_w * 0.1 + j * bar_w, 1)
            y = y_of(amount)
            label = f"{category}: {s.label}: {amount}" if len(series) > 1 else f"{category}: {amount}"
            chart.rects.append(Rect(x, y, round(bar_w, 1), round(plot_bottom - y, 1), s.key, label))
            if amount:
                chart.texts.append(Text(round(x + bar_w / 2, 1), round(y - 3, 1), str(amount), cls="value"))
    chart.lines.append(Line(left, plot_bottom, WIDTH - right, plot_bottom, "baseline"))
    return chart


def row_chart(
    *,
    key: str,
    title: str,
    desc: str,
    category_header: str,
    categories: list[str],
    series: list[Series],
    marker: Series | None = None,
    table_only: list[Series] | None = None,
) -> BarChart:
    """Horizontal bars, one row per category (a person, a phase); `marker` draws a norm line per row."""
    left, right, top, bottom = 190, 44, 8, 26
    bar_h, gap = 14, 12
    row_h = bar_h * len(series) + gap
    height = top + max(1, len(categories)) * row_h + bottom
    plot_bottom = height - bottom
    plot_w = WIDTH - left - right
    axis_top, step = _axis(_largest(*(s.values for s in series), marker.values if marker else []))
    chart = BarChart(key, title, desc, WIDTH, height, category_header, categories, series, marker, table_only or [])

    def x_of(value: float) -> float:
        return round(left + value / axis_top * plot_w, 1)

    for value in range(0, axis_top + 1, step):
        chart.lines.append(Line(x_of(value), top, x_of(value), plot_bottom, "grid"))
        chart.texts.append(Text(x_of(value), plot_bottom + 16, str(value)))
    for i, category in enumerate(categories):
        row_top = top + i * row_h + gap / 2
        name = category if len(category) <= 28 else category[:27] + "…"
        chart.texts.append(Text(left - 8, round(row_top + row_h / 2, 1), name, "end", "axis label"))
        for j, s in enumerate(series):
            amount = s.values[i]
            if amount is None:
                continue
            y = round(row_top + j * bar_h, 1)
            label = f"{category}: {s.label}: {amount}" if len(series) > 1 else f"{category}: {amount}"
            chart.rects.append(Rect(left, y, round(x_of(amount) - left, 1), bar_h - 2, s.key, label))
            chart.texts.append(Text(round(x_of(amount) + 4, 1), round(y + bar_h - 4, 1), str(amount), "start", "value"))
        norm = marker.values[i] if marker else None
        if marker and norm is not None:
            x = x_of(norm)
            chart.lines.append(
                Line(
                    x,
                    round(row_top - 3, 1),
                    x,
                    round(row_top + row_h - gap + 1, 1),
                    "marker",
                    f"{marker.label}: {norm}",
                )
            )
    chart.lines.append(Line(left, top, left, plot_bottom, "baseline"))
    return chart


def month_ticks(months: list[dt.date]) -> list[tuple[str, str]]:
    """Short month names; the year under January and under the first month."""
    return [
        (formats.date_format(m, "M"), formats.date_format(m, "Y") if i == 0 or m.month == 1 else "")
        for i, m in enumerate(months)
    ]


def score_distribution_charts(
    *, now: dict, then: dict | None, now_label: str, then_label: str = "", desc: str
) -> dict[str, BarChart]:
    """Both scores' distributions (families per value 0..10): `now` solid, `then` open if given.

    `now` and `then` hold a list of counts per score value under "safety" and "lijn".
    """
    charts = {}
    for key, label, attr in (("veiligheid", _("Actuele veiligheid"), "safety"), ("lijn", _("Centrale lijn"), "lijn")):
        series = [Series("series-0", now_label, list(now[attr]))]
        if then:
            series.append(Series("series-1", then_label, list(then[attr])))
        charts[key] = column_chart(
            key=f"grafiek-{key}",
            title=_("%(score)s: aantal gezinnen per score") % {"score": label},
            desc=desc,
            category_header=_("Score"),
            categories=[str(v) for v in SCORE_VALUES],
            series=series,
        )
    return charts


def caseload_chart(*, names: list[str], families: list[int]) -> BarChart:
    """Active families per gezinsmanager, by name and never sorted by size: caseload, not a ranking."""
    return row_chart(
        key="grafiek-caseload",
        title=_("Actieve gezinnen per gezinsmanager"),
        desc=_("Caseload per gezinsmanager, op naam; geen rangorde."),
        category_header=_("Gezinsmanager"),
        categories=names,
        series=[Series("series-0", _("actieve gezinnen"), list(families))],
    )


# --- the two score series of one family, as lines ------------------------------------

LINE_HEIGHT = 240
LEFT, RIGHT, TOP, BOTTOM = 36, 12, 12, 28


@dataclass
class Point:
    x: float
    y: float
    date: dt.date
    score: int

    @property
    def marker_x(self) -> float:
        return round(self.x - 3, 1)

    @property
    def marker_y(self) -> float:
        return round(self.y - 3, 1)


@dataclass
class ScoreChart:
    width: int
    height: int
    safety: list[Point]
    lijn: list[Point]
    safety_path: str
    lijn_path: str
    gridlines: list[tuple[int, float]]
    ticks: list[tuple[dt.date, float, str]]  # the month, its x, and the label's text-anchor
    plot_left: int
    plot_right: int
    plot_bottom: float
    label_x: int
    tick_y: int


def _scale(value: float, lo: float, hi: float, out_lo: float, out_hi: float) -> float:
    if hi == lo:
        return (out_lo + out_hi) / 2
    return out_lo + (value - lo) / (hi - lo) * (out_hi - out_lo)


def score_chart(series: list[tuple[dt.date, int, int]]) -> ScoreChart | None:
    if not series:
        return None
    first, last = series[0][0].toordinal(), series[-1][0].toordinal()
    plot_bottom = LINE_HEIGHT - BOTTOM

    def x_of(day: dt.date) -> float:
        return round(_scale(day.toordinal(), first, last, LEFT, WIDTH - RIGHT), 1)

    def y_of(score: int) -> float:
        return round(_scale(score, SCORE_MIN, SCORE_MAX, plot_bottom, TOP), 1)

    xs = [x_of(d) for d, _, _ in series]  # one x per contact, shared by both lines
    safety = [Point(x, y_of(s), d, s) for x, (d, s, _) in zip(xs, series, strict=True)]
    lijn = [Point(x, y_of(c), d, c) for x, (d, _, c) in zip(xs, series, strict=True)]
    ticks = _line_month_ticks(series[0][0], series[-1][0], x_of)
    return ScoreChart(
        width=WIDTH,
        height=LINE_HEIGHT,
        safety=safety,
        lijn=lijn,
        safety_path=" ".join(f"{p.x},{p.y}" for p in safety),
        lijn_path=" ".join(f"{p.x},{p.y}" for p in lijn),
        gridlines=[(v, y_of(v)) for v in range(SCORE_MIN, SCORE_MAX + 1, 2)],
        ticks=ticks,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_bottom=plot_bottom,
        label_x=LEFT - 6,
        tick_y=LINE_HEIGHT - 8,
    )


# Half the width of a month label ("sep. 2026" at the axis' 11px): a label centred closer than this to
# an edge of the drawing would be cut off there, so it is anchored at its end (or start) instead.
TICK_HALF_WIDTH = 30


def _tick_anchor(x: float) -> str:
    if x + TICK_HALF_WIDTH > WIDTH:
        return "end"
    if x - TICK_HALF_WIDTH < 0:
        return "start"
    return "middle"


def _line_month_ticks(
    first: dt.date, last: dt.date, x_of: Callable[[dt.date], float]
) -> list[tuple[dt.date, float, str]]:
    """First days of months inside the range, thinned to at most six labels, each anchored to stay in sight."""
    months = []
    day = first.replace(day=1)
    while day <= last:
        if day >= first:
            months.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    if not months:
        months = [first]
    step = max(1, -(-len(months) // 6))
    return [(m, x_of(m), _tick_anchor(x_of(m))) for m in months[::step]]
