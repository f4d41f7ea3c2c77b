"""Benchmark the pages people open all day against their own SQL floor, on the data set of a size.

    .venv/bin/python scripts/benchmark.py [--size tiny|small|medium|national] [--requests 20] [--stability tiny]

Uses the data set of `scripts/benchmark_data.py` (DATABASE_URL's database name +
`_bench_<size>`; built first when missing or unfinished) with
`config.settings.test`. Each page is requested through Django's test client
(the whole stack: middleware, access checks, access log, templates) by a real
user of the data set. Per page, over `--requests` rounds after two warm-ups:
median and p95 of the page; the page's SQL floor in the same round (the
statements the page sent, re-run alone on a plain psycopg connection; see
benchdata/measure.py); the ratio page / floor; the query count; and the
access-log rows one view writes (and the families they name).

The stability check opens the same pages on the data set of `--stability`
(default: small, or tiny when measuring small; `none` to skip) and compares the
query counts: they must not grow with the data. A page whose data differs in
kind (a worker with or without waiting partner help) may differ by the one query
that part costs; the data set gives the chosen family the same parts at every
size for that reason. Table on the terminal; the same as JSON in
benchmark-results/benchmark.json (and benchmark-<size>.json).
"""

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchdata import store
from benchdata.prepare import SEED, prepare
from benchdata.sizes import SIZES

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmark-results"


def pages(busiest_family: int) -> list:
    """The pages, each with the user who opens it most; chosen from the data, the same way at every size."""
    from benchdata.measure import Page
    from django.db.models import Count, Q
    from django.urls import reverse
    from django.utils import timezone

    from accounts.models import Membership, OrgRole, TeamRole, User
    from casework.models import Family, Phase
    from teams.models import TeamSession

    active = ~Q(managed_families__phase=Phase.AFGESLOTEN)
    worker = User.objects.annotate(n=Count("managed_families", filter=active)).order_by("-n", "id").first()
    team_id = Family.objects.filter(manager=worker).values_list("team_id", flat=True).first()
    leader = Membership.objects.active().get(team_id=team_id, role=TeamRole.TEAMLEIDER).user
    family = Family.objects.get(pk=busiest_family)
    family_leader = Membership.objects.active().get(team_id=family.team_id, role=TeamRole.TEAMLEIDER).user
    board = User.objects.filter(org_role=OrgRole.BESTUUR).order_by("id").first()
    session = TeamSession.objects.filter(team_id=team_id, status="afgesloten").order_by("-starts_at").first()
    contact = {
        "date": timezone.localdate().isoformat(),
        "kind": "huisbezoek",
        "note": "Moeder en de kinderen aan tafel; de afspraken doorgelopen.",
        "safety_score": "6",
        "safety_why": "Afspraken nagekomen",
        "safety_raise": "Vader doet mee",
        "lijn_score": "5",
        "lijn_why": "Netwerk klein",
        "lijn_raise": "Oma betrekken",
    }
    listed = reverse("casework:my_families")
    return [
        Page("Mijn gezinnen", worker, listed),
        Page("Gezinnen van het team (?alle=1)", leader, listed + "?alle=1"),
        Page("Gezinsdossier", family.manager, reverse("casework:family_detail", args=[family.pk])),
        Page("Teamdashboard", leader, reverse("dashboard:team_dashboard")),
        Page("Teamcijfers", leader, reverse("dashboard:team_figures")),
        Page("Kwesties van het team", leader, reverse("kwesties:team")),
        Page("Kwesties bij het bestuur", board, reverse("kwesties:board")),
        Page("Teamsessie", leader, reverse("teams:session_detail", args=[session.pk])),
        Page("Wie heeft dit dossier ingezien", family_leader, reverse("casework:access_log", args=[family.pk])),
        Page(
            "Contactmoment vastleggen (POST)",
            family.manager,
            reverse("casework:contact_create", args=[family.pk]),
            post=contact,
            expect=302,
        ),
    ]


def dataset_figures(url: str) -> dict:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            """SELECT (SELECT count(*) FROM accounts_team), (SELECT count(*) FROM casework_family),
                      (SELECT count(*) FROM casework_family WHERE phase <> 'afgesloten'),
                      (SELECT count(*) FROM casework_contact), (SELECT reltuples::bigint FROM pg_class
                       WHERE relname = 'privacy_accesslogentry'),
                      pg_size_pretty(pg_database_size(current_database()))"""
        )
        teams, families, active, contacts, log_estimate, db_size = cur.fetchone()
    with __import__("psycopg").connect(url) as conn:
        log_shape = store.meta_get(conn, "log_shape")
        built = store.meta_get(conn, "built")
    return {
        "teams": teams,
        "families": families,
        "active_families": active,
        "contacts": contacts,
        "access_log_rows_estimate": log_estimate,
        "access_log_shape": log_shape,
        "database_size": db_size,
        "built": built,
    }


def log_in(user):
    """A client logged in past both steps: the password (force_login) and a confirmed second factor."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Benchmark", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def switch_database(url: str) -> None:
    """Point Django's default connection at another data set's database (the stability check)."""
    import environ
    from django.db import connections

    connections.close_all()
    connections["default"].settings_dict["NAME"] = environ.Env.db_url_config(url)["NAME"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=list(SIZES), default="small")
    parser.add_argument("--requests", type=int, default=20, help="timed rounds per page (default 20)")
    parser.add_argument(
        "--stability", default="auto", help="second size for the query-count check (auto: small, or tiny for small)"
    )
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    base_url = os.environ.get("DATABASE_URL")
    if args.stability == "auto":
        args.stability = "tiny" if args.size in ("tiny", "small") else "small"

    url = prepare(args.size, seed=args.seed, base_url=base_url)
    from benchdata.measure import Floor, count_queries, measure
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    logging.getLogger("axes").setLevel(logging.WARNING)  # force_login would log every log-in
    import psycopg

    with psycopg.connect(url) as conn:
        busiest = store.meta_get(conn, "busiest_family")
        shape_new = store.meta_get(conn, "log_shape") == "family_ids"
    dataset = dataset_figures(url)
    print(f"\nData set {args.size}: {json.dumps({k: v for k, v in dataset.items() if k != 'built'})}")
    print(f"Load average before the run: {os.getloadavg()}")
    floor = Floor(url)
    results = []
    try:
        for page in pages(busiest):
            client = log_in(page.user)
            row = {
                "page": page.name,
                "user": page.user.username,
                **measure(client, page, repeat=args.requests, floor=floor, shape_new=shape_new),
            }
            results.append(row)
            print(f"  {page.name:<36} {row['median_ms']:>8} ms  floor {row['floor_median_ms']:>7} ms", flush=True)
    finally:
        floor.close()
    load_after = os.getloadavg()

    stability = None
    if args.stability != "none" and args.stability != args.size:
        other_url, _name, cfg = store.database_url(args.stability, base_url)
        if not store.database_exists(cfg, _name):
            store.admin(cfg, f'CREATE DATABASE "{_name}"')
        switch_database(other_url)
        from benchdata import build
        from benchdata.prepare import PASSWORD, rebuild_summaries
        from django.contrib.auth.hashers import make_password
        from django.core.management import call_command
        from django.utils import timezone

        call_command("migrate", verbosity=0)
        with psycopg.connect(other_url, autocommit=True) as conn:
            store.ensure_tables(conn)
            done = store.meta_get(conn, "built")
        if not done:
            result = build.build(
                other_url,
                size=SIZES[args.stability],
                seed=args.seed,
                today=timezone.localdate(),
                password=make_password(PASSWORD),
                after_load=rebuild_summaries,
            )
            with psycopg.connect(other_url, autocommit=True) as conn:
                store.meta_set(conn, "built", result)
        with psycopg.connect(other_url) as conn:
            other_busiest = store.meta_get(conn, "busiest_family")
        counts = {}
        for page in pages(other_busiest):
            client = log_in(page.user)
            counts[page.name] = count_queries(client, page)
        stability = {"size": args.stability, "queries": counts}
        for row in results:
            row[f"queries_at_{args.stability}"] = counts[row["page"]]
            row["queries_stable"] = counts[row["page"]] == row["queries"]

    report(args, dataset, results, stability, load_after)
    return 0


def report(args, dataset: dict, results: list[dict], stability: dict | None, load_after) -> None:
    other = stability["size"] if stability else None
    print(
        f"\nSize {args.size}: {dataset['active_families']:,} active of {dataset['families']:,} families in "
        f"{dataset['teams']} teams, {dataset['contacts']:,} contacts, about {dataset['access_log_rows_estimate']:,} "
        f"access-log rows ({dataset['access_log_shape']}), database {dataset['database_size']}."
    )
    print(
        f"{args.requests} rounds per page; load average after: {load_after}. Timings are disturbed by whatever "
        "else runs: compare the ratios within one run.\n"
    )
    head = f"{'page':<36} {'median':>7} {'p95':>7} {'floor':>7} {'ratio':>6} {'queries':>8} {'log rows':>9}"
    print(head + (f" {'q@' + other:>9}" if other else ""))
    for r in results:
        line = (
            f"{r['page']:<36} {r['median_ms']:>7} {r['p95_ms']:>7} {r['floor_median_ms']:>7} "
            f"{r['ratio'] if r['ratio'] is not None else '-':>6} {r['queries']:>8} "
            f"{r['log_rows_per_view']:>4}/{r['log_families_per_view']:<4}"
        )
        if other:
            line += f" {r[f'queries_at_{other}']:>7}{'' if r['queries_stable'] else ' !'}"
        print(line)
    print("\nms; floor = the page's own SQL alone; log rows = rows written per view / families they name.")
    RESULTS.mkdir(exist_ok=True)
    payload = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "size": args.size,
        "requests_per_page": args.requests,
        "load_average_after": load_after,
        "dataset": dataset,
        "pages": results,
        "stability": stability,
    }
    text = json.dumps(payload, indent=2, default=str) + "\n"
    for path in (RESULTS / "benchmark.json", RESULTS / f"benchmark-{args.size}.json"):
        path.write_text(text)
    print(f"Written to {(RESULTS / 'benchmark.json').relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
