"""A real PostgreSQL streaming replica for the tests: two clusters of our own, started and removed here.

The machine's own PostgreSQL (the test server) is not configured for replication connections, and a
test never reconfigures or restarts it. So `streaming_replica()` starts a PRIMARY cluster of its own
(initdb, port 5440, wal_level=replica) and a REPLICA of it (`pg_basebackup -R`, port 5441, a hot
standby streaming from the primary), waits until the replica is in recovery and accepts queries, and
on the way out - also when the test fails - stops and removes exactly these two clusters and nothing
else. PostgreSQL refuses to run as root; under root the server tools run as the `postgres` user.

Skipped, with the reason, only when the server tools (initdb, pg_ctl, pg_basebackup) are missing.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

PRIMARY_PORT = 5440
REPLICA_PORT = 5441
HOST = "127.0.0.1"
SUPERUSER = "postgres"
DATABASE = "gg_scale_replica"
START_TIMEOUT = 60  # seconds


@dataclass(frozen=True)
class Clusters:
    bindir: Path
    primary_url: str
    replica_url: str

    def tool(self, name: str) -> str:
        return str(self.bindir / name)


def server_bindir() -> Path | None:
    """Where initdb, pg_ctl and pg_basebackup are: pg_config's answer, else the PATH."""
    candidates = []
    if pg_config := shutil.which("pg_config"):
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)  # noqa: S603
        candidates.append(Path(out.stdout.strip()))
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    if initdb := shutil.which("initdb"):
        candidates.append(Path(initdb).resolve().parent)
    for bindir in candidates:
        if all((bindir / tool).exists() for tool in ("initdb", "pg_ctl", "pg_basebackup", "pg_dump", "psql")):
            return bindir
    return None


def _as_server_user(args: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", SUPERUSER, "--", *args]
    return args


def _run(args: list[str], *, server: bool = True) -> None:
    command = _as_server_user(args) if server else args
    result = subprocess.run(command, capture_output=True, text=True, timeout=START_TIMEOUT * 2, check=False)  # noqa: S603
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex((HOST, port)) != 0


def _url(port: int) -> str:
    return f"postgres://{SUPERUSER}@{HOST}:{port}/{DATABASE}"


def _wait_until(check, what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except psycopg.Error as error:
            last = error
        time.sleep(0.2)
    raise RuntimeError(f"timed out waiting for {what} ({last})")


def _in_recovery() -> bool:
    with psycopg.connect(_url(REPLICA_PORT), connect_timeout=2) as conn:
        return bool(conn.execute("SELECT pg_is_in_recovery()").fetchone()[0])  # type: ignore[index]


def wait_for_replay(clusters: Clusters) -> None:
    """Until the replica has replayed everything the primary has written so far."""
    with psycopg.connect(clusters.primary_url, autocommit=True) as primary:
        lsn = primary.execute("SELECT pg_current_wal_lsn()").fetchone()[0]  # type: ignore[index]

    def caught_up() -> bool:
        with psycopg.connect(clusters.replica_url, connect_timeout=2) as replica:
            row = replica.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn]).fetchone()
            return bool(row and row[0])

    _wait_until(caught_up, "the replica to replay the primary's writes")


@contextmanager
def streaming_replica() -> Iterator[Clusters]:
    bindir = server_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL's server tools (initdb, pg_ctl, pg_basebackup) are not installed")
    for port in (PRIMARY_PORT, REPLICA_PORT):
        if not _port_free(port):
            pytest.fail(f"port {port} is taken: a cluster left by an earlier run? (not ours to stop)")
    root = Path(tempfile.mkdtemp(prefix="gg_scale_replica_"))
    if os.geteuid() == 0:
        shutil.chown(root, user=SUPERUSER)
    primary, replica = root / "primary", root / "replica"
    started: list[Path] = []
    clusters = Clusters(bindir=bindir, primary_url=_url(PRIMARY_PORT), replica_url=_url(REPLICA_PORT))
    try:
        _run([clusters.tool("initdb"), "-D", str(primary), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8"])
        # initdb's pg_hba.conf with --auth=trust already lets 127.0.0.1 make replication connections.
        settings = {
            "port": PRIMARY_PORT,
            "listen_addresses": f"'{HOST}'",
            "unix_socket_directories": f"'{root}'",
            "wal_level": "replica",
            "max_wal_senders": 4,
            "hot_standby": "on",
            # A test cluster: speed over crash safety (its data is thrown away at the end).
            "fsync": "off",
            "full_page_writes": "off",
            "shared_buffers": "'32MB'",
        }
        with (primary / "postgresql.conf").open("a") as conf:
            conf.write("".join(f"\n{key} = {value}" for key, value in settings.items()) + "\n")
        _run([clusters.tool("pg_ctl"), "-D", str(primary), "-l", str(root / "primary.log"), "-w", "start"])
        started.append(primary)
        _run([clusters.tool("createdb"), "-h", HOST, "-p", str(PRIMARY_PORT), "-U", SUPERUSER, DATABASE])
        _run(
            [
                clusters.tool("pg_basebackup"),
                *("-h", HOST, "-p", str(PRIMARY_PORT), "-U", SUPERUSER),
                *("-D", str(replica), "-R", "-X", "stream", "--checkpoint=fast"),
            ]
        )
        with (replica / "postgresql.conf").open("a") as conf:
            conf.write(f"\nport = {REPLICA_PORT}\n")
        _run([clusters.tool("pg_ctl"), "-D", str(replica), "-l", str(root / "replica.log"), "-w", "start"])
        started.append(replica)
        _wait_until(_in_recovery, "the replica to accept queries in recovery")
        yield clusters
    finally:
        for datadir in reversed(started):
            # Removed below all the same; its port frees when the process is gone.
            with suppress(RuntimeError):
                _run([clusters.tool("pg_ctl"), "-D", str(datadir), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(root, ignore_errors=True)


def copy_schema(*, clusters: Clusters, source: dict) -> None:
    """The test database's schema (tables, triggers, functions) onto the primary; it streams to the replica."""
    dump = subprocess.run(  # noqa: S603
        [
            clusters.tool("pg_dump"),
            "--schema-only",
            "--no-owner",
            "--no-privileges",
            *("-h", str(source["HOST"] or HOST), "-p", str(source["PORT"] or 5432)),
            *("-U", source["USER"] or SUPERUSER, source["NAME"]),
        ],
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout
    subprocess.run(  # noqa: S603
        [clusters.tool("psql"), "-q", "-v", "ON_ERROR_STOP=1", clusters.primary_url],
        input=dump,
        capture_output=True,
        check=True,
        timeout=120,
    )
