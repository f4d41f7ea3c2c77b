"""Reads of the teams app, one import path for views, API views and tasks.

The team dashboard's selectors live in `selectors_dashboard` (families and
signals) and `selectors_figures` (team figures) and are re-exported here.
The team sessions' selectors live in `selectors_sessions` and are re-exported
the same way.
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

# --- team sessions (teams/selectors_sessions.py) -----------------------------------------
from .selectors_sessions import (
    action_get_for_user,
    decision_get_for_user,
    decisions_for_family,
    discussion_get,
    open_actions_for_user,
    session_candidates,
    session_discussions,
    session_family_choices,
    session_get_for_user,
    session_list_for_user,
    session_team_members,
    upcoming_session_for_team,
)

__all__ = [
    "ANY_SIGNAL",
    "DashboardRow",
    "Signal",
    "SignalCode",
    "TeamFigures",
    "action_get_for_user",
    "dashboard_candidates",
    "dashboard_figures",
    "dashboard_manager_choices",
    "dashboard_phase_norms",
    "dashboard_rows",
    "dashboard_signal_rules",
    "dashboard_team_choice",
    "dashboard_team_for_user",
    "decision_get_for_user",
    "decisions_for_family",
    "discussion_get",
    "open_actions_for_user",
    "session_candidates",
    "session_discussions",
    "session_family_choices",
    "session_get_for_user",
    "session_list_for_user",
    "session_team_members",
    "upcoming_session_for_team",
]
