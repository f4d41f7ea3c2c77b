"""A real Celery worker on the real Redis, for the integration tests.

The worker runs in the test process, in a thread with its own database
connection: tests using it are `transaction=True`, so the rows they write are
committed and visible to it. Each test consumes a queue of its own on the test
Redis database (15), so two test runs at once never pick up each other's tasks.
"""

import uuid
from contextlib import contextmanager

import redis
from celery.contrib.testing.worker import start_worker

from config import celery_app

RESULT_TIMEOUT = 30  # seconds; a stuck worker fails the test instead of hanging it


@contextmanager
def worker_on_own_queue(name: str):
    """Start a worker on a fresh queue; stop it and remove the queue afterwards. Yields the queue name."""
    assert not celery_app.conf.task_always_eager
    assert celery_app.conf.broker_url.startswith("redis://")
    queue = f"test-{name}-{uuid.uuid4().hex}"
    try:
        with start_worker(
            celery_app,
            pool="solo",
            perform_ping_check=False,
            shutdown_timeout=20,
            loglevel="WARNING",
            queues=[queue],
        ):
            yield queue
    finally:
        # The queue, its bindings and any message a failed run left: every key with this run's name.
        broker = redis.Redis.from_url(celery_app.conf.broker_url, socket_connect_timeout=3)
        for key in broker.scan_iter(match=f"*{queue}*"):
            broker.delete(key)
        broker.close()


def run_on(queue: str, task, *args):
    """Send `task` to the worker on `queue` (as `.delay()` would) and wait for its result.

    The result is asked for even of a task that ignores its result in production (the outbox sender).
    """
    result = task.apply_async(args=args, queue=queue, ignore_result=False)
    try:
        return result.get(timeout=RESULT_TIMEOUT)
    finally:
        result.forget()
