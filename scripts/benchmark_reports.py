"""Benchmark the periodic reports at organisation size: 40 teams, 8,000 active families, 1,000,000 contacts.

    .venv/bin/python scripts/benchmark_reports.py [--repeat 5] [--keep] [--scale 0.01]

Uses `config.settings.test` (PostgreSQL; DATABASE_URL may point elsewhere) but
always a database of its own, DATABASE_URL's database name + `_bench_reports`
(so two people benchmarking on one server never drop each other's data), with the
size appended for any other size than the default.
`--scale` shrinks the families and contacts (not the 40 teams) for a quick
check that the script still works; only a full-size run is written to the
results file. The data set is
written with set-based SQL (INSERT ... SELECT over generate_series), not the ORM
row by row, so building it takes seconds: per team a teamleider and ten
gezinsmanagers; 8,000 active and 2,000 closed families with their phase
history; 1,000,000 contacts with both scores; 2,000 kwesties (a quarter at the
board) with their events; a year of weekly team sessions with three families
discussed each.

Timed, each `--repeat` times after one warm-up: the content of the
whole-organisation monthly board report, of one team's monthly report and of
its weekly report (the biggest team), and once the full generation of the board
report (stored, readers notified). Reported: median and max seconds and the
number of SQL queries; the same as JSON in `benchmark-results/reports.json`.
The database is dropped at the end unless `--keep` is given.
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
BENCH_SUFFIX = "_bench_reports"
RESULTS = ROOT / "benchmark-results" / "reports.json"
TEAMS, WORKERS, ACTIVE, CLOSED, CONTACTS = 40, 10, 8000, 2000, 1_000_000
# The whole country (issue 12): teams of about 12 gezinsmanagers and 200 active families, 10 million contacts.
NATIONAL = (250, 12, 50_000, 12_500, 10_000_000)

DATA_SQL = [
    # Teams, their teamleider and gezinsmanagers, one bestuurder.
    """INSERT INTO accounts_team (name, region) SELECT 'Team ' || lpad(t::text, {digits}, '0'), 'Regio ' || (t % 5)
       FROM generate_series(0, {teams} - 1) t""",
    """INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name, email, is_staff,
                                  is_active, date_joined, org_role)
       SELECT '!', false, 'tl_' || t, 'Teamleider', lpad(t::text, {digits}, '0'), '', false, true, now(), ''
       FROM generate_series(0, {teams} - 1) t
       UNION ALL
       SELECT '!', false, 'gm_' || t || '_' || w, 'Medewerker ' || w, lpad(t::text, {digits}, '0'), '', false, true,
              now(), ''
       FROM generate_series(0, {teams} - 1) t, generate_series(0, {workers} - 1) w
       UNION ALL SELECT '!', false, 'bestuur', 'Bestuur', 'Lid', '', false, true, now(), 'bestuur'""",
    """INSERT INTO accounts_membership (user_id, team_id, role, start, "end")
       SELECT u.id, t.id, CASE WHEN left(u.username, 3) = 'tl_' THEN 'teamleider' ELSE 'gezinsmanager' END,
              DATE '2020-01-01', NULL
       FROM accounts_user u
       JOIN accounts_team t ON t.name = 'Team ' || lpad(split_part(u.username, '_', 2), {digits}, '0')
       WHERE u.username <> 'bestuur'""",
    # Families: g < ACTIVE are active (the four phases in turn), the rest closed.
    """INSERT INTO casework_family (name, reference, city, team_id, manager_id, phase, phase_since, opened_on,
                                   closed_on, created_at)
       SELECT 'Gezin B' || g, 'B-' || lpad(g::text, 7, '0'), '', t.id, u.id,
              CASE WHEN g >= {active} THEN 'afgesloten'
                   ELSE (ARRAY['aanmelding', 'betrekken', 'ondersteunen', 'generaliseren'])[1 + (g / {teams}) % 4] END,
              CURRENT_DATE - (g % 60)::int, CURRENT_DATE - (400 + g % 300)::int,
              CASE WHEN g >= {active} THEN CURRENT_DATE - (g % 360)::int END, now()
       FROM generate_series(0, {active} + {closed} - 1) g
       JOIN accounts_team t ON t.name = 'Team ' || lpad((g % {teams})::text, {digits}, '0')
       JOIN accounts_user u ON u.username = 'gm_' || (g % {teams}) || '_' || ((g / {teams}) % {workers})""",
    # Phase history: aanmelding at the start, each next phase later, the last one on phase_since.
    """INSERT INTO casework_phasechange (family_id, from_phase, to_phase, "on", note, author_id, created_at)
       SELECT f.id, CASE WHEN p.n = 1 THEN '' ELSE p.phases[p.n - 1] END, p.phases[p.n],
              CASE WHEN p.phases[p.n] = f.phase THEN COALESCE(f.closed_on, f.phase_since)
                   ELSE f.opened_on + ((p.n - 1) * 90)::int END,
              '', f.manager_id, now()
       FROM casework_family f
       CROSS JOIN LATERAL (
         SELECT ARRAY['aanmelding', 'betrekken', 'ondersteunen', 'generaliseren', 'afgesloten'] AS phases,
                generate_series(1, array_position(ARRAY['aanmelding', 'betrekken', 'ondersteunen', 'generaliseren',
                                                        'afgesloten'], f.phase::text)) AS n
       ) p""",
    # One million contacts: CONTACTS / families per family, a week apart, going back from today.
    """INSERT INTO casework_contact (family_id, date, kind, other_participants, note, safety_score, safety_why,
                                    safety_raise, lijn_score, lijn_why, lijn_raise, author_id, created_at, version)
       SELECT f.id, CURRENT_DATE - (k * 7 + f.id % 7)::int, 'huisbezoek', '', 'Gesprek aan de keukentafel.',
              (f.id * 7 + k) % 11, 'Afspraken nagekomen.', 'Vader erbij.', (f.id * 3 + k * 2) % 11,
              'Netwerk klein.', 'Oma doet mee.', f.manager_id, now(), 1
       FROM casework_family f, generate_series(0, {contacts} / ({active} + {closed}) - 1) k""",
    # Kwesties over the last year, a quarter at the board, partners recurring.
    """INSERT INTO kwesties_kwestie (title, blocks, kind, partner_name, team_id, raised_by_id, raised_at, level,
                                    level_since, highest_level, owner_id, status, resolution, closed_reason)
       SELECT 'Kwestie ' || q, 'Hulp start niet.', (ARRAY['partner', 'wachtlijst', 'procedure', 'wet'])[1 + q % 4],
              CASE WHEN q % 3 = 0 THEN '' ELSE 'Partner ' || (q % 30) END, t.id, u.id,
              now() - (q % 365) * interval '1 day', lvl.level, now() - (q % 90) * interval '1 day', lvl.level, u.id,
              (ARRAY['open', 'in_behandeling', 'opgelost', 'gesloten'])[1 + (q / 4) % 4], '', ''
       FROM generate_series(0, 1999) q
       JOIN accounts_team t ON t.name = 'Team ' || lpad((q % {teams})::text, {digits}, '0')
       JOIN accounts_user u ON u.username = 'tl_' || (q % {teams})
       CROSS JOIN LATERAL (
         SELECT (ARRAY['team', 'teamleider', 'bestuur', 'gezinsmanager'])[1 + (q / {teams}) % 4] AS level
       ) lvl""",
    """INSERT INTO kwesties_kwestie_families (kwestie_id, family_id)
       SELECT k.id, f.id FROM kwesties_kwestie k
       JOIN casework_family f ON f.team_id = k.team_id AND f.id % 200 = k.id % 200""",
    """INSERT INTO kwesties_kwestieevent (kwestie_id, kind, from_level, to_level, text, author_id, at)
       SELECT id, 'ingebracht', '', 'gezinsmanager', '', raised_by_id, raised_at FROM kwesties_kwestie
       UNION ALL
       SELECT id, 'geescaleerd', 'gezinsmanager', level, 'Zelf niet op te lossen', raised_by_id,
              raised_at + interval '2 days' FROM kwesties_kwestie WHERE level <> 'gezinsmanager'
       UNION ALL
       SELECT id, 'opgelost', '', '', 'Opgelost', raised_by_id, raised_at + interval '20 days'
       FROM kwesties_kwestie WHERE status = 'opgelost'""",
    # A year of weekly sessions per team, three families discussed in each.
    """INSERT INTO teams_teamsession (team_id, kind, starts_at, location, status, teamleider_id, supervision_topic,
                                     supervision_notes, team_matters, created_by_id, created_at, version)
       SELECT t.id, 'teamsessie', date_trunc('week', now()) - w * interval '1 week' + interval '9 hours', '',
              'afgesloten', u.id, '', '', '', u.id, now(), 1
       FROM accounts_team t JOIN accounts_user u ON u.username = 'tl_' || (substring(t.name from 6)::int)
       CROSS JOIN generate_series(1, 52) w""",
    """INSERT INTO teams_casediscussion (session_id, family_id, presenter_id, question, casenote, recording_ref,
                                       position, safe_now, centrale_lijn, raise_scores, who_does_what,
                                       new_direction, added_by_id, added_at, version, answers_version)
       SELECT s.id, f.id, f.manager_id, 'Wat nu?', '', '', 0, '', '', '', '', '', s.teamleider_id, now(), 1, 1
       FROM teams_teamsession s
       JOIN LATERAL (SELECT id, manager_id FROM casework_family WHERE team_id = s.team_id AND phase <> 'afgesloten'
                     ORDER BY (id * 31 + s.id) % 997 LIMIT 3) f ON true""",
]


log = logging.getLogger("benchmark_reports")


def database_url(params: dict) -> tuple[str, str, dict]:
    """The benchmark's own database; one per size, so a quick small run never drops a national data set."""
    url = environ.Env().str("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/gezinsgericht")
    cfg = environ.Env.db_url_config(url)
    if "postgresql" not in cfg["ENGINE"]:
        sys.exit("The benchmark needs PostgreSQL; point DATABASE_URL at a PostgreSQL server.")
    size = "" if is_default(params) else f"_{params['teams']}t_{params['active']}f_{params['contacts']}c"
    bench_db = (cfg["NAME"] or "gezinsgericht") + BENCH_SUFFIX + size
    auth = cfg["USER"] + (f":{cfg['PASSWORD']}" if cfg["PASSWORD"] else "") + "@" if cfg["USER"] else ""
    port = f":{cfg['PORT']}" if cfg["PORT"] else ""
    return f"postgres://{auth}{cfg['HOST'] or '127.0.0.1'}{port}/{bench_db}", bench_db, cfg


def admin(cfg: dict, sql: str) -> None:
    with psycopg.connect(
        host=cfg["HOST"] or "127.0.0.1",
        port=cfg["PORT"] or 5432,
        user=cfg["USER"] or "postgres",
        password=cfg["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(sql)


def sizes(args: argparse.Namespace) -> dict:
    """The data set asked for: the default organisation, `--national`, or explicit counts, times `--scale`."""
    teams, workers, active, closed, contacts = NATIONAL if args.national else (TEAMS, WORKERS, ACTIVE, CLOSED, CONTACTS)
    teams, workers = args.teams or teams, args.workers or workers
    active = args.families or active
    closed = closed if not args.families else args.families // 4
    contacts = args.contacts or contacts
    scale = args.scale
    return {
        "teams": teams,
        "workers": workers,
        "digits": max(2, len(str(teams - 1))),
        "active": max(teams, round(active * scale)),
        "closed": max(teams, round(closed * scale)),
        "contacts": max(teams, round(contacts * scale)),
    }


def is_default(params: dict) -> bool:
    return (params["teams"], params["active"], params["contacts"]) == (TEAMS, ACTIVE, CONTACTS)


def results_file(params: dict) -> Path:
    """reports.json for the default organisation; another size gets a file of its own."""
    if is_default(params):
        return RESULTS
    return RESULTS.with_name(f"reports-{params['teams']}t-{params['active']}f-{params['contacts']}c.json")


def build(connection, params: dict) -> float:
    began = time.monotonic()
    with connection.cursor() as cursor:
        for statement in DATA_SQL:
            cursor.execute(statement.format(**params))
        # VACUUM too, as autovacuum would have by then: without the visibility map the planner avoids
        # index-only scans (the phase history's covering index) and the timings would not be a live system's.
        cursor.execute("VACUUM ANALYZE")
    return round(time.monotonic() - began, 1)


def timed(fn, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fn()  # warm-up
    with CaptureQueriesContext(connection) as captured:
        fn()
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return {"median_s": round(statistics.median(times), 3), "max_s": round(max(times), 3), "queries": len(captured)}


def explain(fn) -> list[dict]:
    """The report's queries, each run again under EXPLAIN ANALYZE: database time apart from the machine's Python."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        fn()
    found = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql.replace("%", "%%"))
            plan = cursor.fetchone()[0]
            plan = plan[0] if isinstance(plan, list) else json.loads(plan)[0]
            found.append({"query": " ".join(sql.split())[:100], "execution_ms": round(plan["Execution Time"], 1)})
    return sorted(found, key=lambda e: -e["execution_ms"])


def main() -> int:
    # The script's report to whoever runs it: plain lines on stdout, through logging like the app.
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per report (default 5)")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the families and contacts (default 1)")
    parser.add_argument(
        "--national", action="store_true", help="the whole country: 250 teams, 50,000 active families, 10M contacts"
    )
    parser.add_argument("--teams", type=int, help=f"number of teams (default {TEAMS})")
    parser.add_argument("--workers", type=int, help=f"gezinsmanagers per team (default {WORKERS})")
    parser.add_argument("--families", type=int, help=f"active families, plus a quarter closed (default {ACTIVE:,})")
    parser.add_argument("--contacts", type=int, help=f"contacts over all families (default {CONTACTS:,})")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the board report's queries")
    args = parser.parse_args()
    if not 0 < args.scale <= 1:
        parser.error("--scale must be more than 0 and at most 1")
    params = sizes(args)

    url, bench_db, cfg = database_url(params)
    admin(cfg, f'DROP DATABASE IF EXISTS "{bench_db}" WITH (FORCE)')
    admin(cfg, f'CREATE DATABASE "{bench_db}"')
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count, Q
    from django.utils import timezone

    from accounts.models import Team
    from casework.models import Contact, Family, Phase
    from reports.models import ReportKind
    from reports.periods import last_month, last_week
    from reports.services import report_build_data, report_generate

    try:
        call_command("migrate", verbosity=0)
        log.info(
            f"Building {params['teams']} teams, {params['active']:,} active families, "
            f"{params['contacts']:,} contacts with set-based SQL..."
        )
        built_in = build(connection, params)
        dataset = {
            "teams": Team.objects.count(),
            "active_families": Family.objects.exclude(phase=Phase.AFGESLOTEN).count(),
            "families": Family.objects.count(),
            "contacts": Contact.objects.count(),
            "built_in_s": built_in,
        }
        log.info(f"Built in {built_in} s: {dataset}")
        today = timezone.localdate()
        month, week = last_month(today), last_week(today)
        team = Team.objects.annotate(n=Count("families", filter=~Q(families__phase=Phase.AFGESLOTEN))).order_by("-n")[0]
        runs = {
            "month_board (whole organisation)": lambda: report_build_data(
                kind=ReportKind.MONTH_BOARD, team=None, start=month[0], end=month[1]
            ),
            f"month_team ({team.name}, {team.n} active families)": lambda: report_build_data(
                kind=ReportKind.MONTH_TEAM, team=team, start=month[0], end=month[1]
            ),
            f"week_team ({team.name})": lambda: report_build_data(
                kind=ReportKind.WEEK_TEAM, team=team, start=week[0], end=week[1]
            ),
        }
        results = []
        for name, fn in runs.items():
            results.append({"report": name, **timed(fn, args.repeat)})
        explained = explain(runs["month_board (whole organisation)"]) if args.explain else []
        began = time.perf_counter()
        report = report_generate(kind=ReportKind.MONTH_BOARD, period_start=month[0])
        generated = {
            "report": "month_board, full generation (stored, readers notified)",
            "seconds": round(time.perf_counter() - began, 3),
            "kilobytes": round(len(json.dumps(report.data)) / 1024, 1),
            # A few of the report's own figures, to see at a glance that it counted the data set.
            "figures": {
                "teams": len(report.data["teams"]),
                "active_families_at_month_end": report.data["totals"]["families"]["active"],
                "families_with_a_score": report.data["totals"]["scores"]["families"]
                - report.data["totals"]["scores"]["without_score"],
                "kwesties_raised_in_month": report.data["totals"]["kwesties"]["raised"],
                "board_kwesties": len(report.data["board_kwesties"]),
            },
        }
    finally:
        if not args.keep:
            connection.close()
            admin(cfg, f'DROP DATABASE IF EXISTS "{bench_db}" WITH (FORCE)')

    load = [round(x, 2) for x in os.getloadavg()]
    log.info(f"\nLoad average (1, 5, 15 min) at the end: {load}; the machine may be shared, see EXPLAIN times.")
    log.info(f"\n{'report':<52} {'median s':>9} {'max s':>7} {'queries':>8}")
    for r in results:
        log.info(f"{r['report']:<52} {r['median_s']:>9} {r['max_s']:>7} {r['queries']:>8}")
    log.info(f"{generated['report']:<52} {generated['seconds']:>9}  ({generated['kilobytes']} KB of data)")
    log.info("Figures in the board report: %s", ", ".join(f"{k} {v:,}" for k, v in generated["figures"].items()))
    for e in explained:
        log.info(f"  EXPLAIN ANALYZE {e['execution_ms']:>9.1f} ms  {e['query']}")
    if args.scale != 1:
        log.info(f"\nScale {args.scale}: not written to {RESULTS.relative_to(ROOT)} (only full-size runs are).")
        return 0
    out = results_file(params)
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "database": "postgresql",
                "repeat": args.repeat,
                "load_average": load,
                "dataset": dataset,
                "reports": results,
                "explain_analyze_board": explained,
                "generation": generated,
                "period": {"month": [d.isoformat() for d in month], "week": [d.isoformat() for d in week]},
            },
            indent=2,
        )
        + "\n"
    )
    log.info(f"\nWritten to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
