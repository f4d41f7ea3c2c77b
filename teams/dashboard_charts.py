"""Server-rendered SVG bar charts for the team figures.

Drawn on the server because a strict CSP allows no script and no inline style:
shapes carry SVG presentation attributes and CSS classes only (static/css/app.css,
`.bar-chart`). When a chart has two series they differ in fill *and* outline
(solid bars against open ones), so they can be told apart without colour
(WCAG 1.4.1); the numbers behind every chart go into a table as well. The
coordinates are floats: the template must print them with `{% localize off %}`.
"""

import datetime as dt
import math
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _

from .selectors_figures import TeamFigures

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
            value = s.values[i]
            if value is None:
                continue
            x = round(left + i * group_w + group_w * 0.1 + j * bar_w, 1)
            y = y_of(value)
            label = f"{category}: {s.label}: {value}" if len(series) > 1 else f"{category}: {value}"
            chart.rects.append(Rect(x, y, round(bar_w, 1), round(plot_bottom - y, 1), s.key, label))
            if value:
                chart.texts.append(Text(round(x + bar_w / 2, 1), round(y - 3, 1), str(value), cls="value"))
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
            value = s.values[i]
            if value is None:
                continue
            y = round(row_top + j * bar_h, 1)
            label = f"{category}: {s.label}: {value}" if len(series) > 1 else f"{category}: {value}"
            chart.rects.append(Rect(left, y, round(x_of(value) - left, 1), bar_h - 2, s.key, label))
            chart.texts.append(Text(round(x_of(value) + 4, 1), round(y + bar_h - 4, 1), str(value), "start", "value"))
        if marker and marker.values[i] is not None:
            x = x_of(marker.values[i])
            chart.lines.append(
                Line(
                    x,
                    round(row_top - 3, 1),
                    x,
                    round(row_top + row_h - gap + 1, 1),
                    "marker",
                    f"{marker.label}: {marker.values[i]}",
                )
            )
    chart.lines.append(Line(left, top, left, plot_bottom, "baseline"))
    return chart


def _month_ticks(months: list[dt.date]) -> list[tuple[str, str]]:
    """Short month names; the year under January and under the first month."""
    return [
        (formats.date_format(m, "M"), formats.date_format(m, "Y") if i == 0 or m.month == 1 else "")
        for i, m in enumerate(months)
    ]


def figures_charts(figures: TeamFigures) -> dict[str, BarChart]:
    """Every chart of the team figures page, by name."""
    now, then = figures.scores_now, figures.scores_then
    now_label = _("nu (%(date)s)") % {"date": f"{now.on:%d-%m-%Y}"}
    then_label = _("3 maanden eerder (%(date)s)") % {"date": f"{then.on:%d-%m-%Y}"}
    scores = [str(i) for i in range(11)]
    charts = {
        "caseload": row_chart(
            key="grafiek-caseload",
            title=_("Actieve gezinnen per gezinsmanager"),
            desc=_("Caseload per gezinsmanager, op naam; geen rangorde."),
            category_header=_("Gezinsmanager"),
            categories=[str(c.manager) for c in figures.caseload],
            series=[Series("series-0", _("actieve gezinnen"), [c.families for c in figures.caseload])],
        ),
    }
    for kind, label, attr in (("veiligheid", _("Actuele veiligheid"), "safety"), ("lijn", _("Centrale lijn"), "lijn")):
        charts[kind] = column_chart(
            key=f"grafiek-{kind}",
            title=_("%(score)s: aantal gezinnen per score") % {"score": label},
            desc=_("Laatste score van ieder actief gezin, nu (dichte staven) en drie maanden eerder (open staven)."),
            category_header=_("Score"),
            categories=scores,
            series=[
                Series("series-0", now_label, getattr(now, attr)),
                Series("series-1", then_label, getattr(then, attr)),
            ],
        )
    phases = figures.phases
    charts["fasen"] = row_chart(
        key="grafiek-fasen",
        title=_("Mediaan aantal dagen per fase"),
        desc=_(
            "Per fase de mediaan van afgeronde periodes van de laatste twaalf maanden (dichte staven) en van de "
            "gezinnen die nu in die fase zijn (open staven); de verticale streep is de norm van het team."
        ),
        category_header=_("Fase"),
        categories=[p.label for p in phases],
        series=[
            Series("series-0", _("afgeronde periodes, mediaan dagen"), [p.completed_median for p in phases]),
            Series("series-1", _("nu in deze fase, mediaan dagen"), [p.current_median for p in phases]),
        ],
        marker=Series("marker", _("norm (dagen)"), [p.norm for p in phases]),
        table_only=[
            Series("", _("afgeronde periodes"), [p.completed_count for p in phases]),
            Series("", _("gezinnen nu in deze fase"), [p.current_count for p in phases]),
        ],
    )
    months = [m.month for m in figures.months]
    charts["maanden"] = column_chart(
        key="grafiek-maanden",
        title=_("Gezinnen aangemeld en afgesloten per maand"),
        desc=_("De laatste twaalf maanden: aangemeld (dichte staven) en afgesloten (open staven)."),
        category_header=_("Maand"),
        categories=[formats.date_format(m, "F Y") for m in months],
        series=[
            Series("series-0", _("aangemeld"), [m.started for m in figures.months]),
            Series("series-1", _("afgesloten"), [m.closed for m in figures.months]),
        ],
        ticks=_month_ticks(months),
    )
    return charts
