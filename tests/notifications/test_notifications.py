"""Notifications: stored for one user, e-mailed after commit, a refused address logged not raised."""

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from notifications.models import Notification
from notifications.selectors import notification_list_for_user
from notifications.services import notification_send
from tests.support.factories import UserFactory


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses every recipient."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({m.to[0]: (550, b"No such user") for m in email_messages})


@pytest.fixture
def user(db):
    return UserFactory(email="gm@example.invalid")


def test_notification_is_stored_and_emailed(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notification_send(
            user=user,
            text="Kwestie 'Wachtlijst' is over tijd op niveau team",
            url="/kwesties/1/",
            email_subject="Over tijd",
        )
    assert Notification.objects.get() == notification
    assert (notification.user, notification.url, notification.read_at) == (user, "/kwesties/1/", None)
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["gm@example.invalid"]
    assert email.subject == "Over tijd"
    assert email.body.startswith("Kwestie 'Wachtlijst' is over tijd op niveau team")
    assert "/kwesties/1/" in email.body


def test_no_email_until_commit_and_none_after_rollback(user, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notification_send(user=user, text="Wordt teruggedraaid")
        raise RuntimeError
    assert callbacks == []
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_user_without_email_gets_the_notification_in_app_only(db, django_capture_on_commit_callbacks):
    nobody = UserFactory(email="")
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(user=nobody, text="Alleen in de applicatie")
    assert Notification.objects.filter(user=nobody).count() == 1
    assert mail.outbox == []


@override_settings(EMAIL_BACKEND="tests.notifications.test_notifications.RefusingBackend")
def test_smtp_failure_is_logged_not_raised_and_the_rest_still_go(user, caplog, django_capture_on_commit_callbacks):
    other = UserFactory(email="teamleider@example.invalid")
    with django_capture_on_commit_callbacks(execute=True):
        first = notification_send(user=user, text="Eerste melding")
        second = notification_send(user=other, text="Tweede melding")
    assert Notification.objects.filter(pk__in=[first.pk, second.pk]).count() == 2
    failures = [r for r in caplog.records if r.name == "notifications.services" and r.levelname == "ERROR"]
    assert [r.getMessage() for r in failures] == [
        f"E-mail for notification {first.pk} to user {user.pk} could not be sent (SMTPRecipientsRefused)",
        f"E-mail for notification {second.pk} to user {other.pk} could not be sent (SMTPRecipientsRefused)",
    ]
    assert "gm@example.invalid" not in caplog.text


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
