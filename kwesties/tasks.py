"""Periodic work for kwesties. Thin: the rule lives in services.kwesties_mark_overdue."""

from celery import shared_task
from django.db import DatabaseError, transaction
from django.urls import reverse

from notifications.services import notification_send

from . import services


@shared_task(
    bind=True,
    name="kwesties.mark_overdue",
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    max_retries=5,
)
def mark_overdue(self) -> int:
    """Mark kwesties past their time as overdue and notify each owner; returns how many.

    Marking and the notifications commit together, and e-mails go out only after
    that commit: a retry after a database error neither loses a notification nor
    sends one twice (the service marks a kwestie once per stay on a level).
    Escalating stays a human decision.
    """
    with transaction.atomic():
        marked = services.kwesties_mark_overdue()
        for kwestie in marked:
            level = kwestie.get_level_display()
            notification_send(
                user=kwestie.owner,
                # By e-mail too: the title and the level, never a family's name.
                text=f"Kwestie '{kwestie.title}' is over tijd op niveau {level}",
                url=reverse("kwesties:detail", args=[kwestie.pk]),
                email_subject=f"Kwestie over tijd op niveau {level}",
            )
    return len(marked)
