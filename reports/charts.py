"""SVG charts of a stored report, drawn from its frozen data only (never from live data).

The drawing itself is core.charts, as for the team figures: same shapes, same
CSS classes, same table of numbers under every chart.
"""

import datetime as dt
from collections.abc import Callable

from django.utils.translation import gettext as _

from core.charts import BarChart, Series, caseload_chart, row_chart, score_distribution_charts

from .models import ReportKind


def _date(value: str) -> str:
    return f"{dt.date.fromisoformat(value):%d-%m-%Y}"


def _score_charts(*, now: dict, then: dict | None, now_label: str, then_label: str = "") -> dict[str, BarChart]:
    return score_distribution_charts(
        now=now,
        then=then,
        now_label=now_label,
        then_label=then_label,
        desc=_("Laatste score van ieder actief gezin per waarde 0 tot en met 10."),
    )


def _caseload(rows: list[dict]) -> BarChart:
    return caseload_chart(names=[r["name"] for r in rows], families=[r["families"] for r in rows])


def _week(data: dict) -> dict[str, BarChart]:
    f = data["figures"]
    charts = _score_charts(
        now=f["scores_now"],
        then=f["scores_then"],
        now_label=_("stand %(date)s") % {"date": _date(f["scores_now"]["on"])},
        then_label=_("3 maanden eerder (%(date)s)") % {"date": _date(f["scores_then"]["on"])},
    )
    if f["caseload"]:
        charts["caseload"] = _caseload(f["caseload"])
    phases = f["phases"]
    charts["fasen"] = row_chart(
        key="grafiek-fasen",
        title=_("Mediaan aantal dagen per fase"),
        desc=_("Afgeronde periodes van de laatste twaalf maanden (dicht) en gezinnen nu in de fase (open)."),
        category_header=_("Fase"),
        categories=[p["label"] for p in phases],
        series=[
            Series("series-0", _("afgeronde periodes, mediaan dagen"), [p["completed_median"] for p in phases]),
            Series("series-1", _("nu in deze fase, mediaan dagen"), [p["current_median"] for p in phases]),
        ],
        marker=Series("marker", _("norm (dagen)"), [p["norm"] for p in phases]),
    )
    return charts


def _phase_chart(phases: list[dict]) -> BarChart:
    return row_chart(
        key="grafiek-fasen",
        title=_("Gemiddeld aantal dagen per fase"),
        desc=_("Periodes afgerond in de maand (dicht) en gezinnen aan het eind van de maand in de fase (open)."),
        category_header=_("Fase"),
        categories=[p["label"] for p in phases],
        series=[
            Series("series-0", _("afgerond in de maand, gemiddeld dagen"), [p["completed_days"] for p in phases]),
            Series("series-1", _("in de fase aan het eind, gemiddeld dagen"), [p["current_days"] for p in phases]),
        ],
        table_only=[
            Series("", _("afgeronde periodes"), [p["completed"] for p in phases]),
            Series("", _("gezinnen in de fase"), [p["current"] for p in phases]),
        ],
    )


def _month(data: dict) -> dict[str, BarChart]:
    t = data["team_figures"]
    charts = _score_charts(now=t["scores"], then=None, now_label=_("eind van de maand"))
    if t["load"].get("per_worker"):
        charts["caseload"] = _caseload(t["load"]["per_worker"])
    charts["fasen"] = _phase_chart(t["phases"])
    return charts


def _board(data: dict) -> dict[str, BarChart]:
    teams = data["teams"]
    charts = _score_charts(now=data["totals"]["scores"], then=None, now_label=_("alle teams, eind van de maand"))
    if teams:
        names = [t["team"] for t in teams]
        charts["gezinnen"] = row_chart(
            key="grafiek-gezinnen",
            title=_("Actieve gezinnen per team"),
            desc=_("Actieve gezinnen aan het eind van de maand, per team op naam."),
            category_header=_("Team"),
            categories=names,
            series=[Series("series-0", _("actieve gezinnen"), [t["families"]["active"] for t in teams])],
        )
        charts["kwesties"] = row_chart(
            key="grafiek-kwesties",
            title=_("Kwesties in de maand per team"),
            desc=_("Ingebracht (dicht) en opgelost (open) in de maand, per team op naam."),
            category_header=_("Team"),
            categories=names,
            series=[
                Series("series-0", _("ingebracht"), [t["kwesties"]["raised"] for t in teams]),
                Series("series-1", _("opgelost"), [t["kwesties"]["solved"] for t in teams]),
            ],
        )
    return charts


def report_charts(*, kind: str, data: dict) -> dict[str, BarChart]:
    draw: dict[str, Callable[[dict], dict[str, BarChart]]] = {
        ReportKind.WEEK_TEAM: _week,
        ReportKind.MONTH_TEAM: _month,
        ReportKind.MONTH_BOARD: _board,
    }
    return draw[kind](data)
