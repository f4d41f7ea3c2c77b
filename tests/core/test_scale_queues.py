"""The Celery queues: every task goes to its queue by the app's own router, and a worker of one queue
runs its tasks while another queue's task waits (a month of reports cannot hold up the e-mail outbox).

The real test runs on Redis database 14 (this suite's own; the other Celery tests use 15) and empties it
before and after.
"""

import time

import pytest
import redis
from celery import Celery
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from config import celery_app
from core.queue import enqueue
from notifications.models import OutgoingEmail, OutgoingEmailStatus
from notifications.services import outgoing_email_queue
from notifications.tasks import send_emails
from reports.tasks import requeue_stuck
from tests.support.outage_support import WAIT

QUEUES = {"default", "reports", "notifications", "mail"}
EXPECTED = {
    "notifications.send_emails": "mail",
    "reports.generate": "reports",
    "reports.dispatch_weekly": "reports",
    "reports.dispatch_monthly": "reports",
    "reports.requeue_stuck": "reports",
    "kwesties.mark_overdue": "notifications",
    "reflection.send_reminders": "notifications",
    "casework.drafts_cleanup": "default",
    "casework.destruction_proposals_create": "default",
    "api.clear_expired_tokens": "default",
    "core.expire_idempotency_keys": "default",
}


def queue_of(name: str) -> str:
    """The queue the app's router gives a task sent by name (what `.delay()` and the beat do)."""
    return celery_app.amqp.router.route({}, name, (), {})["queue"].name


def project_tasks() -> list[str]:
    celery_app.loader.import_default_modules()
    return sorted(name for name in celery_app.tasks if not name.startswith("celery."))


def test_each_task_goes_to_its_queue():
    assert {name: queue_of(name) for name in EXPECTED} == EXPECTED
    assert {name for name in project_tasks()} >= set(EXPECTED)
    # A task added later lands on one of the four queues that docker-compose.yml has workers for.
    assert {queue_of(name) for name in project_tasks()} <= QUEUES
    assert {queue.name for queue in celery_app.conf.task_queues} == QUEUES
    assert celery_app.conf.task_default_queue == "default"


def test_every_beat_entry_names_a_task_on_a_served_queue():
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in celery_app.tasks
        assert queue_of(entry["task"]) in QUEUES


@pytest.fixture
def app_on_14():
    """The project's Celery configuration in an app of its own on Redis database 14.

    Its own app, not the project's app pointed elsewhere: the project's app keeps its broker connections
    for the other Celery tests of this run. The project's tasks (shared tasks) are registered on it too.
    """
    url = settings.REDIS_URL.rsplit("/", 1)[0] + "/14"
    broker = redis.Redis.from_url(url, socket_connect_timeout=3)
    broker.flushdb()
    app = Celery("gezinsgericht-queues-test", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.broker_url = app.conf.result_backend = url
    try:
        yield app, broker
    finally:
        # Celery's test worker made this app the current and default one: give that back to the project's
        # app, which the shared tasks resolve to in every later test.
        celery_app.set_current()
        celery_app.set_default()
        broker.flushdb()
        broker.close()


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_mail_worker_sends_mail_while_a_reports_task_waits_on_its_own_queue(app_on_14, mailoutbox):
    app, broker = app_on_14
    assert app.tasks[send_emails.name] is not celery_app.tasks[send_emails.name]  # bound to the app on db 14
    # Queued first, through the project's one enqueue path: it goes to "reports", where no worker listens.
    assert enqueue(app.tasks[requeue_stuck.name])
    assert broker.llen("reports") == 1
    email = outgoing_email_queue(to_address="gm@example.org", subject="Nieuwe melding", body="Er staat iets klaar.")
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=WAIT, queues=["mail"]):
        assert enqueue(app.tasks[send_emails.name], email_id=email.pk)
        deadline = time.monotonic() + 3 * WAIT
        while OutgoingEmail.objects.get(pk=email.pk).status != OutgoingEmailStatus.SENT:
            assert time.monotonic() < deadline, "the mail worker did not send the message"
            time.sleep(0.1)
    assert [message.subject for message in mailoutbox] == ["Nieuwe melding"]
    # The reports task is still there, untouched by the mail worker; the mail queue is empty.
    assert broker.llen("reports") == 1 and broker.llen("mail") == 0


def test_the_project_app_is_current_again_after_the_worker_on_14():
    from celery import current_app

    assert current_app._get_current_object() is celery_app
