"""What the beat runs when, and how far the report dispatchers catch up: imported by base.py."""

import environ
from celery.schedules import crontab

env = environ.Env()

CELERY_BEAT_SCHEDULE: dict = {
    # Hourly, at five past: mark kwesties past their level's time and notify their owners.
    "kwesties-mark-overdue": {"task": "kwesties.mark_overdue", "schedule": crontab(minute=5)},
    # Daily at 06:15: remind workers (and their seniors) whose last reflection is over the interval ago.
    "reflection-send-reminders": {"task": "reflection.send_reminders", "schedule": crontab(hour=6, minute=15)},
    # Monday 06:00 (CELERY_TIMEZONE, Europe/Amsterdam): weekly team reports of the week just ended.
    "reports-weekly": {"task": "reports.dispatch_weekly", "schedule": crontab(hour=6, minute=0, day_of_week=1)},
    # The 1st at 05:00: monthly team reports and the board report of the month before.
    "reports-monthly": {"task": "reports.dispatch_monthly", "schedule": crontab(hour=5, minute=0, day_of_month=1)},
    # Hourly, at twenty past: drop the partner API's expired access tokens.
    "api-clear-expired-tokens": {"task": "api.clear_expired_tokens", "schedule": crontab(minute=20)},
    # Every minute: send the e-mail outbox's due messages (an enqueue that was lost, a retry whose wait is over).
    "notifications-send-emails": {"task": "notifications.send_emails", "schedule": 60.0},
    # Every ten minutes: queue again the reports still bezig long after they were queued or started.
    "reports-requeue-stuck": {"task": "reports.requeue_stuck", "schedule": crontab(minute="*/10")},
    # Daily at 03:30: drop expired drafts and kept posts (family data kept no longer than needed).
    "casework-drafts-cleanup": {"task": "casework.drafts_cleanup", "schedule": crontab(hour=3, minute=30)},
    # Daily at 04:15: propose each closed file past its "bewaren tot" for destruction (two people decide).
    "casework-destruction-proposals": {
        "task": "casework.destruction_proposals_create",
        "schedule": crontab(hour=4, minute=15),
    },
    # Daily at 03:45: drop the one-time tokens of creates older than IDEMPOTENCY_KEY_DAYS.
    "core-expire-idempotency-keys": {"task": "core.expire_idempotency_keys", "schedule": crontab(hour=3, minute=45)},
    # Daily at 02:10: the access log's month partitions for this month and three ahead (privacy.partitions).
    "privacy-access-log-partitions": {
        "task": "privacy.access_log_partitions_ensure",
        "schedule": crontab(hour=2, minute=10),
    },
}
# The dispatchers catch up: each run queues every report of the last weeks or months that a team should
# have and that is not made yet, so a lost tick or a stopped beat heals at the next run.
REPORTS_CATCH_UP_WEEKS = env.int("REPORTS_CATCH_UP_WEEKS", default=4)
REPORTS_CATCH_UP_MONTHS = env.int("REPORTS_CATCH_UP_MONTHS", default=3)
# A report bezig longer than this (its task lost, its worker killed) shows on /rapportages/mislukt/ and is
# queued again by reports.requeue_stuck. A report takes seconds; the board report under a second.
REPORTS_STUCK_AFTER_MINUTES = env.int("REPORTS_STUCK_AFTER_MINUTES", default=15)
