"""Two workers making the same report at the same moment end with one report, made once, its readers told once.

Real concurrency needs real transactions and a connection per thread
(`transaction=True`): each thread runs `report_generate` as a Celery worker
would. The build is slowed down so the second run arrives while the first
holds the row: it waits on the row (or on the unique index for a row not yet
committed) and then finds the report made.
"""

import threading
import time

import pytest
from django.db import connections
from django.utils import timezone

from notifications.models import Notification
from reports import services
from reports.models import Report, ReportEvent, ReportEventKind, ReportKind, ReportStatus
from reports.periods import last_month, last_week

pytestmark = pytest.mark.django_db(transaction=True)


def _race(monkeypatch, **kwargs) -> list:
    build = services.report_build_data
    builds = []

    def slow_build(**kw):
        builds.append(threading.get_ident())
        time.sleep(0.5)
        return build(**kw)

    monkeypatch.setattr(services, "report_build_data", slow_build)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            barrier.wait(timeout=10)
            results.append(services.report_generate(**kwargs).pk)
        except Exception as error:  # reported below; a thread must not swallow it
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors, errors
    assert len(results) == 2 and results[0] == results[1]
    return builds


@pytest.mark.parametrize("kind", [ReportKind.WEEK_TEAM, ReportKind.MONTH_BOARD], ids=["team", "board"])
def test_two_workers_at_once_make_one_report(cast, monkeypatch, kind):
    today = timezone.localdate()
    start = last_week(today)[0] if kind == ReportKind.WEEK_TEAM else last_month(today)[0]
    team = cast.family.team if kind == ReportKind.WEEK_TEAM else None
    builds = _race(monkeypatch, kind=kind, team=team, period_start=start)
    assert len(builds) == 1  # the second found it made and did not compute it again
    report = Report.objects.get()
    assert (report.status, report.attempts) == (ReportStatus.DONE, 1)
    assert list(ReportEvent.objects.values_list("kind", flat=True)) == [ReportEventKind.GENERATED]
    readers = 3 if kind == ReportKind.WEEK_TEAM else 1
    assert Notification.objects.count() == readers


def test_two_retries_of_a_failed_report_at_once_make_it_once(cast, monkeypatch):
    """The row exists (mislukt): only its lock keeps the second run from computing and notifying again."""
    start = last_month(timezone.localdate())[0]
    team = cast.family.team
    with monkeypatch.context() as m:
        m.setattr(services, "report_build_data", lambda **kw: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            services.report_generate(kind=ReportKind.MONTH_TEAM, team=team, period_start=start)
    assert Report.objects.get().status == ReportStatus.FAILED
    builds = _race(monkeypatch, kind=ReportKind.MONTH_TEAM, team=team, period_start=start)
    assert len(builds) == 1
    report = Report.objects.get()
    assert (report.status, report.attempts, report.error) == (ReportStatus.DONE, 2, "")
    assert list(ReportEvent.objects.values_list("kind", flat=True)) == [
        ReportEventKind.FAILED,
        ReportEventKind.GENERATED,
    ]
    assert Notification.objects.count() == 3
