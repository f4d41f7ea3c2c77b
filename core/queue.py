"""Putting a Celery task on the queue without letting a broker outage reach the caller.

Every enqueue in the project goes through here. A web request must never wait
on Redis or fail because of it: the broker settings (config/settings/base.py,
"Celery") keep a publish to a Redis that is down short (connection refused
answers at once, an unreachable host after a one-second connect timeout, no
publish retries), and what still goes wrong is logged here, not raised. Nothing
is lost by that: each task's work is also found by a periodic sweeper (the
e-mail outbox, stuck reports, the report dispatchers' catch-up), which queues
it again once the broker is back. So a failed enqueue delays work; it never
drops it and never shows the user an error.
"""

import logging
from typing import Any

from celery import Task
from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue(task: Task, *args: Any, **kwargs: Any) -> bool:
    """`task.delay(*args, **kwargs)` now; False (logged) when the broker could not take it.

    In eager mode (the embedded `make run`) the task runs here, in-process; its
    failure is logged the same way, since its own sweeper will try again.
    """
    try:
        task.delay(*args, **kwargs)
    except Exception as error:  # kombu/redis connection errors, or the eager task's own failure
        logger.warning("Task %s could not be queued (%s); its sweeper will queue it again", task.name, error)
        return False
    return True


def enqueue_on_commit(task: Task, *args: Any, **kwargs: Any) -> None:
    """Queue `task` once the surrounding transaction commits, so it never sees rows that were rolled back."""
    transaction.on_commit(lambda: enqueue(task, *args, **kwargs))
