"""Make sure the data set of a size exists: its database created, migrated and built (or the build resumed)."""

import os
import sys
import time
from pathlib import Path

from . import build, store
from .sizes import SIZES

ROOT = Path(__file__).resolve().parents[2]
SEED = 12
PASSWORD = "benchmark"  # noqa: S105 - the benchmark users' password, in a database of test data only


def django_on(url: str) -> None:
    """Django on the benchmark database, with the test settings (PostgreSQL, fast hasher, no real mail)."""
    os.environ.setdefault("BENCH_BASE_DATABASE_URL", os.environ.get("DATABASE_URL", ""))
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def rebuild_summaries() -> None:
    """The per-family summary (casework.FamilySummary), where the project has it: one set-based rebuild."""
    from django.core.management import call_command, get_commands

    if "rebuild_family_summaries" in get_commands():
        call_command("rebuild_family_summaries")
        print("  family summaries rebuilt", flush=True)


def prepare(
    size_name: str, *, seed: int = SEED, rebuild: bool = False, base_url: str | None = None, keep_indexes: bool = False
) -> str:
    """The URL of the data set's database, built when missing or unfinished. Sets up Django on it."""
    size = SIZES[size_name]
    url, name, cfg = store.database_url(size_name, base_url)
    if rebuild:
        store.admin(cfg, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    if not store.database_exists(cfg, name):
        store.admin(cfg, f'CREATE DATABASE "{name}"')
        print(f"Database {name} created.", flush=True)
    django_on(url)
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone

    began = time.monotonic()
    call_command("migrate", verbosity=0)
    migrate_s = time.monotonic() - began
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        store.ensure_tables(conn)
        finished = store.meta_get(conn, "built")
    if finished:
        return url
    print(
        f"Building size {size.name} in {name}: {size.teams} teams, {size.active:,} active and {size.closed:,} closed "
        f"families, {size.contacts:,} contacts, {size.log_rows:,} access-log rows (migrate took {migrate_s:.0f} s)",
        flush=True,
    )
    result = build.build(
        url,
        size=size,
        seed=seed,
        today=timezone.localdate(),
        password=make_password(PASSWORD),
        keep_indexes=keep_indexes,
        after_load=rebuild_summaries,
    )
    with psycopg.connect(url, autocommit=True) as conn:
        store.meta_set(conn, "built", result)
    print(
        f"Built in {result['total_s']:.0f} s (load {result['load_s']:.0f} s, indexes and keys {result['indexes_s']:.0f}"
        f" s, analyze {result['analyze_s']:.0f} s, summaries {result['summaries_s']:.0f} s)",
        flush=True,
    )
    return url
