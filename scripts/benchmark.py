"""Benchmark the pages a worker opens most, on a data set of realistic size.

    .venv/bin/python scripts/benchmark.py [--families 3000] [--contacts-per-month 4] [--keep]

Uses `config.settings.test` (PostgreSQL; DATABASE_URL may point elsewhere) but
always a separate database, `gezinsgericht_bench`, so neither the development
nor the test database is touched. The database is created and migrated when
missing and filled with `manage.py demo_data` unless it already holds a set of
the asked size. Each page is requested through Django's test client (the whole
stack: middleware, access checks, access log, templates) by a logged-in user:

- "Mijn gezinnen" for the gezinsmanager with the most active families,
- the team list (`?alle=1`) for that team's teamleider,
- the family page of the family with the most contacts.

Reported per page: median and p95 wall time over the timed requests, and the
number of SQL queries of one request. The table goes to the terminal, the same
figures as JSON to `benchmark-results/benchmark.json`. The database is dropped
at the end unless `--keep` is given.
"""

import argparse
import json
import logging
import os
import statistics
import sys
import time
from pathlib import Path

import environ
import psycopg

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "gezinsgericht_bench"
RESULTS = ROOT / "benchmark-results" / "benchmark.json"


def admin_connection(cfg: dict) -> psycopg.Connection:
    return psycopg.connect(
        host=cfg["HOST"] or "127.0.0.1",
        port=cfg["PORT"] or 5432,
        user=cfg["USER"] or "postgres",
        password=cfg["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


def bench_database_url() -> tuple[str, dict]:
    """DATABASE_URL (or the test default) with the database name replaced by BENCH_DB."""
    url = environ.Env().str("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/gezinsgericht")
    cfg = environ.Env.db_url_config(url)
    if "postgresql" not in cfg["ENGINE"]:
        sys.exit("The benchmark needs PostgreSQL; point DATABASE_URL at a PostgreSQL server.")
    auth = cfg["USER"] + (f":{cfg['PASSWORD']}" if cfg["PASSWORD"] else "") + "@" if cfg["USER"] else ""
    port = f":{cfg['PORT']}" if cfg["PORT"] else ""
    return f"postgres://{auth}{cfg['HOST'] or '127.0.0.1'}{port}/{BENCH_DB}", cfg


def create_database(cfg: dict) -> None:
    with admin_connection(cfg) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]).fetchone():
            conn.execute(f'CREATE DATABASE "{BENCH_DB}"')
            print(f"Database {BENCH_DB} created.")


def drop_database(cfg: dict) -> None:
    from django.db import connections

    connections.close_all()
    with admin_connection(cfg) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
    print(f"Database {BENCH_DB} dropped (use --keep to keep it).")


def measure(client, url: str, repeat: int) -> dict:
    """Median and p95 over `repeat` requests after two warm-ups; queries of one request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = len(captured)  # now: the next request's start empties the query log
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200
    return {
        "url": url,
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(statistics.quantiles(times, n=20, method="inclusive")[18], 1),
        "queries": queries,
        "kilobytes": round(len(response.content) / 1024, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--families", type=int, default=3000)
    parser.add_argument("--contacts-per-month", type=float, default=4.0)
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page (default 20)")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    args = parser.parse_args()

    url, cfg = bench_database_url()
    create_database(cfg)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db.models import Count, Q
    from django.test import Client
    from django.urls import reverse

    from accounts.models import Membership, TeamRole, User
    from casework.models import Contact, Family, Phase

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    logging.getLogger("axes").setLevel(logging.WARNING)  # force_login would log every log-in
    try:
        call_command("migrate", verbosity=0)
        generated_in = None
        if Family.objects.count() != args.families:
            if Family.objects.exists():
                print("The benchmark database holds another data set; recreating it.")
                drop_database(cfg)
                create_database(cfg)
                call_command("migrate", verbosity=0)
            print(f"Generating {args.families} families ({args.contacts_per_month:g} contacts per month)...")
            began = time.monotonic()
            call_command("demo_data", families=args.families, contacts_per_month=args.contacts_per_month)
            generated_in = round(time.monotonic() - began, 1)

        active = ~Q(managed_families__phase=Phase.AFGESLOTEN)
        worker = User.objects.annotate(n=Count("managed_families", filter=active)).order_by("-n").first()
        team_id = Family.objects.filter(manager=worker).values_list("team_id", flat=True).first()
        leader = Membership.objects.active().get(team_id=team_id, role=TeamRole.TEAMLEIDER).user
        family = Family.objects.annotate(n=Count("contacts")).order_by("-n").first()

        dataset = {
            "families": Family.objects.count(),
            "contacts": Contact.objects.count(),
            "families_of_worker": worker.n,
            "families_in_team": Family.objects.filter(team_id=team_id).exclude(phase=Phase.AFGESLOTEN).count(),
            "contacts_of_family": family.n,
            "generated_in_s": generated_in,
        }
        pages = [
            ("Mijn gezinnen", worker, reverse("casework:my_families")),
            ("Gezinnen van het team (?alle=1)", leader, reverse("casework:my_families") + "?alle=1"),
            ("Gezinsdossier", family.manager, reverse("casework:family_detail", args=[family.pk])),
        ]
        results = []
        for name, user, page_url in pages:
            client = Client()
            client.force_login(user)
            results.append({"page": name, "user": user.username, **measure(client, page_url, args.requests)})
    finally:
        if not args.keep:
            drop_database(cfg)

    print(
        f"\nData set: {dataset['families']} families, {dataset['contacts']} contacts; "
        f"the worker has {dataset['families_of_worker']} active families, the team "
        f"{dataset['families_in_team']}, the family {dataset['contacts_of_family']} contacts.\n"
    )
    print(f"{'page':<34} {'user':<14} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'KB':>7}")
    for r in results:
        print(
            f"{r['page']:<34} {r['user']:<14} {r['median_ms']:>10} {r['p95_ms']:>8} {r['queries']:>8} "
            f"{r['kilobytes']:>7}"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "database": "postgresql",
                "requests_per_page": args.requests,
                "dataset": dataset,
                "pages": results,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"\nWritten to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
