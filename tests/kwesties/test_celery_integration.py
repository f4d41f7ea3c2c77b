"""The overdue task run by a real Celery worker against the real Redis.

The worker, its queue and why the test is transactional: tests/support/celery_support.py.
"""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from kwesties import services
from kwesties.models import EventKind, Kwestie, KwestieEvent, Level
from kwesties.tasks import mark_overdue
from notifications.models import Notification
from notifications.tasks import send_emails
from tests.support.celery_support import run_on, worker_on_own_queue

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker_queue():
    with worker_on_own_queue("kwesties") as queue:
        yield queue


def test_worker_marks_overdue_kwestie_and_notifies_owner_once(cast, settings, worker_queue):
    settings.KWESTIE_LEVEL_DAYS = {"team": 14, "teamleider": 28, "bestuur": 91}
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
    # The escalations' own notices are tests/kwesties/test_kwestie_notices.py's: here only the overdue one.
    Notification.objects.all().delete()
    cast.teamleider.email = "teamleider@example.invalid"
    cast.teamleider.save(update_fields=["email"])

    assert run_on(worker_queue, mark_overdue) == 1

    kwestie.refresh_from_db()
    assert kwestie.overdue_since is not None
    assert KwestieEvent.objects.filter(kwestie=kwestie, kind=EventKind.OVERDUE).count() == 1
    fresh.refresh_from_db()
    assert fresh.overdue_since is None
    notification = Notification.objects.get()
    assert notification.user == cast.teamleider
    assert notification.text == "Kwestie 'Wachtlijst GGZ' is over tijd op niveau team"
    assert notification.url == f"/kwesties/{kwestie.pk}/"
    assert run_on(worker_queue, send_emails) == 1  # the outbox sender, as the beat runs it
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["teamleider@example.invalid"]
    assert "Wachtlijst GGZ" in email.body
    assert "De Vries" not in email.subject + email.body  # e-mail never names a family

    # A second (or retried, or doubled) run marks nothing and notifies nobody again.
    assert run_on(worker_queue, mark_overdue) == 0
    assert run_on(worker_queue, send_emails) == 0
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1
