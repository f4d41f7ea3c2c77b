"""Reads of the teams app, one import path for views, API views and tasks.

The team dashboard's selectors live in `selectors_dashboard` (families and
signals) and `selectors_figures` (team figures) and are re-exported here.
Session selectors may be added below this block, or kept in their own module
and re-exported the same way.
"""

# --- team dashboard (teams/selectors_dashboard.py, teams/selectors_figures.py) ---------
from .selectors_dashboard import (
    ANY_SIGNAL,
    DashboardRow,
    Signal,
    SignalCode,
    dashboard_candidates,
    dashboard_manager_choices,
    dashboard_phase_norms,
    dashboard_rows,
    dashboard_signal_rules,
    dashboard_team_choice,
    dashboard_team_for_user,
)
from .selectors_figures import TeamFigures, dashboard_figures

__all__ = [
    "ANY_SIGNAL",
    "DashboardRow",
    "Signal",
    "SignalCode",
    "TeamFigures",
    "dashboard_candidates",
    "dashboard_figures",
    "dashboard_manager_choices",
    "dashboard_phase_norms",
    "dashboard_rows",
    "dashboard_signal_rules",
    "dashboard_team_choice",
    "dashboard_team_for_user",
]

# --- team sessions ---------------------------------------------------------------------
