"""The weekly dispatch fanned out to a real Celery worker on the real Redis: N teams, N reports, once.

The worker, its queue and why the test is transactional: tests/support/celery_support.py.
The generations go to the worker's own queue by the task's `queue` option (what
the reports queue's routing does in production).
"""

import pytest
from celery import group
from django.utils import timezone

from reports import tasks
from reports.models import Report, ReportKind, ReportStatus
from reports.periods import last_week
from tests.support.celery_support import RESULT_TIMEOUT, worker_on_own_queue
from tests.support.factories import FamilyFactory, MembershipFactory, TeamFactory

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]

TEAMS = 4


@pytest.fixture
def worker_queue(monkeypatch):
    with worker_on_own_queue("reports-fanout") as queue:
        # Celery caches a task's send options on first use: clear them so the queue below is taken.
        monkeypatch.setattr(tasks.generate_report, "_exec_options", None, raising=False)
        monkeypatch.setattr(tasks.generate_report, "queue", queue, raising=False)
        yield queue


def _wait_for_reports(n: int) -> list[Report]:
    import time

    deadline = time.monotonic() + RESULT_TIMEOUT
    while time.monotonic() < deadline:
        done = list(Report.objects.filter(status=ReportStatus.DONE).order_by("team_id"))
        if len(done) >= n:
            return done
        time.sleep(0.2)
    raise AssertionError(f"{len(done)} of {n} reports made in {RESULT_TIMEOUT} s")


def test_weekly_dispatch_makes_one_report_per_team_and_a_rerun_none_more(worker_queue, settings):
    settings.REPORTS_CATCH_UP_WEEKS = 1  # the week just ended only
    start, _end = last_week(timezone.localdate())
    teams = [TeamFactory(name=f"Team {n}") for n in range(TEAMS)]
    for team in teams:
        MembershipFactory(team=team)
        FamilyFactory(team=team)

    assert tasks.dispatch_weekly() == TEAMS  # one generation per team, in one group
    reports = _wait_for_reports(TEAMS)
    assert [(r.kind, r.team_id, r.period_start, r.attempts) for r in reports] == [
        (ReportKind.WEEK_TEAM, team.pk, start, 1) for team in teams
    ]

    # Everything made: the next dispatch (a second beat) queues nothing.
    assert tasks.dispatch_weekly() == 0

    # The same generations delivered again (a redelivery, a doubled dispatch) find each report made.
    again = group(tasks.generate_report.si(ReportKind.WEEK_TEAM, team.pk, start.isoformat()) for team in teams)
    result = again.apply_async()
    try:
        assert result.get(timeout=RESULT_TIMEOUT) == [r.pk for r in reports]
    finally:
        result.forget()
    assert Report.objects.count() == TEAMS
    assert list(Report.objects.order_by("team_id").values_list("attempts", flat=True)) == [1] * TEAMS
