"""The lag guard: a replica that is behind (or unreachable) serves nothing; its reads go to the primary.

The replica's pages may be "a moment" behind the primary, and no more: settings.REPLICA_MAX_LAG_SECONDS
(default 10). The lag is measured on the replica itself, at most every REPLICA_LAG_CHECK_SECONDS
(default 5) per process, and the answer is kept in between, so a page pays no query for it:

- caught up: the replica has replayed all WAL it received (`pg_last_wal_receive_lsn() =
  pg_last_wal_replay_lsn()`). Then it is as current as the primary has told it, however long ago its
  last replayed transaction was: on an idle primary `now() - pg_last_xact_replay_timestamp()` grows
  without any lag, so that figure alone would turn a healthy replica off.
- otherwise the lag is `now() - pg_last_xact_replay_timestamp()`: how long ago the last transaction
  it shows committed. NULL (nothing replayed yet) counts as behind. A paused replay
  (`pg_wal_replay_pause()`) with WAL waiting grows it until the guard sends the reads away.
- a server not in recovery (a promoted replica) holds its own data: fresh.
- no answer (down, refused, timed out) is behind: the reads go to the primary, and the connection is
  closed so the next check connects anew.

A change of the verdict is logged once (a warning when the replica is turned off, info when it is back),
not per page.
"""

import logging
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

_LAG_SQL = """
SELECT pg_is_in_recovery(),
       pg_last_wal_receive_lsn() IS NOT NULL AND pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
         -- ... while a WAL receiver runs: when streaming stops, receive and replay meet and stay equal
         -- however old the data is. Its status is NULL for a role without pg_read_all_stats.
         AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status IS NULL OR status = 'streaming'),
       EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())
"""


@dataclass
class _Verdict:
    fresh: bool = False
    checked_at: float | None = None  # time.monotonic() of the last check; None: never checked
    reason: str = ""


_verdict = _Verdict()
_lock = threading.Lock()


def measure_replica_lag() -> tuple[bool, str]:
    """Ask the replica now: (fresh enough to read from, why)."""
    alias = settings.REPLICA_ALIAS
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute(_LAG_SQL)
            in_recovery, caught_up, lag = cursor.fetchone()
    except DatabaseError as error:
        connections[alias].close()
        return False, f"unreachable ({type(error).__name__}: {str(error).strip()[:200]})"
    if not in_recovery:
        # The primary itself named as the replica is fresh; a replica promoted by accident follows nobody.
        if _same_server(alias):
            return True, "not in recovery (the primary itself)"
        return False, "not in recovery: a promoted replica no longer follows the primary"
    if caught_up:
        return True, "caught up"
    if lag is None:
        return False, "behind, nothing replayed yet"
    limit = float(settings.REPLICA_MAX_LAG_SECONDS)
    return float(lag) <= limit, f"{float(lag):.1f} s behind (limit {limit:g} s)"


def _same_server(alias: str) -> bool:
    here, primary = connections[alias].settings_dict, connections["default"].settings_dict
    return all(here.get(key) == primary.get(key) for key in ("HOST", "PORT", "NAME"))


def replica_fresh() -> bool:
    """Whether reads may go to the replica now: the kept verdict, measured again when it is older than allowed."""
    now = time.monotonic()
    with _lock:
        if _verdict.checked_at is not None and now - _verdict.checked_at < settings.REPLICA_LAG_CHECK_SECONDS:
            return _verdict.fresh
        # Claim this check, so the other threads keep using the old verdict meanwhile instead of all asking.
        first = _verdict.checked_at is None
        _verdict.checked_at = now
        was = _verdict.fresh
    fresh, reason = measure_replica_lag()
    with _lock:
        _verdict.fresh, _verdict.reason = fresh, reason
    if not fresh and (was or first):
        logger.warning("Read replica not used, its reads go to the primary: %s", reason)
    elif fresh and not was and not first:
        logger.info("Read replica used again: %s", reason)
    return fresh


def replica_verdict_forget() -> None:
    """Measure again at the next read (tests; a process that wants a fresh answer now)."""
    with _lock:
        _verdict.checked_at = None
        _verdict.fresh = False
