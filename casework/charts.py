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


@dataclass
class Chart:
    width: int
    height: int
    safety: list[Point]
    lijn: list[Point]
    safety_path: str
    lijn_path: str
    gridlines: list[tuple[int, float]]
    ticks: list[tuple[str, float]]
    plot_left: int
    plot_right: int
    plot_bottom: float


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
    ticks = []
    seen = set()
    for day, _s, _c in series:
        label = day.strftime("%m-%Y")
        if label not in seen:
            seen.add(label)
            ticks.append((label, x_of(day.replace(day=max(1, day.day)))))
    step = max(1, len(ticks) // 6)
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        safety=safety,
        lijn=lijn,
        safety_path=" ".join(f"{p.x},{p.y}" for p in safety),
        lijn_path=" ".join(f"{p.x},{p.y}" for p in lijn),
        gridlines=[(v, y_of(v)) for v in (0, 2, 4, 6, 8, 10)],
        ticks=ticks[::step],
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_bottom=plot_bottom,
    )
