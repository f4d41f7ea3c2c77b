"""A worker killed (SIGKILL) halfway through a report: the report is made once, by another worker.

Real workers in subprocesses (tests/support/blocking_worker.py) on a Redis
server of the test's own (free port, stopped afterwards), so the short
visibility timeout given to the second worker cannot touch anyone else's
queues. Two ways heal it, both exercised: the broker hands the unacknowledged
task to the next worker after the visibility timeout (acks_late), and the
stuck-report sweeper queues it again. Either way: exactly one report.
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from reports import services
from reports.models import Report, ReportEvent, ReportEventKind, ReportKind, ReportStatus
from reports.periods import last_week
from reports.tasks import generate_report
from tests.support.outage_support import WAIT, celery_broker, own_redis

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


def _worker(marker: str, broker_url: str, **env: str) -> subprocess.Popen:
    db = connection.settings_dict
    login = f"{db['USER']}:{db['PASSWORD']}" if db["PASSWORD"] else db["USER"]
    database_url = f"postgres://{login}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
        "CELERY_RESULT_BACKEND": broker_url,
        **env,
    }
    command = [sys.executable, "-m", "tests.support.blocking_worker", marker]
    return subprocess.Popen(command, cwd=ROOT, env=environment)  # noqa: S603


def _wait_for(condition, what: str, timeout: float = 3 * WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def test_a_report_whose_worker_was_killed_is_made_once_by_the_next(cast, client, monkeypatch):
    start, _end = last_week(timezone.localdate())
    team = cast.family.team
    marker = Path(tempfile.mkdtemp(prefix="test-worker-")) / "halfway"
    with own_redis() as redis_server, celery_broker(redis_server.url):
        first = _worker(str(marker), redis_server.url)
        second = None
        try:
            generate_report.delay(ReportKind.WEEK_TEAM, team.pk, start.isoformat())
            _wait_for(marker.exists, "the first worker to start the report")
            delivered_at = time.monotonic()
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=WAIT)

            # Left behind: the report bezig since its start, its generation rolled back with the worker.
            report = Report.objects.get()
            assert report.status == ReportStatus.BUSY and report.busy_since is not None
            assert not ReportEvent.objects.filter(kind=ReportEventKind.GENERATED).exists()
            monkeypatch.setattr(settings, "REPORTS_STUCK_AFTER_MINUTES", 0)
            client.force_login(cast.beheer)
            assert "vastgelopen: bezig sinds" in client.get(reverse("reports:failed")).content.decode()

            # The sweeper queues it again; the next worker (short visibility timeout) also gets the
            # unacknowledged task back from the broker. Two tasks for one report.
            assert services.report_requeue_stuck() == 1
            time.sleep(max(0.0, 2.5 - (time.monotonic() - delivered_at)))
            second = _worker("-", redis_server.url, CELERY_VISIBILITY_TIMEOUT="2")
            _wait_for(lambda: Report.objects.filter(status=ReportStatus.DONE).exists(), "the second worker to make it")
            # Both tasks done: the swept one and the one the broker gave back (nothing queued or unacked).
            broker = redis.Redis.from_url(redis_server.url)
            _wait_for(lambda: broker.llen("reports") == 0 and broker.hlen("unacked") == 0, "both tasks to run")
            broker.close()
        finally:
            for worker in (first, second):
                if worker is not None and worker.poll() is None:
                    worker.terminate()
                    worker.wait(timeout=WAIT)

    report = Report.objects.get()
    assert (report.kind, report.team_id, report.period_start) == (ReportKind.WEEK_TEAM, team.pk, start)
    assert report.status == ReportStatus.DONE and report.attempts == 1
    assert ReportEvent.objects.filter(kind=ReportEventKind.GENERATED).count() == 1
    assert Notification.objects.count() == 3  # its readers, told once
