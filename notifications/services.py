"""Writes for notifications: store one for a user, and its e-mail in the outbox.

The e-mail is a row (`OutgoingEmail`) written in the same transaction as the
notification, so a rolled-back notification is never mailed and a committed
one is never forgotten, whatever the mail server or the broker do meanwhile.
After the commit the sender task is queued (`core.queue`: never raises, never
makes the request wait); the beat schedule runs the same sender every minute,
so a message whose enqueue was lost still goes out.

Delivery guarantee: at least once, and in practice once. The sender locks the
row (`SELECT ... FOR UPDATE SKIP LOCKED`, so a second sender skips it instead
of sending it too), hands the message to SMTP, and marks it sent in that same
transaction right after the server accepted it. Only a crash in the moment
between the server's accept and that commit sends it again; the repeat has the
same Message-ID, so mail clients and the recipient can tell it is the same.
(Exactly once cannot be had over SMTP: the server's accept and our commit are
two systems.) A server that refuses a message (a bad address, or down) is
recorded on the row with the kind of error and the next attempt time, never
the error text (it repeats the address); one bad address never stops the rest.
"""

import datetime as dt
import logging
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.queue import enqueue_on_commit

from .models import Notification, OutgoingEmail, OutgoingEmailStatus

logger = logging.getLogger(__name__)

DEFAULT_SUBJECT = "Gezinsgericht werken: nieuwe melding"


def notification_send(*, user: User, text: str, url: str = "", email_subject: str | None = None) -> Notification:
    """Store a notification for `user` and put its e-mail in the outbox, in one transaction.

    `text` goes out by e-mail: keep family and child names out of it.
    """
    with transaction.atomic():
        notification = Notification.objects.create(user=user, text=text, url=url)
        if not user.email:
            logger.info("User %s has no e-mail address; notification %s is in-app only", user.pk, notification.pk)
            return notification
        email = OutgoingEmail.objects.create(
            notification=notification,
            to_address=user.email,
            subject=email_subject or DEFAULT_SUBJECT,
            body=text if not url else f"{text}\n\nBekijk het in de applicatie: {url}",
            message_id=make_msgid(domain=settings.EMAIL_MESSAGE_ID_DOMAIN),
        )
    if settings.EMAIL_OUTBOX_SEND_ON_COMMIT:
        from .tasks import send_emails

        enqueue_on_commit(send_emails, email_id=email.pk)
    return notification


def outgoing_email_queue(*, to_address: str, subject: str, body: str) -> OutgoingEmail:
    """An e-mail without an in-app notification (a password-reset link), through the same outbox."""
    with transaction.atomic():
        email = OutgoingEmail.objects.create(
            to_address=to_address,
            subject=subject,
            body=body,
            message_id=make_msgid(domain=settings.EMAIL_MESSAGE_ID_DOMAIN),
        )
    if settings.EMAIL_OUTBOX_SEND_ON_COMMIT:
        from .tasks import send_emails

        enqueue_on_commit(send_emails, email_id=email.pk)
    return email


def notifications_mark_read(*, user: User) -> int:
    """Everything in the user's list counts as read once they opened it."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def _reason(error: OSError) -> str:
    """The kind of error and the SMTP code, not the exception text: that repeats the address."""
    code = getattr(error, "smtp_code", None)
    return f"{type(error).__name__} {code}" if code else type(error).__name__


def outgoing_email_retry_wait(*, attempts: int) -> dt.timedelta:
    """Exponential backoff: the base wait after the first failure, doubling up to the maximum."""
    seconds = settings.EMAIL_OUTBOX_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(seconds, settings.EMAIL_OUTBOX_BACKOFF_MAX_SECONDS))


def outgoing_email_send(*, email_id: int) -> bool:
    """Send one pending, due message; True when the mail server accepted it now.

    False when it is not due, already sent, given up, or being sent by another
    sender right now (its row is locked: skipped, not waited for), and when
    this attempt failed (recorded on the row for the next one).
    """
    now = timezone.now()
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=OutgoingEmailStatus.PENDING, next_attempt_at__lte=now)
            .first()
        )
        if email is None:
            return False
        email.attempts += 1
        message = EmailMessage(
            email.subject,
            email.body,
            settings.DEFAULT_FROM_EMAIL,
            [email.to_address],
            headers={"Message-ID": email.message_id},
        )
        try:
            message.send(fail_silently=False)
        except OSError as error:  # smtplib.SMTPException and connection errors are both OSError
            email.last_error = _reason(error)
            if email.attempts >= settings.EMAIL_OUTBOX_MAX_ATTEMPTS:
                email.status = OutgoingEmailStatus.GIVEN_UP
                logger.error("E-mail %s given up after %s attempts (%s)", email.pk, email.attempts, email.last_error)
            else:
                wait = outgoing_email_retry_wait(attempts=email.attempts)
                email.next_attempt_at = now + wait
                logger.warning("E-mail %s could not be sent (%s); next attempt in %s", email.pk, email.last_error, wait)
            email.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return False
        email.status = OutgoingEmailStatus.SENT
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["attempts", "last_error", "status", "sent_at"])
    return True


def outgoing_emails_send_due(*, limit: int = 500) -> int:
    """Send every pending message whose time has come, oldest first; returns how many went out."""
    due = (
        OutgoingEmail.objects.filter(status=OutgoingEmailStatus.PENDING, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(outgoing_email_send(email_id=email_id) for email_id in list(due))
