"""Celery tasks for the periodic reports. Thin: the rules live in services.report_generate.

The beat schedule (config/settings/base.py) runs the two dispatchers; each fans
out one `reports.generate` per team (and one for the board), so one team's
failure is retried on its own and never holds up the others. A generation is
idempotent, so a retried or doubled task makes no second report.
"""

import datetime as dt

from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone

from accounts.models import Team

from . import selectors, services
from .models import ReportKind
from .periods import last_month, last_week


@shared_task(
    bind=True,
    name="reports.generate",
    autoretry_for=(Exception,),
    # 30 s, 60 s, 120 s ... up to 30 minutes. No jitter: Celery's "full jitter" draws the wait from 0 up to
    # the backoff, so a failed report could be retried at once against the same failing database or disk.
    retry_backoff=30,
    retry_backoff_max=1800,
    retry_jitter=False,
    max_retries=5,
)
def generate_report(self, kind: str, team_id: int | None, period_start: str) -> int:
    """Make one report; returns its id. Every failure is stored on the report first, then retried."""
    team = Team.objects.get(pk=team_id) if team_id is not None else None
    report = services.report_generate(kind=kind, team=team, period_start=dt.date.fromisoformat(period_start))
    return report.pk


def _fan_out(kind: str, start: dt.date, end: dt.date, *, board: bool) -> int:
    """One task per team that still takes part in the period (see selectors.report_teams)."""
    team_ids = list(selectors.report_teams(start=start, end=end).order_by("pk").values_list("pk", flat=True))
    for team_id in team_ids:
        generate_report.delay(kind, team_id, start.isoformat())
    if board:
        generate_report.delay(ReportKind.MONTH_BOARD, None, start.isoformat())
    return len(team_ids) + board


@shared_task(name="reports.dispatch_weekly", autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=5)
def dispatch_weekly() -> int:
    """Monday morning: the weekly team report of the week that has just ended, per team."""
    start, end = last_week(timezone.localdate())
    return _fan_out(ReportKind.WEEK_TEAM, start, end, board=False)


@shared_task(name="reports.dispatch_monthly", autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=5)
def dispatch_monthly() -> int:
    """The 1st of the month: the monthly report of the month before, per team and for the board."""
    start, end = last_month(timezone.localdate())
    return _fan_out(ReportKind.MONTH_TEAM, start, end, board=True)
