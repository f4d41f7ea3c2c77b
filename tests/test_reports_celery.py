"""A weekly team report made by a real Celery worker on the real Redis.

The same pattern as tests/test_celery_integration.py: the worker runs in this
process, in a thread with its own database connection (hence `transaction=True`,
so the rows the test writes are committed and visible to it), consuming a queue
of its own on the test Redis database (15).
"""

import uuid

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.utils import timezone

from config import celery_app
from notifications.models import Notification
from reports.models import Report, ReportKind, ReportStatus
from reports.periods import last_week
from reports.tasks import generate_report

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]

RESULT_TIMEOUT = 30  # seconds; a stuck worker fails the test instead of hanging it


@pytest.fixture
def worker_queue():
    """A real worker on a fresh queue; stopped and the queue removed afterwards."""
    assert not celery_app.conf.task_always_eager
    assert celery_app.conf.broker_url.startswith("redis://")
    queue = f"test-reports-{uuid.uuid4().hex}"
    try:
        with start_worker(
            celery_app,
            pool="solo",
            perform_ping_check=False,
            shutdown_timeout=20,
            loglevel="WARNING",
            queues=[queue],
        ):
            yield queue
    finally:
        broker = redis.Redis.from_url(celery_app.conf.broker_url, socket_connect_timeout=3)
        for key in broker.scan_iter(match=f"*{queue}*"):
            broker.delete(key)
        broker.close()


def _run(queue: str, *args) -> int:
    result = generate_report.apply_async(args=args, queue=queue)
    try:
        return result.get(timeout=RESULT_TIMEOUT)
    finally:
        result.forget()


def test_worker_generates_a_weekly_team_report_once(cast, worker_queue):
    start, end = last_week(timezone.localdate())
    team = cast.family.team

    report_id = _run(worker_queue, ReportKind.WEEK_TEAM, team.pk, start.isoformat())

    report = Report.objects.get(pk=report_id)
    assert (report.kind, report.team, report.period_start, report.period_end) == (
        ReportKind.WEEK_TEAM,
        team,
        start,
        end,
    )
    assert report.status == ReportStatus.DONE and report.attempts == 1
    assert report.data["team"] == "Team Noord" and report.data["figures"]["active_families"] == 1
    assert sorted(Notification.objects.values_list("user__username", flat=True)) == [
        "colleague",
        "teamleider",
        "worker",
    ]

    # A second (retried, doubled) task finds the report made and changes nothing.
    assert _run(worker_queue, ReportKind.WEEK_TEAM, team.pk, start.isoformat()) == report_id
    assert Report.objects.count() == 1 and Notification.objects.count() == 3
