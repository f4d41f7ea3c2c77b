"""Redis down: a page that queues a task answers in normal time, and the task runs once Redis is back.

The broker is a redis-server of the test's own on a free port (tests/support/outage_support.py), stopped
and started again mid-test; the machine's Redis is never touched. Before the broker settings in
config/settings/base.py ("Celery"), this POST waited some 20 seconds and then failed.
"""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.urls import reverse
from django.utils import timezone

from reports import services
from reports.models import Report, ReportKind, ReportStatus
from reports.periods import last_month
from tests.support.outage_support import WAIT, celery_broker, own_redis

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


def test_retry_with_redis_down_answers_at_once_and_the_sweeper_queues_it_when_redis_is_back(cast, client, monkeypatch):
    start, _end = last_month(timezone.localdate())

    def broken(**kwargs):
        raise ValueError("kapot")

    monkeypatch.setattr(services, "report_build_data", broken)
    with pytest.raises(ValueError):
        services.report_generate(kind=ReportKind.MONTH_TEAM, team=cast.family.team, period_start=start)
    monkeypatch.undo()
    report = Report.objects.get()
    client.force_login(cast.beheer)

    with own_redis() as redis_server, celery_broker(redis_server.url) as app:
        redis_server.stop()
        began = time.monotonic()
        response = client.post(reverse("reports:retry", args=[report.pk]))
        took = time.monotonic() - began
        assert response.status_code == 302 and took < 2, f"the retry page took {took:.1f} s with Redis down"
        report.refresh_from_db()
        assert report.status == ReportStatus.BUSY  # asked for and kept; its task was never queued
        assert "opnieuw aangevraagd, nog niet gemaakt" in client.get(reverse("reports:failed")).content.decode()

        redis_server.start()
        # The reports' queue (it is our own Redis), named: an earlier in-process worker narrowed the app's set.
        queues = [app.amqp.router.route({}, "reports.generate", (), {})["queue"].name]
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=WAIT, queues=queues):
            assert services.report_requeue_stuck() == 1  # the sweeper, as the beat runs it
            deadline = time.monotonic() + 3 * WAIT
            while Report.objects.get().status != ReportStatus.DONE:
                assert time.monotonic() < deadline, "the report was not made after Redis came back"
                time.sleep(0.1)
    assert Report.objects.get().error == ""
