"""`make backup` and `make restore`: the PostgreSQL database as a pg_dump custom-format file, and back.

What is backed up is the database and nothing else, because nothing else holds data: reports keep their
figures frozen as JSON in `reports_report.data` (their PDF and CSV are rendered from it on request), and
no model stores a file on disk. The e-mail outbox and the access log are tables like the rest.

    backup.py backup                  # DATABASE_URL -> BACKUP_DIR/gezinsgericht-<UTC time>.dump
    backup.py restore FILE [--clean]  # FILE -> DATABASE_URL (created when missing; refused when not empty)

A backup is written under a temporary name, read back with `pg_restore --list` (a file that cannot be read
is no backup) and only then given its name; backups older than BACKUP_KEEP_DAYS (30) are removed. A restore
runs in one transaction and stops at the first error, so it either lands whole or not at all; afterwards it
checks that the access log's append-only triggers came along. Ownership is not restored (`--no-owner`): the
restoring role owns the objects; run `manage.py db_roles` on it as the superuser (README, Production).
"""

import argparse
import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/gezinsgericht"
# The access log's append-only triggers (core.triggers, django-pgtrigger): rows and TRUNCATE.
TRIGGERS = ("pgtrigger_append_only_rows_%", "pgtrigger_append_only_truncate_%")


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if urlsplit(url).scheme not in ("postgres", "postgresql"):
        raise SystemExit("backup: DATABASE_URL is not PostgreSQL (the embedded SQLite demo: copy db.sqlite3 instead)")
    return url


def with_database(url: str, name: str) -> str:
    return urlsplit(url)._replace(path=f"/{name}").geturl()


def backup(directory: Path, keep_days: int) -> Path:
    url = database_url()
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"gezinsgericht-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}.dump"
    partial = target.with_suffix(".partial")
    subprocess.run(["pg_dump", "--format=custom", "--no-owner", f"--file={partial}", f"--dbname={url}"], check=True)
    subprocess.run(["pg_restore", "--list", str(partial)], check=True, stdout=subprocess.DEVNULL)
    partial.rename(target)
    cutoff = time.time() - keep_days * 86400
    for old in directory.glob("gezinsgericht-*.dump"):
        if old.stat().st_mtime < cutoff:
            old.unlink()
    return target


def _ensure_database(url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            admin.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name)))


def restore(dump: Path, *, clean: bool) -> dict[str, int]:
    url = database_url()
    _ensure_database(url)
    with psycopg.connect(url) as conn:
        tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0]
    if tables and not clean:
        raise SystemExit(f"restore: {urlsplit(url).path.lstrip('/')} is not empty; pass --clean to replace it")
    command = ["pg_restore", "--no-owner", "--exit-on-error", "--single-transaction", f"--dbname={url}"]
    if clean:
        command += ["--clean", "--if-exists"]
    subprocess.run([*command, str(dump)], check=True)
    with psycopg.connect(url) as conn:
        for pattern in TRIGGERS:
            found = conn.execute(
                "SELECT 1 FROM pg_trigger WHERE tgrelid = 'privacy_accesslogentry'::regclass AND tgname LIKE %s",
                [pattern],
            ).fetchone()
            if found is None:
                raise SystemExit("restore: the access log's append-only triggers are missing")
        counts = {
            table: conn.execute(
                psycopg.sql.SQL("SELECT count(*) FROM {}").format(psycopg.sql.Identifier(table))
            ).fetchone()[0]
            for table in ("accounts_user", "casework_family", "casework_contact", "privacy_accesslogentry")
        }
    return counts


log = logging.getLogger("backup")


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("backup")
    restoring = commands.add_parser("restore")
    restoring.add_argument("dump", type=Path)
    restoring.add_argument("--clean", action="store_true", help="replace what the target database holds")
    args = parser.parse_args()
    if args.command == "backup":
        directory = Path(os.environ.get("BACKUP_DIR", "backups"))
        log.info("%s", backup(directory, int(os.environ.get("BACKUP_KEEP_DAYS", "30"))))
    else:
        counts = restore(args.dump, clean=args.clean)
        log.info("restored: %s", ", ".join(f"{table} {count}" for table, count in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
