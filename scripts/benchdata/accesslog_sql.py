"""The access log's rows made by PostgreSQL itself, for the log in the shape of the day (`family_ids`).

Why not COPY: a row of the new shape carries an array of up to 250 ids, and PostgreSQL
parsing those arrays from COPY text was the bound of the whole build (about 30,000
rows/s, an hour for the national size). Here Python writes once the few hundred
thousand distinct *views* a worker makes (a family page, a contact, "Mijn gezinnen" of
one gezinsmanager, a team's list, a partner's page of the API) into `bench_log_view`;
each chunk is then one `INSERT ... SELECT` over `generate_series` that draws, per row,
a kind of view, one view of that kind and a moment with `hashint8extended`: no text to
parse, and two chunks run at once on two connections (build.py).

The draw has the same shares as the Python generator (accesslog.log_rows), and every
row is a pure function of the seed, the chunk and the row's number, so a rerun or a
resumed build writes the same rows.
"""

import datetime as dt

import psycopg

from . import shapes as sh
from .sizes import Size

VIEW_TABLE = "bench_log_view"
HOT_SHARE = 0.2  # of the family page views go to the ten most viewed files

# (kind, upper bound of the draw r, what the row is): the shares of accesslog.log_rows.
# Kinds 0-3 are family views split by the second draw into the hot files and all files.
KINDS = [
    ("file", 0.40, "inzien", "gezinsdossier", "web"),
    ("contact", 0.50, "toevoegen", "contactmoment", "web"),
    ("gm", 0.80, "lijst", "mijn gezinnen", "web"),
    ("team", 0.83, "lijst", "gezinnen van het team", "web"),
    ("dashboard", 0.85, "lijst", "teamdashboard", "web"),
    ("partner", 0.95, "lijst", "gezinnen (API)", "api"),
    ("plan", 1.00, "inzien", "gezinsplan", "web"),
]


def _views(seed: int, size: Size, today: dt.date) -> list[tuple[str, list[tuple]]]:
    """Per kind (hot files apart), its views: (user id, ids as an array literal, client, ip)."""
    from .accesslog import _ips, _world  # the Python generator's picture of who sees what

    actives, hot, manager, lists = _world(seed, size, today)
    ips = _ips(tuple(sorted(set(manager.values()))), size.teams)

    def single(fid: int) -> tuple:
        return (manager[fid], f"{{{fid}}}", "", ips.get(manager[fid]))

    out: list[tuple[str, list[tuple]]] = []
    for kind, *_rest in KINDS:
        if kind in ("file", "contact"):
            out.append((f"{kind}:hot", [single(f) for f in hot]))
            out.append((kind, [single(f) for f in actives]))
        elif kind == "plan":
            out.append((kind, [single(f) for f in actives]))
        elif kind == "gm":
            out.append((kind, [(uid, array, "", ips.get(uid)) for uid, _ids, array in lists["gm"]]))
        elif kind in ("team", "dashboard"):
            who = sh.teamleider if kind == "team" else sh.senior
            out.append((kind, [(who(t), array, "", ips.get(who(t))) for t, _ids, array in lists["team"]]))
        else:
            out.append((kind, [(None, array, f"partner-{p:02d}", None) for p, _ids, array in lists["partner"]]))
    return out


def prepare(cur: psycopg.Cursor, *, seed: int, size: Size, today: dt.date) -> int:
    """The step `accesslog:views`: every distinct view once, numbered per kind from an offset.

    It also makes the log's monthly partitions for the whole span, so the chunks that then run
    two at a time never race to make the same month.
    """
    from .accesslog import LOG_DAYS, ensure_partitions

    ensure_partitions(cur, today - dt.timedelta(days=LOG_DAYS), today, True)
    cur.execute(
        f"""CREATE TABLE IF NOT EXISTS {VIEW_TABLE} (
              k integer PRIMARY KEY, user_id integer, family_ids bigint[] NOT NULL,
              client text NOT NULL, ip_address inet)"""
    )
    cur.execute(f"TRUNCATE {VIEW_TABLE}")
    k = 0
    with cur.copy(f"COPY {VIEW_TABLE} (k, user_id, family_ids, client, ip_address) FROM STDIN") as copy:
        for _kind, rows in _views(seed, size, today):
            for user, array, client, ip in rows:
                copy.write_row((k, user, array, client, ip))
                k += 1
    return k


def _offsets(seed: int, size: Size, today: dt.date) -> dict[str, tuple[int, int]]:
    offsets, k = {}, 0
    for kind, rows in _views(seed, size, today):
        offsets[kind] = (k, len(rows))
        k += len(rows)
    return offsets


def log_rows(
    cur: psycopg.Cursor, *, seed: int, size: Size, today: dt.date, chunk: int, chunks: int, rows: int, days: int
) -> int:
    """Chunk `chunk` of `chunks`: `rows` rows in its slice of the last `days` days, 07:00-17:00 UTC."""
    from .accesslog import TABLE, ensure_partitions

    start = today - dt.timedelta(days=days)
    first = start + dt.timedelta(days=days * chunk // chunks)
    last = start + dt.timedelta(days=days * (chunk + 1) // chunks)
    ensure_partitions(cur, first, last, True)
    offsets = _offsets(seed, size, today)
    if not offsets["plan"][1]:
        return 0
    n_days = max(1, (last - first).days)
    # The kind from r; the hot files from h (kinds file and contact); a partner-less data set
    # gives the partner's share to the plan, as the Python generator does.
    cases, bound_before = [], 0.0
    for kind, bound, *_rest in KINDS:
        if not offsets[kind][1]:  # no view of this kind (a data set without partners): the next kind's share
            continue
        if kind in ("file", "contact") and offsets[kind + ":hot"][1]:
            cases.append(f"WHEN r < {bound} AND h < {HOT_SHARE} THEN {_pick(offsets, kind + ':hot')}")
        cases.append(f"WHEN r < {bound} THEN {_pick(offsets, kind)}")
        bound_before = bound
    assert bound_before == 1.0
    labels = []
    for kind, _bound, action, what, channel in KINDS:
        for part in (kind, kind + ":hot") if kind in ("file", "contact") else (kind,):
            offset, count = offsets[part]
            if count:
                label = f"ARRAY['{action}', '{what}', '{channel}']"
                labels.append(f"WHEN y.k >= {offset} AND y.k < {offset + count} THEN {label}")
    base = seed * 1_000_003 + chunk * 16
    # The planner would JIT-compile this once-per-chunk statement for half a minute: not worth it.
    cur.execute("SET LOCAL jit = off")
    cur.execute(
        f"""
        INSERT INTO {TABLE} (at, user_id, family_ids, action, what, channel, client, purpose, ip_address)
        SELECT x.at, v.user_id, v.family_ids, x.label[1], x.label[2], x.label[3], v.client, '', v.ip_address
        FROM (
            SELECT y.k, y.at, CASE {" ".join(labels)} END AS label
            FROM (
                SELECT CASE {" ".join(cases)} END AS k,
                       %(first)s::timestamptz
                         + make_interval(days => floor(u * {n_days})::int, secs => 25200 + floor(s * 36000)) AS at
                FROM (
                    SELECT (hashint8extended(g, {base}) & 2147483647)::float8 / 2147483648 AS r,
                           (hashint8extended(g, {base + 1}) & 2147483647)::float8 / 2147483648 AS h,
                           (hashint8extended(g, {base + 2}) & 2147483647)::float8 / 2147483648 AS p,
                           (hashint8extended(g, {base + 3}) & 2147483647)::float8 / 2147483648 AS u,
                           (hashint8extended(g, {base + 4}) & 2147483647)::float8 / 2147483648 AS s
                    FROM generate_series(0, %(rows)s - 1) AS g
                    OFFSET 0  -- each draw once, not copied into every branch of the CASE below
                ) AS draw
            ) AS y
        ) AS x
        JOIN {VIEW_TABLE} v ON v.k = x.k
        """,  # noqa: S608 - numbers and the module's own labels, no input
        {"first": f"{first.isoformat()} 00:00:00+00", "rows": rows},
    )
    return cur.rowcount


def _pick(offsets: dict[str, tuple[int, int]], kind: str) -> str:
    """SQL for the view of `kind` the draw p points at."""
    offset, count = offsets[kind]
    return f"{offset} + LEAST(floor(p * {count})::int, {count - 1})"
