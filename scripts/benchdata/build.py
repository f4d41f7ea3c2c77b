"""The build in steps: each step (or chunk of a step) is one transaction that records itself in bench_step.

A rerun skips what is recorded and goes on with the next chunk; the indexes and
foreign keys of the big tables are set aside before their first chunk and made
again after their last (their definitions are kept in bench_meta meanwhile).
"""

import datetime as dt
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import psycopg

from . import accesslog, accesslog_sql, contacts, families, org, shapes, store
from .sizes import Size

BIG_TABLES = ["casework_contact", "casework_contact_participants", accesslog.TABLE]
ID_TABLES = [
    "accounts_team",
    "accounts_user",
    "accounts_membership",
    "casework_partner",
    *families.TABLES_WITH_IDS,
    "casework_contact",
    "casework_contact_participants",
    "kwesties_kwestie",
    "kwesties_kwestie_families",
    "kwesties_kwestieevent",
    "teams_teamsession",
    "teams_casediscussion",
    "teams_decision",
]


class Mismatch(Exception):
    """The database holds a data set of another size, seed or day."""


def plan(size: Size) -> list[tuple[str, Callable[..., int], dict]]:
    """Every step with its arguments, in order."""
    steps: list[tuple[str, Callable[..., int], dict]] = [("organisation", org.organisation, {})]
    per = size.families_per_chunk
    chunks = range(0, (size.families + per - 1) // per)
    for c in chunks:
        span = {"first": c * per + 1, "last": min(size.families, (c + 1) * per)}
        steps.append((f"families:{c:04d}", families.families, span))
    steps += [("kwesties", org.kwesties, {}), ("sessions", org.sessions, {})]
    for c in chunks:
        span = {"first": c * per + 1, "last": min(size.families, (c + 1) * per)}
        steps.append((f"contacts:{c:04d}", contacts.contacts, span))
    steps.append(("accesslog:views", accesslog_sql.prepare, {}))
    n = max(1, (size.log_rows + size.log_rows_per_chunk - 1) // size.log_rows_per_chunk)
    for c in range(n):
        rows = min(size.log_rows_per_chunk, size.log_rows - c * size.log_rows_per_chunk)
        steps.append((f"accesslog:{c:04d}", accesslog.log_rows, {"chunk": c, "chunks": n, "rows": rows}))
    return steps


def build(
    url: str,
    *,
    size: Size,
    seed: int,
    today: dt.date,
    password: str,
    stop_after: int | None = None,
    keep_indexes: bool = False,
    after_load: Callable[[], None] | None = None,
) -> dict:
    """Build (or go on building) the data set in the database at `url`; `stop_after` steps for a test of resuming.

    `keep_indexes` loads the big tables with their indexes and foreign keys in place (to measure the difference).

    Returns what was done: steps run and skipped, seconds per phase.
    """
    began = time.monotonic()
    with psycopg.connect(url, autocommit=True) as conn:
        store.ensure_tables(conn)
        with conn.transaction():
            have = store.meta_get(conn, "dataset")
            if have is None:
                store.meta_set(conn, "dataset", {"size": size.name, "seed": seed, "today": today.isoformat()})
            elif (have["size"], have["seed"]) != (size.name, seed):
                raise Mismatch(f"The database holds {have}, not size {size.name} with seed {seed}.")
            else:  # resuming: the day the build began, so every chunk agrees
                today = dt.date.fromisoformat(have["today"])
        done = store.done_steps(conn)
        skipped = len(done & {name for name, _fn, _kw in plan(size)})
        conn.execute("SET synchronous_commit = off")  # a lost last chunk is rebuilt by the rerun anyway
        ran = 0
        pending = [step for step in plan(size) if step[0] not in done]
        while pending:
            name, fn, kwargs = pending[0]
            if stop_after is not None and ran >= stop_after:
                return {"ran": ran, "skipped": skipped, "finished": False}
            if name.startswith(("contacts:", "accesslog:")) and not keep_indexes:
                store.set_aside(conn, BIG_TABLES)
            # The log's chunks are independent: two at a time, one per core, each on its own connection
            # (not when a test stops the build after a number of steps).
            batch = [s for s in pending if s[0].startswith("accesslog:") and s[0] != "accesslog:views"]
            if stop_after is None and name.startswith("accesslog:") and batch and pending[: len(batch)] == batch:
                _run_parallel(url, batch, done, lambda fn, kw: _call(fn, kw, size, today, seed, password))
                ran += len(batch)
                pending = pending[len(batch) :]
                continue
            store.run_step(
                conn, name, done, lambda cur, fn=fn, kwargs=kwargs: _call(fn, kwargs, size, today, seed, password)(cur)
            )
            ran += 1
            pending = pending[1:]
        load_s = time.monotonic() - began
        conn.execute(f"DROP TABLE IF EXISTS {accesslog_sql.VIEW_TABLE}")
        print("Indexes and foreign keys back:", flush=True)
        index_s = store.restore_aside(conn, url)
        store.move_sequences(conn, ID_TABLES)
        t0 = time.monotonic()
        conn.execute("ANALYZE")
        analyze_s = time.monotonic() - t0
        with conn.transaction():
            store.meta_set(conn, "busiest_family", shapes.busiest_family(seed, size, today))
            store.meta_set(conn, "log_shape", "family_ids" if accesslog.new_shape(conn.cursor()) else "family_id")
    summary_s = 0.0
    if after_load is not None:
        t0 = time.monotonic()
        after_load()
        summary_s = time.monotonic() - t0
    return {
        "ran": ran,
        "skipped": skipped,
        "finished": True,
        "load_s": round(load_s, 1),
        "indexes_s": round(index_s, 1),
        "analyze_s": round(analyze_s, 1),
        "summaries_s": round(summary_s, 1),
        "total_s": round(time.monotonic() - began, 1),
    }


def _call(fn: Callable[..., int], kwargs: dict, size: Size, today: dt.date, seed: int, password: str):
    """The step's work as a function of a cursor."""
    extra = {"password": password} if fn is org.organisation else {"seed": seed}
    return lambda cur: fn(cur, size=size, today=today, **extra, **kwargs)


def _run_parallel(url: str, steps: list, done: set[str], work: Callable) -> None:
    def one(step) -> None:
        name, fn, kwargs = step
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("SET synchronous_commit = off")
            store.run_step(conn, name, done, work(fn, kwargs))

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(one, steps))
