"""The team figures page's charts: what to draw from `TeamFigures` (the drawing is core.charts)."""

from django.utils import formats
from django.utils.translation import gettext as _

from core.charts import (
    BarChart,
    Series,
    caseload_chart,
    column_chart,
    month_ticks,
    row_chart,
    score_distribution_charts,
)

from .figures import TeamFigures


def figures_charts(figures: TeamFigures) -> dict[str, BarChart]:
    """Every chart of the team figures page, by name."""
    now, then = figures.scores_now, figures.scores_then
    now_label = _("nu (%(date)s)") % {"date": f"{now.on:%d-%m-%Y}"}
    then_label = _("3 maanden eerder (%(date)s)") % {"date": f"{then.on:%d-%m-%Y}"}
    charts = {
        "caseload": caseload_chart(
            names=[str(c.manager) for c in figures.caseload], families=[c.families for c in figures.caseload]
        ),
    }
    charts |= score_distribution_charts(
        now={"safety": now.safety, "lijn": now.lijn},
        then={"safety": then.safety, "lijn": then.lijn},
        now_label=now_label,
        then_label=then_label,
        desc=_("Laatste score van ieder actief gezin, nu (dichte staven) en drie maanden eerder (open staven)."),
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
        ticks=month_ticks(months),
    )
    return charts
