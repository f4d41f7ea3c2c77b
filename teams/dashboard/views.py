"""Pages of the team dashboard: the team's active families with their signals, and the team figures.

Thin: the team comes from `dashboard_team_choice` (404 for anyone outside the
team), rows and figures from the dashboard selectors. The dashboard shows
family data, so every family on it is written to the access log; the figures
page shows aggregates only and logs nothing.
"""

from django.conf import settings
from django.shortcuts import render

from privacy.services import access_log_record_many

from . import selectors
from .charts import figures_charts
from .forms import DashboardFilterForm
from .rows import dashboard_cells, dashboard_rows_html


def team_dashboard(request):
    team, teams = selectors.dashboard_team_choice(user=request.user, team_id=request.GET.get("team"))
    managers = selectors.dashboard_manager_choices(team=team, user=request.user)
    form = DashboardFilterForm(request.GET or None, managers=managers)
    filters = form.selector_filters()
    rows = selectors.dashboard_rows(team=team, user=request.user, **filters)
    access_log_record_many(
        user=request.user, family_ids=[row.family.pk for row in rows], what="teamdashboard", request=request
    )
    context = {
        "team": team,
        "teams": teams,
        "form": form,
        "filtered": any(filters.values()),
        "rows": rows,
        "rows_html": dashboard_rows_html(dashboard_cells(rows)),
        "signalled": sum(1 for row in rows if row.signals),
        "rules": selectors.dashboard_signal_rules(),
        "discussed_weeks": settings.TEAM_SIGNALS["DISCUSSED_WEEKS"],
    }
    return render(request, "teams/dashboard.html", context)


def team_figures(request):
    team, teams = selectors.dashboard_team_choice(user=request.user, team_id=request.GET.get("team"))
    figures = selectors.dashboard_figures(team=team)
    context = {"team": team, "teams": teams, "figures": figures, "charts": figures_charts(figures)}
    return render(request, "teams/figures.html", context)
