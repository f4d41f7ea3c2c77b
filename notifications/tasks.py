"""The outbox sender, run by Celery. Thin: the rules live in services.

Queued once per message after its notification commits, and every minute from
the beat schedule without an id, which sends whatever is due: a message whose
enqueue was lost (broker down) or whose last attempt failed (mail server down)
goes out at the next sweep after its wait. Retries are the rows' own
(`next_attempt_at`, exponential), not Celery's, so they survive a restart.
"""

from celery import shared_task

from . import services


@shared_task(name="notifications.send_emails", ignore_result=True)
def send_emails(email_id: int | None = None) -> int:
    """With an id: send that message if it is due. Without: send every due message."""
    if email_id is not None:
        return int(services.outgoing_email_send(email_id=email_id))
    return services.outgoing_emails_send_due()
