"""Reading the access log.

"Wie heeft dit dossier ingezien" must answer from an index at any size: the GIN index on family_ids
finds a family's rows, newest first, a page at a time by a cursor (the last row's time and id), never
by an offset or a COUNT over all rows. GIN gives no order, so a page reads the newest month first (one
partition on PostgreSQL), then, only while the page is not full, the month before it, then all older
months: at most three queries, each reading this family's rows of its window (a month, in the usual
case), whatever the size of the log.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import AccessLogEntry, Action

PAGE_SIZE = 50


def access_log_for_family(*, family_id: int) -> QuerySet[AccessLogEntry]:
    """Every row that concerns this family, newest first (viewed or only listed: see ``action``)."""
    return AccessLogEntry.objects.filter(family_ids__has=family_id).select_related("user").order_by("-at", "-id")


@dataclass(frozen=True)
class AccessLogRow:
    entry: AccessLogEntry
    # The family was only named in a list (action "lijst"), not opened.
    listed_only: bool


@dataclass(frozen=True)
class AccessLogPage:
    rows: list[AccessLogRow]
    # The cursor of the next (older) page, None when this is the last.
    older: str | None


def cursor_of(entry: AccessLogEntry) -> str:
    micros = round(entry.at.timestamp() * 1_000_000)
    return f"{micros}_{entry.pk}"


def parse_cursor(value: str | None) -> tuple[dt.datetime, int] | None:
    """A cursor from the URL, or None for the first page (also for anything malformed)."""
    if not value or value.count("_") != 1:
        return None
    micros, pk = value.split("_")
    if not (micros.isdigit() and pk.isdigit()) or len(micros) > 18:
        return None
    return dt.datetime.fromtimestamp(int(micros) / 1_000_000, tz=dt.UTC), int(pk)


def _month_start(moment: dt.datetime) -> dt.datetime:
    moment = moment.astimezone(dt.UTC)
    return dt.datetime(moment.year, moment.month, 1, tzinfo=dt.UTC)


def access_log_page_for_family(*, family_id: int, before: str | None = None, size: int = PAGE_SIZE) -> AccessLogPage:
    """One page of the family's log, newest first, older than the cursor ``before`` if given."""
    rows = access_log_for_family(family_id=family_id)
    after = parse_cursor(before)
    if after is not None:
        at, pk = after
        rows = rows.filter(at__lte=at).filter(Q(at__lt=at) | Q(pk__lt=pk))
    if connection.vendor == "postgresql":
        month = _month_start(after[0] if after else timezone.now())
        previous = _month_start(month - dt.timedelta(days=1))
        found: list[AccessLogEntry] = []
        for window in (Q(at__gte=month), Q(at__gte=previous, at__lt=month), Q(at__lt=previous)):
            found += rows.filter(window)[: size + 1 - len(found)]
            if len(found) > size:
                break
    else:
        found = list(rows[: size + 1])
    shown = found[:size]
    return AccessLogPage(
        rows=[AccessLogRow(entry=e, listed_only=e.action == Action.LIST) for e in shown],
        older=cursor_of(shown[-1]) if len(found) > size else None,
    )
