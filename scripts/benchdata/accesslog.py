"""A year of access-log rows, in the table's shape of the day.

With the column `family_ids` (one row per page view or API call, all families it
concerns) a list view is one row with 15-250 ids; without it (one row per family
shown) the same view is that many rows. Either way the size's `log_rows` counts
rows of the table. The views are the ones workers make all day: family pages
(a few files are opened far more than others), "Mijn gezinnen", the team list
and dashboard, recorded contacts, and partners' API list calls.
"""

import datetime as dt
from functools import lru_cache

import psycopg

from . import accesslog_sql
from . import shapes as sh
from .families import has_partner, partner_of
from .sizes import Size
from .store import Copier

LOG_DAYS = 365
TABLE = "privacy_accesslogentry"
NULL = "\\N"
HOT_SHARE = 0.2
API_PAGE = (
    50  # families per page of the partner API's lists  # of the family page views go to the ten most viewed files
)


def new_shape(cur: psycopg.Cursor) -> bool:
    return bool(
        cur.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = 'family_ids'", [TABLE]
        ).fetchone()
    )


def _partitioned(cur: psycopg.Cursor) -> bool:
    return bool(cur.execute("SELECT 1 FROM pg_partitioned_table WHERE partrelid = %s::regclass", [TABLE]).fetchone())


def ensure_partitions(cur: psycopg.Cursor, first: dt.date, last: dt.date, shape_new: bool) -> None:
    """Monthly partitions for the months a chunk writes into, where no partition (or default) takes them yet."""
    if not _partitioned(cur):
        return
    month = first.replace(day=1)
    if cur.execute("SELECT to_regproc('privacy_accesslog_partition_create')").fetchone()[0]:
        # The app's own function (privacy migration 0004): its names, its TRUNCATE guards; else the
        # table's DEFAULT partition would take every generated month.
        while month <= last:
            cur.execute("SELECT privacy_accesslog_partition_create(%s)", [f"{month.isoformat()} 00:00:00+00"])
            month = (month + dt.timedelta(days=32)).replace(day=1)
        return
    while month <= last:
        following = (month + dt.timedelta(days=32)).replace(day=1)
        ids = ("family_ids", "'{1}'") if shape_new else ("family_id", "1")
        try:
            with cur.connection.transaction():
                cur.execute(
                    f"INSERT INTO {TABLE} (at, {ids[0]}, action, what, channel, client, purpose) "  # noqa: S608
                    f"VALUES (%s, {ids[1]}, 'inzien', 'probe', 'systeem', '', '')",
                    [f"{month.isoformat()} 12:00:00+00"],
                )
                raise psycopg.Rollback()
        except psycopg.errors.CheckViolation:
            cur.execute(
                f'CREATE TABLE IF NOT EXISTS "{TABLE}_p{month:%Y_%m}" PARTITION OF {TABLE} '
                f"FOR VALUES FROM ('{month.isoformat()}') TO ('{following.isoformat()}')"
            )
        month = following


@lru_cache(maxsize=4)
def _world(seed: int, size: Size, today: dt.date):
    """Who sees which families: per gezinsmanager, per team, per partner; and the files opened most."""
    active = [f for f in sh.families_of(seed, size, today) if f.active]
    by_gm: dict[int, list[int]] = {}
    by_team: dict[int, list[int]] = {}
    by_partner: dict[int, list[int]] = {}
    for f in active:
        by_gm.setdefault(f.manager, []).append(f.id)
        by_team.setdefault(f.team, []).append(f.id)
        if has_partner(f):
            by_partner.setdefault(partner_of(f.id), []).append(f.id)
    busiest = sh.busiest_family(seed, size, today)
    hot = [busiest, *[f.id for f in active[:: max(1, len(active) // 9)] if f.id != busiest][:9]]
    manager = {f.id: f.manager for f in active}
    # A partner's API list comes in pages of API_PAGE families: one call, one page.
    pages = {(p, k): ids[k : k + API_PAGE] for p, ids in by_partner.items() for k in range(0, len(ids), API_PAGE)}
    lists = {
        name: [
            (key if name != "partner" else key[0], ids, "{" + ",".join(map(str, ids)) + "}")
            for key, ids in sorted(group.items())
        ]
        for name, group in (("gm", by_gm), ("team", by_team), ("partner", pages))
    }
    return [f.id for f in active], hot, manager, lists


_SECONDS = [f"{7 + s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}+00" for s in range(36000)]


@lru_cache(maxsize=4)
def _ips(managers: tuple[int, ...], teams: int) -> dict[int, str]:
    """An office address per user who looks (API calls have none: the client is named instead)."""
    users = [*managers, *(sh.teamleider(t) for t in range(teams)), *(sh.senior(t) for t in range(teams))]
    return {uid: f"10.{uid // 65536 % 256}.{uid // 256 % 256}.{uid % 256}" for uid in users}


def log_rows(cur: psycopg.Cursor, *, seed: int, size: Size, today: dt.date, chunk: int, chunks: int, rows: int) -> int:
    """Chunk `chunk` of `chunks`: `rows` rows in its slice of the last LOG_DAYS days.

    The log of the day's shape (`family_ids`) is made by PostgreSQL (accesslog_sql); the old shape,
    one row per family shown, is written here as COPY text, for a comparison with an older checkout.
    """
    shape_new = new_shape(cur)
    if shape_new:
        return accesslog_sql.log_rows(
            cur, seed=seed, size=size, today=today, chunk=chunk, chunks=chunks, rows=rows, days=LOG_DAYS
        )
    start = today - dt.timedelta(days=LOG_DAYS)
    first = start + dt.timedelta(days=LOG_DAYS * chunk // chunks)
    last = start + dt.timedelta(days=LOG_DAYS * (chunk + 1) // chunks)
    ensure_partitions(cur, first, last, shape_new)
    out = Copier(
        cur,
        TABLE,
        ["at", "user_id", "family_id", "action", "what", "channel", "client", "purpose", "ip_address"],
        stream=True,
    )
    actives, hot, manager, lists = _world(seed, size, today)
    if not actives:
        return out.close()
    rng = sh.rng_for(seed, 7, chunk)
    rand = rng.random
    # Timestamps as text made once: the day's date, then one of the 36,000 seconds of 07:00-17:00 UTC.
    days = [f"{first + dt.timedelta(days=d)} " for d in range(max(1, (last - first).days))]
    n_days, seconds = len(days), _SECONDS
    ips = _ips(tuple(sorted(set(manager.values()))), size.teams)
    n_actives, n_hot = len(actives), len(hot)
    gms, teams, partners = lists["gm"], lists["team"], lists["partner"]
    written = 0
    parts: list[str] = []
    while written < rows:
        at = days[int(rand() * n_days)] + seconds[int(rand() * 36000)]
        r = rand()
        client = ""
        if r < 0.5:
            fid = hot[int(rand() * n_hot)] if rand() < HOT_SHARE else actives[int(rand() * n_actives)]
            uid, ids = manager[fid], [fid]
            action, what = ("inzien", "gezinsdossier") if r < 0.4 else ("toevoegen", "contactmoment")
        elif r < 0.8:
            uid, ids, _array = gms[int(rand() * len(gms))]
            action, what = "lijst", "mijn gezinnen"
        elif r < 0.85:
            team, ids, _array = teams[int(rand() * len(teams))]
            uid = sh.teamleider(team) if r < 0.83 else sh.senior(team)
            action, what = "lijst", "gezinnen van het team" if r < 0.83 else "teamdashboard"
        elif r < 0.95 and partners:
            partner, ids, _array = partners[int(rand() * len(partners))]
            uid, client = 0, f"partner-{partner:02d}"
            action, what = "lijst", "gezinnen (API)"
        else:
            fid = actives[int(rand() * n_actives)]
            uid, ids = manager[fid], [fid]
            action, what = "inzien", "gezinsplan"
        user = str(uid) if uid else NULL
        tail = f"\t{action}\t{what}\t{'api' if client else 'web'}\t{client}\t\t{ips.get(uid, NULL)}\n"
        take = ids[: rows - written]
        parts.append("".join(f"{at}\t{user}\t{fid}{tail}" for fid in take))
        written += len(take)
        if len(parts) >= 5000:
            out.write("".join(parts), rows=0)
            parts = []
    out.write("".join(parts), rows=0)
    out.close()
    return written
