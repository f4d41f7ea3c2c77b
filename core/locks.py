"""One at a time across processes: a PostgreSQL advisory lock around a piece of work.

The report dispatchers run from Celery beat. Compose runs exactly one beat, but
during a deploy an old and a new one can overlap, and a worker may run a
dispatch that an earlier tick left in the queue. The lock makes two dispatches
of the same kind run one after the other instead of interleaved; each one then
queues only what is still missing, by the reports' natural key. It is
transaction-scoped (`pg_try_advisory_xact_lock`): it is released at commit or
when the connection dies with its process, so a killed dispatcher never leaves
it held. Other databases (the embedded SQLite demo, one process) get no lock.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def advisory_lock(name: str) -> Iterator[bool]:
    """Hold the lock called `name` for the block, in a transaction; yields False when another holds it."""
    with transaction.atomic():
        if connection.vendor != "postgresql":
            yield True
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock(hashtext(%s))", [name])
            (held,) = cursor.fetchone()
        yield bool(held)
