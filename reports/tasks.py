"""Celery tasks for the periodic reports. Thin: the rules live in services and selectors.

The beat schedule (config/settings/base.py) runs the two dispatchers; each fans
out one `reports.generate` per team (and one for the board) as one Celery group,
so the reports queue's workers make them side by side and one team's failure is
retried on its own and never holds up the others. A generation is
idempotent by its natural key (kind, team, period), so a retried, redelivered
or doubled task makes no second report.

The dispatchers catch up: each run queues every report of the last
REPORTS_CATCH_UP_WEEKS weeks (or _MONTHS months) that a team should have and
that is not made yet, so a lost tick, a stopped beat or a broker that was down
at 06:00 heals at the next run. They run under a PostgreSQL advisory lock
(core.locks), so two dispatches (two beats overlapping in a deploy) run one
after the other. `reports.requeue_stuck` queues again what is bezig too long.
"""

import datetime as dt
import logging

from celery import group, shared_task
from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from accounts.models import Team
from core.locks import advisory_lock
from core.queue import enqueue

from . import selectors, services
from .models import Report, ReportKind, ReportStatus
from .periods import recent_months, recent_weeks

logger = logging.getLogger(__name__)


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


def _fan_out(kind: str, periods: list[tuple[dt.date, dt.date]], *, board: bool) -> int:
    """Queue the reports of `periods` that are not made yet: one per team taking part (and the board's)."""
    with advisory_lock(f"reports.dispatch.{kind}") as held:
        if not held:
            return 0  # another dispatch of this kind is running now and queues the same reports
        kinds = [kind, ReportKind.MONTH_BOARD] if board else [kind]
        starts = [start for start, _end in periods]
        done = set(
            Report.objects.filter(kind__in=kinds, period_start__in=starts, status=ReportStatus.DONE).values_list(
                "kind", "team_id", "period_start"
            )
        )
        missing = []
        for start, end in periods:
            teams = selectors.report_teams(start=start, end=end).order_by("pk").values_list("pk", flat=True)
            wanted = [(kind, team_id) for team_id in teams] + ([(ReportKind.MONTH_BOARD, None)] if board else [])
            missing += [(k, team_id, start.isoformat()) for k, team_id in wanted if (k, team_id, start) not in done]
        return _publish(missing)


def _publish(reports: list[tuple[str, int | None, str]]) -> int:
    """Send one `reports.generate` per report, all in one Celery group; the number sent.

    One message per team: the workers of the reports queue share them out, so
    the whole run takes about teams / workers times one team's report, and one
    team's failure is retried alone. Published together over one connection.
    A broker that cannot take them is logged, not raised (as `core.queue`): the
    next dispatch queues what is still missing. In eager mode (`make run`)
    they run here one by one, each failure logged, so one cannot stop the rest.
    """
    if not reports:
        return 0
    if generate_report.app.conf.task_always_eager:
        return sum(enqueue(generate_report, *args) for args in reports)
    try:
        group(generate_report.si(*args) for args in reports).apply_async()
    except Exception as error:  # kombu/redis connection errors
        logger.warning("%d reports could not be queued (%s); the next dispatch queues them again", len(reports), error)
        return 0
    return len(reports)


@shared_task(name="reports.dispatch_weekly", autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=5)
def dispatch_weekly() -> int:
    """Monday morning: the weekly team reports of the week just ended, and of earlier weeks still missing."""
    weeks = recent_weeks(timezone.localdate(), settings.REPORTS_CATCH_UP_WEEKS)
    return _fan_out(ReportKind.WEEK_TEAM, weeks, board=False)


@shared_task(name="reports.dispatch_monthly", autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=5)
def dispatch_monthly() -> int:
    """The 1st: the monthly team and board reports of the month before, and of earlier months still missing."""
    months = recent_months(timezone.localdate(), settings.REPORTS_CATCH_UP_MONTHS)
    return _fan_out(ReportKind.MONTH_TEAM, months, board=True)


@shared_task(name="reports.requeue_stuck", ignore_result=True)
def requeue_stuck() -> int:
    """Every ten minutes: queue again the reports bezig past REPORTS_STUCK_AFTER_MINUTES."""
    return services.report_requeue_stuck()
