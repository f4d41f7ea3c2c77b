"""The e-mail outbox against a real local SMTP server that is down, then up again.

The server is aiosmtpd on a free port of the test's own (tests/support/outage_support.py).
Transactional: the two senders below run in threads with their own database connections.
"""

import threading

import pytest
from django.utils import timezone

from notifications.models import OutgoingEmail, OutgoingEmailStatus
from notifications.services import notification_send, outgoing_emails_send_due
from tests.support.factories import UserFactory
from tests.support.outage_support import OwnSmtp

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def smtp(settings):
    server = OwnSmtp()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 3
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield server
    server.stop()


def _send_in_threads(count: int) -> list[int]:
    """`count` senders at once, as two workers and the beat's sweep could be."""
    from django.db import connection

    sent: list[int] = []

    def sender():
        try:
            sent.append(outgoing_emails_send_due())
        finally:
            connection.close()

    threads = [threading.Thread(target=sender) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    return sent


def test_mail_server_down_then_up_every_message_arrives_once(smtp):
    users = [UserFactory(email=f"medewerker{i}@example.invalid") for i in range(6)]
    for user in users:
        notification_send(user=user, text="Er staat een nieuwe rapportage klaar", url="/rapportages/1/")

    # The mail server is down: nothing is lost, every message waits with its error and a next attempt.
    assert outgoing_emails_send_due() == 0
    rows = OutgoingEmail.objects.order_by("pk")
    assert {(r.status, r.attempts, r.last_error) for r in rows} == {
        (OutgoingEmailStatus.PENDING, 1, "ConnectionRefusedError")
    }
    assert all(r.next_attempt_at > timezone.now() for r in rows)

    # It is back, and the waits are over: three senders at once, each message goes out exactly once.
    smtp.start()
    OutgoingEmail.objects.update(next_attempt_at=timezone.now())
    assert sum(_send_in_threads(3)) == 6
    assert outgoing_emails_send_due() == 0
    assert sorted(m["To"] for m in smtp.received) == sorted(u.email for u in users)
    ids = [m["Message-ID"] for m in smtp.received]
    assert sorted(ids) == sorted(rows.values_list("message_id", flat=True))  # one each, none twice
    assert set(rows.values_list("status", "attempts")) == {(OutgoingEmailStatus.SENT, 2)}
    assert all("rapportage" in m.get_payload() for m in smtp.received)
