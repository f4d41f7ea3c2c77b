"""Periodic work for reflections. Thin: the rule lives in services.reflection_reminders_send."""

from celery import shared_task
from django.db import DatabaseError

from . import services


@shared_task(
    bind=True,
    name="reflection.send_reminders",
    autoretry_for=(DatabaseError,),
    retry_backoff=True,
    max_retries=5,
)
def send_reminders(self) -> int:
    """Remind workers (and their seniors) whose last reflection is over the interval ago; returns how many.

    Reminders and notifications commit together and e-mails leave after the
    commit, so a retry neither loses nor doubles a reminder.
    """
    return services.reflection_reminders_send()
