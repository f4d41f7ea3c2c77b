"""An ORM query compiled once and run again with other values: a prepared statement for the API's hot path.

The page's change times (`api.listing`) are one ORM query of five correlated
subqueries; building and compiling it took several times longer than
PostgreSQL took to run it. Its shape depends only on the partner, the day and
how many families the page has, so it is built once for that key with
sentinel values in the variable places (the page's family ids and "now"), and
each call swaps the real values in for the sentinels' parameters. The SQL is
the ORM's own; only the parameters differ.

PostgreSQL only: on SQLite the raw cursor would hand back text where the ORM
converts to datetimes, so there the caller runs the ORM query itself (the
embedded default does not serve hundreds of calls per second).

`core.prepared.cursor()` (shared with the access log's INSERT) runs these
statements with server-side binding and prepared on the server (psycopg keeps
the last 100 per connection, and the pool keeps the connections): PostgreSQL
then skips parsing and, once it settles on a generic plan after five runs,
planning, which took longer than running these small queries (0.37 -> 0.10 ms
of PostgreSQL CPU for the token look-up, 1.17 -> 0.43 for a page's change
times, measured here). Django turns psycopg's preparing off for the connection
(`prepare_threshold` None, for poolers); this cursor turns it on again, which
changes nothing for Django's own client-side binding cursors (they never
prepare), and asks for every statement to be prepared. With PgBouncer in
transaction mode (`DISABLE_SERVER_SIDE_CURSORS`) a prepared statement may land
on another server connection, so there the ordinary cursor is used.
"""

import datetime as dt
from collections.abc import Callable
from functools import lru_cache

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

from core.prepared import cursor

# Values no real query carries: ids below any bigserial, and a moment before the product existed.
_ID_BASE = -(10**15)
SENTINEL_NOW = dt.datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=dt.UTC)


def sentinel_ids(count: int) -> list[int]:
    return [_ID_BASE - i for i in range(count)]


def available() -> bool:
    return connections[DEFAULT_DB_ALIAS].vendor == "postgresql"


@lru_cache(maxsize=1024)
def _compile(build: Callable[..., QuerySet], key: tuple, count: int) -> tuple[str, tuple, tuple[str, ...]]:
    """The SQL of `build(key=..., ids=..., now=...)` with sentinels, and per parameter where its value comes from."""
    queryset = build(key=key, ids=sentinel_ids(count), now=SENTINEL_NOW)
    sql, params = queryset.query.get_compiler(DEFAULT_DB_ALIAS).as_sql()
    slots = []
    ids = {value: index for index, value in enumerate(sentinel_ids(count))}
    for param in params:
        if isinstance(param, int) and not isinstance(param, bool) and param in ids:
            slots.append(f"id:{ids[param]}")
        elif isinstance(param, dt.datetime) and param == SENTINEL_NOW:
            slots.append("now")
        else:
            slots.append("")
    if sum(1 for slot in slots if slot.startswith("id:")) != count:
        raise RuntimeError("the compiled query does not carry each id once")
    return sql, tuple(params), tuple(slots)


def run(*, build: Callable[..., QuerySet], key: tuple, ids: list[int], now: dt.datetime) -> list[dict]:
    """Rows (dicts by column name) of `build(key=key, ids=ids, now=now)`, compiled once per key and number of ids.

    `build` is a module-level function and reads everything else the query
    depends on (partner, day, ...) from `key` only, so the same key is the same SQL.
    """
    sql, params, slots = _compile(build, key, len(ids))
    values = [
        now if slot == "now" else ids[int(slot[3:])] if slot.startswith("id:") else param
        for param, slot in zip(params, slots, strict=True)
    ]
    with cursor() as prepared:
        prepared.execute(sql, values)
        names = [column.name for column in prepared.description]
        return [dict(zip(names, row, strict=True)) for row in prepared.fetchall()]
