"""Notifications: stored for one user with its e-mail in the outbox; sent by the outbox sender.

A refused address is recorded on its row and retried later, never raised; the rest still go.
"""

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

from notifications.models import Notification, OutgoingEmail, OutgoingEmailStatus
from notifications.selectors import notification_list_for_user
from notifications.services import notification_send, outgoing_emails_send_due
from tests.support.factories import UserFactory


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses every recipient."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({m.to[0]: (550, b"No such user") for m in email_messages})


@pytest.fixture
def user(db):
    return UserFactory(email="gm@example.invalid")


def test_notification_is_stored_and_emailed_once_through_the_outbox(user):
    notification = notification_send(
        user=user,
        text="Kwestie 'Wachtlijst' is over tijd op niveau team",
        url="/kwesties/1/",
        email_subject="Over tijd",
    )
    assert Notification.objects.get() == notification
    assert (notification.user, notification.url, notification.read_at) == (user, "/kwesties/1/", None)
    queued = OutgoingEmail.objects.get()
    assert (queued.notification, queued.status, queued.attempts) == (notification, OutgoingEmailStatus.PENDING, 0)
    assert mail.outbox == []  # not sent by the request: by the sender

    assert outgoing_emails_send_due() == 1
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["gm@example.invalid"]
    assert email.subject == "Over tijd"
    assert email.body.startswith("Kwestie 'Wachtlijst' is over tijd op niveau team")
    assert "/kwesties/1/" in email.body
    assert email.extra_headers["Message-ID"] == queued.message_id and queued.message_id.startswith("<")
    queued.refresh_from_db()
    assert (queued.status, queued.attempts, queued.sent_at is not None) == (OutgoingEmailStatus.SENT, 1, True)
    assert outgoing_emails_send_due() == 0 and len(mail.outbox) == 1  # sent once


def test_the_sender_is_queued_after_commit_and_nothing_after_rollback(
    user, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from notifications import tasks

    settings.EMAIL_OUTBOX_SEND_ON_COMMIT = True
    queued = []
    monkeypatch.setattr(tasks.send_emails, "delay", lambda **kwargs: queued.append(kwargs))
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notification_send(user=user, text="Wordt teruggedraaid")
        raise RuntimeError
    assert callbacks == [] and queued == []
    assert not Notification.objects.exists() and not OutgoingEmail.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        notification_send(user=user, text="Blijft")
    assert queued == [{"email_id": OutgoingEmail.objects.get().pk}]


def test_a_broker_that_is_down_does_not_fail_the_notification(
    user, settings, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from notifications import tasks

    settings.EMAIL_OUTBOX_SEND_ON_COMMIT = True

    def broker_down(**kwargs):
        raise OSError("Connection refused")

    monkeypatch.setattr(tasks.send_emails, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(user=user, text="Toch bewaard")
    assert OutgoingEmail.objects.get().status == OutgoingEmailStatus.PENDING
    assert "could not be queued" in caplog.text
    assert outgoing_emails_send_due() == 1 and len(mail.outbox) == 1  # the sweep sends it


def test_user_without_email_gets_the_notification_in_app_only(db):
    nobody = UserFactory(email="")
    notification_send(user=nobody, text="Alleen in de applicatie")
    assert Notification.objects.filter(user=nobody).count() == 1
    assert not OutgoingEmail.objects.exists()
    assert outgoing_emails_send_due() == 0 and mail.outbox == []


def test_a_refused_message_keeps_its_error_and_next_attempt_and_the_rest_still_go(user, caplog, settings):
    # One settings mechanism per test: override_settings and the fixture undo each other out of order.
    settings.EMAIL_BACKEND = "tests.notifications.test_notifications.RefusingBackend"
    settings.EMAIL_OUTBOX_BACKOFF_SECONDS = 60
    other = UserFactory(email="teamleider@example.invalid")
    first = notification_send(user=user, text="Eerste melding")
    second = notification_send(user=other, text="Tweede melding")
    before = timezone.now()
    assert outgoing_emails_send_due() == 0
    rows = OutgoingEmail.objects.filter(notification__in=[first, second])
    assert [(r.status, r.attempts, r.last_error) for r in rows] == [
        (OutgoingEmailStatus.PENDING, 1, "SMTPRecipientsRefused")
    ] * 2
    for row in rows:  # the first retry waits the base wait, 60 s
        assert 59 <= (row.next_attempt_at - before).total_seconds() <= 61
    assert "gm@example.invalid" not in caplog.text
    assert outgoing_emails_send_due() == 0 and rows.filter(attempts=1).count() == 2  # not due yet: not tried


def test_backoff_doubles_and_the_last_attempt_gives_up(user, settings):
    from notifications.services import outgoing_email_retry_wait, outgoing_email_send

    settings.EMAIL_OUTBOX_BACKOFF_SECONDS, settings.EMAIL_OUTBOX_BACKOFF_MAX_SECONDS = 60, 600
    assert [outgoing_email_retry_wait(attempts=n).total_seconds() for n in range(1, 6)] == [60, 120, 240, 480, 600]
    settings.EMAIL_OUTBOX_MAX_ATTEMPTS = 3
    settings.EMAIL_BACKEND = "tests.notifications.test_notifications.RefusingBackend"
    notification_send(user=user, text="Komt nooit aan")
    email = OutgoingEmail.objects.get()
    for _ in range(3):
        OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
        assert outgoing_email_send(email_id=email.pk) is False
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (
        OutgoingEmailStatus.GIVEN_UP,
        3,
        "SMTPRecipientsRefused",
    )
    assert outgoing_emails_send_due() == 0


def test_beheer_sees_the_outbox_read_only(client, cast):
    from django.urls import reverse

    cast.worker.email = "gm@example.invalid"
    cast.worker.save(update_fields=["email"])
    notification_send(user=cast.worker, text="Er staat een nieuwe rapportage klaar")
    email = OutgoingEmail.objects.get()
    client.force_login(cast.beheer)
    listing = client.get(reverse("admin:notifications_outgoingemail_changelist"))
    assert listing.status_code == 200 and "wachtend" in listing.content.decode()
    assert client.get(reverse("admin:notifications_outgoingemail_change", args=[email.pk])).status_code == 200
    assert client.get(reverse("admin:notifications_outgoingemail_add")).status_code == 403
    client.force_login(cast.teamleider)
    assert client.get(reverse("admin:notifications_outgoingemail_changelist")).status_code == 302


def test_list_for_user_shows_only_their_own_and_filters_unread(user):
    other = UserFactory()
    read = notification_send(user=user, text="Gelezen")
    Notification.objects.filter(pk=read.pk).update(read_at=timezone.now())
    unread = notification_send(user=user, text="Nieuw")
    notification_send(user=other, text="Van een ander")
    assert list(notification_list_for_user(user=user)) == [unread, read]
    assert list(notification_list_for_user(user=user, unread_only=True)) == [unread]


def test_the_notification_list_shows_only_mine_and_marks_them_read(client, cast):
    from django.urls import reverse

    from notifications.models import Notification
    from notifications.services import notification_send

    notification_send(user=cast.worker, text="Kwestie 'Wachtlijst' is over tijd op niveau team", url="/kwesties/1/")
    notification_send(user=cast.colleague, text="Niet voor u")
    client.force_login(cast.worker)
    page = client.get(reverse("casework:my_families")).content.decode()
    assert 'class="badge">1' in page
    html = client.get(reverse("notifications")).content.decode()
    assert "Wachtlijst" in html and "Niet voor u" not in html
    assert not Notification.objects.filter(user=cast.worker, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=cast.colleague, read_at__isnull=True).exists()


def test_under_eager_tasks_the_outbox_is_sent_in_process_at_commit(user, settings, django_capture_on_commit_callbacks):
    """`make run` (SQLite, CELERY_TASK_ALWAYS_EAGER): no worker, the sender runs at commit in this process."""
    from config import celery_app

    settings.EMAIL_OUTBOX_SEND_ON_COMMIT = True
    celery_app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            notification_send(user=user, text="Meteen verstuurd")
    finally:
        celery_app.conf.task_always_eager = False
    assert OutgoingEmail.objects.get().status == OutgoingEmailStatus.SENT and len(mail.outbox) == 1
