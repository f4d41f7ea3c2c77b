"""The benchmark database: its name, its step table, COPY, and the indexes set aside during a load."""

import datetime as dt
import io
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor

import environ
import psycopg

STEP_TABLE = "bench_step"
META_TABLE = "bench_meta"


def database_url(size: str, base_url: str | None = None) -> tuple[str, str, dict]:
    """DATABASE_URL with the database name + `_bench_<size>`: yours, next to your own database."""
    # BENCH_BASE_DATABASE_URL: DATABASE_URL as it was before Django was pointed at a benchmark database.
    env = environ.Env()
    default = "postgres://postgres@127.0.0.1:5432/gezinsgericht"
    url = base_url or env.str("BENCH_BASE_DATABASE_URL", default="") or env.str("DATABASE_URL", default=default)
    cfg = environ.Env.db_url_config(url)
    if "postgresql" not in cfg["ENGINE"]:
        sys.exit("The benchmark needs PostgreSQL; point DATABASE_URL at a PostgreSQL server.")
    name = f"{cfg['NAME'] or 'gezinsgericht'}_bench_{size}"
    auth = cfg["USER"] + (f":{cfg['PASSWORD']}" if cfg["PASSWORD"] else "") + "@" if cfg["USER"] else ""
    port = f":{cfg['PORT']}" if cfg["PORT"] else ""
    return f"postgres://{auth}{cfg['HOST'] or '127.0.0.1'}{port}/{name}", name, cfg


def admin(cfg: dict, sql: str, params: list | None = None) -> list:
    with psycopg.connect(
        host=cfg["HOST"] or "127.0.0.1",
        port=cfg["PORT"] or 5432,
        user=cfg["USER"] or "postgres",
        password=cfg["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        cur = conn.execute(sql, params)
        return cur.fetchall() if cur.description else []


def database_exists(cfg: dict, name: str) -> bool:
    return bool(admin(cfg, "SELECT 1 FROM pg_database WHERE datname = %s", [name]))


def ensure_tables(conn: psycopg.Connection) -> None:
    with conn.transaction():
        conn.execute(
            f"""CREATE TABLE IF NOT EXISTS {STEP_TABLE} (
                  name text PRIMARY KEY, done_at timestamptz NOT NULL DEFAULT now(),
                  rows bigint NOT NULL DEFAULT 0, seconds double precision NOT NULL DEFAULT 0)"""
        )
        conn.execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key text PRIMARY KEY, value jsonb NOT NULL)")


def meta_get(conn: psycopg.Connection, key: str):
    row = conn.execute(f"SELECT value FROM {META_TABLE} WHERE key = %s", [key]).fetchone()  # noqa: S608 - a constant table name
    return row[0] if row else None


def meta_set(conn: psycopg.Connection, key: str, value) -> None:
    conn.execute(
        f"INSERT INTO {META_TABLE} (key, value) VALUES (%s, %s) "  # noqa: S608 - a constant table name
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        [key, json.dumps(value, default=str)],
    )


def done_steps(conn: psycopg.Connection) -> set[str]:
    return {r[0] for r in conn.execute(f"SELECT name FROM {STEP_TABLE}").fetchall()}  # noqa: S608 - a constant table name


class Copier:
    """Rows as COPY text; `line` escapes nothing, so generated text holds no tab, newline or backslash.

    One connection runs one COPY at a time: a streaming Copier sends its rows as
    they come (the big table of a step), the others gather theirs in a spooled
    temporary file and send it when closed.
    """

    BLOCK = 1 << 20

    def __init__(self, cursor: psycopg.Cursor, table: str, columns: Iterable[str], *, stream: bool = False):
        cols = ", ".join(f'"{c}"' for c in columns)
        self._cursor, self._sql = cursor, f"COPY {table} ({cols}) FROM STDIN"
        self._stream = stream
        self._file = tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+")  # noqa: SIM115 - closed in close()
        if stream:
            self._cm = cursor.copy(self._sql)
            self._copy = self._cm.__enter__()
        self._buffer = io.StringIO()
        self.rows = 0

    def write(self, text: str, rows: int = 1) -> None:
        self._buffer.write(text)
        self.rows += rows
        if self._buffer.tell() > self.BLOCK:
            self._flush()

    def _flush(self) -> None:
        if self._stream:
            self._copy.write(self._buffer.getvalue())
        else:
            self._file.write(self._buffer.getvalue())
        self._buffer = io.StringIO()

    def close(self) -> int:
        self._flush()
        if self._stream:
            self._cm.__exit__(None, None, None)
        else:
            self._file.seek(0)
            with self._cursor.copy(self._sql) as copy:
                while block := self._file.read(self.BLOCK):
                    copy.write(block)
        self._file.close()
        return self.rows


def text(value) -> str:
    """One COPY field: None is NULL, dates ISO, booleans t/f."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    return str(value)


def line(*values) -> str:
    return "\t".join(map(text, values)) + "\n"


def stamp(day: dt.date, hour: int = 10, minute: int = 0) -> str:
    return f"{day.isoformat()} {hour:02d}:{minute:02d}:00+01"


def run_step(conn: psycopg.Connection, name: str, done: set[str], work: Callable[[psycopg.Cursor], int]) -> None:
    """Run `work` and record the step in the same transaction: a step is done entirely or not at all."""
    if name in done:
        return
    began = time.monotonic()
    with conn.transaction(), conn.cursor() as cursor:
        rows = work(cursor)
        seconds = time.monotonic() - began
        cursor.execute(f"INSERT INTO {STEP_TABLE} (name, rows, seconds) VALUES (%s, %s, %s)", [name, rows, seconds])  # noqa: S608 - a constant table name
    done.add(name)
    rate = f"{rows / seconds:,.0f} rows/s" if seconds > 0 else ""
    print(f"  {name:<28} {rows:>12,} rows {seconds:>8.1f} s  {rate}", flush=True)


# --- indexes and foreign keys set aside during the load of the big tables ----------------------


def set_aside(conn: psycopg.Connection, tables: list[str]) -> None:
    """Drop the non-unique indexes and the foreign keys of `tables`, keeping their definitions in bench_meta.

    A COPY into a table without them is several times faster; recreating an index
    is one sort, a foreign key one join. The definitions are kept in the database,
    so a build that stops half-way still restores them when run again.
    """
    if meta_get(conn, "set_aside") is not None:
        return
    with conn.transaction():
        fks = conn.execute(
            """SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
               WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s) AND conparentid = 0""",
            [tables],
        ).fetchall()
        indexes = conn.execute(
            """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
               WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisunique AND NOT i.indisprimary
                 AND NOT EXISTS (SELECT 1 FROM pg_inherits p WHERE p.inhrelid = i.indexrelid)""",
            [tables],
        ).fetchall()
        meta_set(conn, "set_aside", {"fks": fks, "indexes": indexes})
        for table, name, _definition in fks:
            conn.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            conn.execute(f"DROP INDEX {name}")


ON_ONLY = re.compile(r"^CREATE (?:UNIQUE )?INDEX (\S+) ON ONLY (\S+)")


def _make_index(dsn: str, name: str, definition: str) -> None:
    began = time.monotonic()
    with psycopg.connect(dsn, autocommit=True) as conn:
        # Two builds at a time: 2 GB in all. A GIN index flushes its sorted entries when this fills,
        # and each flush is a pass of inserts into the index: fewer, larger ones at the national size.
        conn.execute("SET maintenance_work_mem = '1GB'")
        conn.execute(definition)
    print(f"  index {name:<50} {time.monotonic() - began:>8.1f} s", flush=True)


def restore_aside(conn: psycopg.Connection, url: str | None = None) -> float:
    aside = meta_get(conn, "set_aside")
    if not aside:
        return 0.0
    began = time.monotonic()
    conn.execute("SET maintenance_work_mem = '256MB'")
    # A partitioned table's index reads "ON ONLY" (the parent alone). Its partitions' indexes are built first,
    # two at a time like every other index (two cores), and the parent's then only attaches them.
    alone, parents = [], []
    for name, definition in aside["indexes"]:
        match = ON_ONLY.match(definition)
        if match is None:
            alone.append((name, definition))
            continue
        parents.append((name, definition.replace(" ON ONLY ", " ON ", 1)))
        for (part,) in conn.execute(
            "SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = %s::regclass", [match[2]]
        ).fetchall():
            child = f"{part.strip(chr(34))}_{match[1].strip(chr(34))}"[:63]
            alone.append((child, ON_ONLY.sub(f'CREATE INDEX IF NOT EXISTS "{child}" ON {part}', definition, count=1)))
    dsn = url or conn.info.dsn  # the URL keeps a password that info.dsn leaves out
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda item: _make_index(dsn, *item), alone))
    for name, definition in parents:
        _make_index(dsn, name, definition)
    for table, name, definition in aside["fks"]:
        t0 = time.monotonic()
        with conn.transaction():
            conn.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        print(f"  foreign key {name:<44} {time.monotonic() - t0:>8.1f} s", flush=True)
    with conn.transaction():
        conn.execute(f"DELETE FROM {META_TABLE} WHERE key = 'set_aside'")  # noqa: S608 - a constant table name
    return time.monotonic() - began


def move_sequences(conn: psycopg.Connection, tables: list[str]) -> None:
    """Ids were given by formula: the app's next insert must come after the highest."""
    with conn.transaction():
        for table in tables:
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - the project's own tables
                f"GREATEST((SELECT max(id) FROM {table}), 1))"
            )
