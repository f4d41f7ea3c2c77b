"""The overdue task run by a real Celery worker against the real Redis.

The worker runs in this process, in a thread with its own database connection:
hence `transaction=True`, so the rows the test writes are committed and visible
to it. Each test run consumes a queue of its own on the test Redis database, so
two test runs at once never pick up each other's tasks.
"""

import datetime as dt
import uuid

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.utils import timezone

from config import celery_app
from kwesties import services
from kwesties.models import EventKind, Kwestie, KwestieEvent, Level
from kwesties.tasks import mark_overdue
from notifications.models import Notification

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]

RESULT_TIMEOUT = 30  # seconds; a stuck worker fails the test instead of hanging it


@pytest.fixture
def worker_queue():
    """A real worker on a fresh queue; stopped and the queue removed afterwards."""
    assert not celery_app.conf.task_always_eager
    assert celery_app.conf.broker_url.startswith("redis://")
    queue = f"test-kwesties-{uuid.uuid4().hex}"
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
        # The queue, its bindings and any message a failed run left: every key with this run's name.
        broker = redis.Redis.from_url(celery_app.conf.broker_url, socket_connect_timeout=3)
        for key in broker.scan_iter(match=f"*{queue}*"):
            broker.delete(key)
        broker.close()


def _run(queue: str) -> int:
    result = mark_overdue.apply_async(queue=queue)  # .delay(), on this run's own queue
    try:
        return result.get(timeout=RESULT_TIMEOUT)
    finally:
        result.forget()


def test_worker_marks_overdue_kwestie_and_notifies_owner_once(cast, settings, worker_queue):
    settings.KWESTIE_LEVEL_DAYS = {"team": 14, "teamleider": 28, "bestuur": 91}
    cast.teamleider.email = "teamleider@example.invalid"
    cast.teamleider.save(update_fields=["email"])
    kwestie = services.kwestie_raise(
        actor=cast.worker,
        title="Wachtlijst GGZ",
        blocks="Sanne wacht op traumabehandeling.",
        kind="wachtlijst",
        families=[cast.family],
    )
    kwestie = services.kwestie_escalate(actor=cast.worker, kwestie=kwestie, reason="Zelf niet op te lossen")
    assert (kwestie.level, kwestie.owner) == (Level.TEAM, cast.teamleider)
    Kwestie.objects.filter(pk=kwestie.pk).update(level_since=timezone.now() - dt.timedelta(days=15))
    fresh = services.kwestie_escalate(
        actor=cast.worker,
        kwestie=services.kwestie_raise(actor=cast.worker, title="Formulier", blocks="Dubbel werk", kind="procedure"),
        reason="Team",
    )  # at team level, but within its 14 days: not overdue

    assert _run(worker_queue) == 1

    kwestie.refresh_from_db()
    assert kwestie.overdue_since is not None
    assert KwestieEvent.objects.filter(kwestie=kwestie, kind=EventKind.OVERDUE).count() == 1
    fresh.refresh_from_db()
    assert fresh.overdue_since is None
    notification = Notification.objects.get()
    assert notification.user == cast.teamleider
    assert notification.text == "Kwestie 'Wachtlijst GGZ' is over tijd op niveau team"
    assert notification.url == f"/kwesties/{kwestie.pk}/"
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["teamleider@example.invalid"]
    assert "Wachtlijst GGZ" in email.body
    assert "De Vries" not in email.subject + email.body  # e-mail never names a family

    # A second (or retried, or doubled) run marks nothing and notifies nobody again.
    assert _run(worker_queue) == 0
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1
