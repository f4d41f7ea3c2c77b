"""Server-rendered SVG chart of the two score series.

Drawn on the server so the page needs no script (a strict CSP holds) and so it
prints. The two lines differ in colour *and* dash pattern, so they can be told
apart without colour (WCAG 1.4.1).
"""

import datetime as dt
from dataclasses import dataclass

WIDTH, HEIGHT = 640, 240
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
class Chart:
    width: int
    height: int
    safety: list[Point]
    lijn: list[Point]
    safety_path: str
    lijn_path: str
    gridlines: list[tuple[int, float]]
    ticks: list[tuple[dt.date, float]]
    plot_left: int
    plot_right: int
    plot_bottom: float
    label_x: int
    tick_y: int


def _scale(value: float, lo: float, hi: float, out_lo: float, out_hi: float) -> float:
    if hi == lo:
        return (out_lo + out_hi) / 2
    return out_lo + (value - lo) / (hi - lo) * (out_hi - out_lo)


def score_chart(series: list[tuple[dt.date, int, int]]) -> Chart | None:
    if not series:
        return None
    first, last = series[0][0].toordinal(), series[-1][0].toordinal()
    plot_bottom = HEIGHT - BOTTOM

    def x_of(day: dt.date) -> float:
        return round(_scale(day.toordinal(), first, last, LEFT, WIDTH - RIGHT), 1)

    def y_of(score: int) -> float:
        return round(_scale(score, 0, 10, plot_bottom, TOP), 1)

    safety = [Point(x_of(d), y_of(s), d, s) for d, s, _ in series]
    lijn = [Point(x_of(d), y_of(c), d, c) for d, _, c in series]
    ticks = _month_ticks(series[0][0], series[-1][0], x_of)
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        safety=safety,
        lijn=lijn,
        safety_path=" ".join(f"{p.x},{p.y}" for p in safety),
        lijn_path=" ".join(f"{p.x},{p.y}" for p in lijn),
        gridlines=[(v, y_of(v)) for v in (0, 2, 4, 6, 8, 10)],
        ticks=ticks,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_bottom=plot_bottom,
        label_x=LEFT - 6,
        tick_y=HEIGHT - 8,
    )


def _month_ticks(first: dt.date, last: dt.date, x_of) -> list[tuple[dt.date, float]]:
    """First days of months inside the range, thinned to at most six labels."""
    months = []
    day = first.replace(day=1)
    while day <= last:
        if day >= first:
            months.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    if not months:
        months = [first]
    step = max(1, -(-len(months) // 6))
    return [(m, x_of(m)) for m in months[::step]]
