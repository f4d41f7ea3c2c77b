"""A weekly team report made by a real Celery worker on the real Redis.

The worker, its queue and why the test is transactional: tests/support/celery_support.py.
"""

import pytest
from django.utils import timezone

from notifications.models import Notification
from reports.models import Report, ReportKind, ReportStatus
from reports.periods import last_week
from reports.tasks import generate_report
from tests.support.celery_support import run_on, worker_on_own_queue

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker_queue():
    with worker_on_own_queue("reports") as queue:
        yield queue


def test_worker_generates_a_weekly_team_report_once(cast, worker_queue):
    start, end = last_week(timezone.localdate())
    team = cast.family.team

    report_id = run_on(worker_queue, generate_report, ReportKind.WEEK_TEAM, team.pk, start.isoformat())

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
    assert run_on(worker_queue, generate_report, ReportKind.WEEK_TEAM, team.pk, start.isoformat()) == report_id
    assert Report.objects.count() == 1 and Notification.objects.count() == 3
