"""Writes for notifications: store one for a user and e-mail it.

The e-mail goes through Django's mail settings after the surrounding
transaction commits, so a rolled-back notification is never mailed. A mail
server that refuses one address is logged, not raised: one bad address must
not stop the notifications for everyone else.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from accounts.models import User

from .models import Notification

logger = logging.getLogger(__name__)

DEFAULT_SUBJECT = "Gezinsgericht werken: nieuwe melding"


def _email(*, notification_id: int, user_id: int, address: str, subject: str, body: str) -> bool:
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address], fail_silently=False)
    except OSError as error:  # smtplib.SMTPException and connection errors are both OSError
        # The kind of error and the SMTP code, not the exception text: that repeats the address.
        code = getattr(error, "smtp_code", None)
        reason = f"{type(error).__name__} {code}" if code else type(error).__name__
        logger.error("E-mail for notification %s to user %s could not be sent (%s)", notification_id, user_id, reason)
        return False
    return True


def notification_send(*, user: User, text: str, url: str = "", email_subject: str | None = None) -> Notification:
    """Store a notification for `user` and e-mail it once the transaction commits.

    `text` goes out by e-mail: keep family and child names out of it.
    """
    notification = Notification.objects.create(user=user, text=text, url=url)
    if not user.email:
        logger.info("User %s has no e-mail address; notification %s is in-app only", user.pk, notification.pk)
        return notification
    body = text if not url else f"{text}\n\nBekijk het in de applicatie: {url}"
    transaction.on_commit(
        lambda: _email(
            notification_id=notification.pk,
            user_id=user.pk,
            address=user.email,
            subject=email_subject or DEFAULT_SUBJECT,
            body=body,
        )
    )
    return notification


def notifications_mark_read(*, user: User) -> int:
    """Everything in the user's list counts as read once they opened it."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
