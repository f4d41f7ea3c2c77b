"""The access log's monthly partitions (PostgreSQL): make the coming months, detach an old one to archive.

The table is ``PARTITION BY RANGE (at)`` in UTC months (migration 0004), named
``privacy_accesslogentry_pYYYYMM``, plus a DEFAULT partition that takes a row no month partition takes,
so an insert can never fail. Making a month is done by ``privacy_accesslog_partitions_ensure``, a
SECURITY DEFINER function of the owner role (0004): the app role creates no table itself, yet the
daily beat task it runs keeps this month and the next ones ready, and moves rows the DEFAULT partition
took into their month once it exists. A month is archived by detaching it (the owner role, a
management command), dumping it and dropping it: never by deleting row by row.

The partitions' TRUNCATE guards are copies of pgtrigger's with the same name (so ``pgtrigger.ignore``,
which the test flush uses, covers them) on tables pgtrigger does not know: ``pgtrigger ls`` lists them
as PRUNE. They must stay: PGTRIGGER_PRUNE_ON_INSTALL is off, and ``pgtrigger prune`` is not to be run.

SQLite (``make run``) has one plain table: everything here does nothing there.
"""

import datetime as dt
import re

from django.db import connections, transaction
from django.utils import timezone

from .models import AccessLogEntry

PARENT = AccessLogEntry._meta.db_table
DEFAULT_PARTITION = f"{PARENT}_default"
MONTH_FORMAT = re.compile(r"^(\d{4})-(\d{2})$")


class PartitionError(Exception):
    """A month partition cannot be detached as asked."""


def month_start(moment: dt.datetime | dt.date) -> dt.datetime:
    """The first instant of the UTC month of ``moment``, the bound of its partition."""
    if isinstance(moment, dt.datetime):
        moment = moment.astimezone(dt.UTC).date()
    return dt.datetime(moment.year, moment.month, 1, tzinfo=dt.UTC)


def add_months(start: dt.datetime, months: int) -> dt.datetime:
    index = start.year * 12 + start.month - 1 + months
    return start.replace(year=index // 12, month=index % 12 + 1)


def partition_name(month: dt.datetime | dt.date) -> str:
    start = month_start(month)
    return f"{PARENT}_p{start:%Y%m}"


def parse_month(value: str) -> dt.datetime:
    """'2026-11' -> the first instant of that UTC month; ValueError otherwise."""
    found = MONTH_FORMAT.match(value)
    if not found or not 1 <= int(found.group(2)) <= 12:
        raise ValueError(f"not a month YYYY-MM: {value!r}")
    return dt.datetime(int(found.group(1)), int(found.group(2)), 1, tzinfo=dt.UTC)


def access_log_partitions_ensure(*, months_ahead: int = 3, using: str = "default") -> list[str]:
    """Make the partitions of this month and ``months_ahead`` after it, and of every month the DEFAULT
    partition holds rows of (moving those rows in, in the same transaction); returns the names made.

    Idempotent and safe to run at once from two workers (an advisory lock in the function).
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        return []
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute(
            "SELECT * FROM privacy_accesslog_partitions_ensure(%s, %s)", [months_ahead, month_start(timezone.now())]
        )
        return [name for (name,) in cursor.fetchall()]


def access_log_partitions(*, using: str = "default") -> list[str]:
    """The names of the attached partitions, oldest month first, the DEFAULT partition last."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = %s::regclass ORDER BY c.relname = %s, c.relname",
            [PARENT, DEFAULT_PARTITION],
        )
        return [name for (name,) in cursor.fetchall()]


def access_log_partition_detach(*, month: dt.datetime, using: str = "default") -> str:
    """Detach one month's partition so it can be dumped and dropped; returns the table's name.

    Refuses this month and the previous one (rows may still be arriving or being read for a
    complaint), and a month whose partition is not attached. The detached table keeps its
    append-only triggers and no one but the owner has any right on it.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        raise PartitionError("the access log is partitioned on PostgreSQL only")
    start = month_start(month)
    if start >= add_months(month_start(timezone.now()), -1):
        raise PartitionError(f"{start:%Y-%m} is this month or the previous one: it stays attached")
    name = partition_name(start)
    if name not in access_log_partitions(using=using):
        raise PartitionError(f"no attached partition {name}")
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute(f'ALTER TABLE "{PARENT}" DETACH PARTITION "{name}"')
        cursor.execute("SELECT privacy_accesslog_partition_secure(%s::regclass, true)", [name])
    return name
