"""`make loadtest`: 50 simulated people doing mixed daily work against a local gunicorn, bounded in time.

    .venv/bin/python scripts/loadtest.py        # LOADTEST_MINUTES (default 10), LOADTEST_USERS (default 50)

Starts gunicorn (gunicorn.conf.py, production settings, on a free port of
127.0.0.1) against a database of its own (LOADTEST_DATABASE_URL, default
gezinsgericht_loadtest on the local server, filled with the demo data the first
time), gets a partner token, and runs loadtest/locustfile.py headless: the demo
gezinsmanagers, teamleiders and the board log in (password and TOTP code) and
work; partner systems poll the API. Prints locust's table; exits non-zero on any
error or when the p95 over all requests is above LOADTEST_P95_MS (300).
The API throttle is raised for the run (production default 120/minute).
"""

import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loadtest import server  # the repository root is put on the path just above

# The demo's people by role, each with the demo TOTP device (demo_data gives it to the printed few only).
ACCOUNTS = """
import json
from accounts.demo import demo_second_factor_ensure
from accounts.models import Membership, User
roles = {}
for m in Membership.objects.select_related("user").filter(user__is_active=True).order_by("user__username"):
    roles.setdefault(m.role, []).append(m.user.username)
roles["bestuur"] = list(User.objects.filter(org_role="bestuur", is_active=True).values_list("username", flat=True))
demo_second_factor_ensure(usernames=sorted({name for names in roles.values() for name in names}))
print(json.dumps(roles))
"""


def _print_table(table: list[dict], failed: list[dict]) -> None:
    print(f"{'':<7}{'page':<44}{'requests':>9}{'errors':>7}{'median ms':>10}{'p95 ms':>8}{'p99 ms':>8}{'max ms':>8}")
    for row in table:
        print(
            f"{row['Type']:<7}{row['Name'][:43]:<44}{row['Request Count']:>9}{row['Failure Count']:>7}"
            f"{row['50%']:>10}{row['95%']:>8}{row['99%']:>8}{float(row['Max Response Time']):>8.0f}"
        )
    for row in failed:
        print(f"error: {row['Method']} {row['Name']}: {row['Error'][:160]} ({row['Occurrences']}x)")


def _print_table(table: list[dict], failed: list[dict]) -> None:
    print(f"{'':<7}{'page':<44}{'requests':>9}{'errors':>7}{'median ms':>10}{'p95 ms':>8}{'p99 ms':>8}{'max ms':>8}")
    for row in table:
        print(
            f"{row['Type']:<7}{row['Name'][:43]:<44}{row['Request Count']:>9}{row['Failure Count']:>7}"
            f"{row['50%']:>10}{row['95%']:>8}{row['99%']:>8}{float(row['Max Response Time']):>8.0f}"
        )
    for row in failed:
        print(f"error: {row['Method']} {row['Name']}: {row['Error'][:160]} ({row['Occurrences']}x)")


def main() -> int:
    minutes = float(os.environ.get("LOADTEST_MINUTES", 10))
    users = int(os.environ.get("LOADTEST_USERS", 50))
    p95_limit = float(os.environ.get("LOADTEST_P95_MS", 300))
    database_url = os.environ.get("LOADTEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gezinsgericht_loadtest")
    redis_url = os.environ.get("LOADTEST_REDIS_URL", "redis://127.0.0.1:6379/4")
    server.prepare_database(database_url)
    # Failed log-ins of an earlier run (a lock-out is kept in the database) must not refuse this one.
    server.manage("axes_reset", database_url=database_url)
    roles = json.loads(
        server.manage("shell", "-c", ACCOUNTS, database_url=database_url).stdout.strip().splitlines()[-1]
    )
    credentials = json.loads(server.manage("demo_partner_client", "--json", database_url=database_url).stdout)
    port = server.free_port(int(os.environ.get("LOADTEST_PORT", 0)))
    env = server.production_env(database_url=database_url, redis_url=redis_url, throttle="100000/minute", port=port)
    server.collect_static(env)
    base_url = f"http://127.0.0.1:{port}"
    load_before = os.getloadavg()
    with server.gunicorn(env, log_path=server.ROOT / "benchmark-results" / "loadtest-gunicorn.log"):
        token = server.get_token(base_url, credentials["client_id"], credentials["client_secret"])
        with tempfile.TemporaryDirectory() as tmp:
            prefix = Path(tmp) / "run"
            locust_env = {
                **os.environ,
                "PYTHONPATH": str(server.ROOT),
                "LOADTEST_API_TOKEN": token,
                "LOADTEST_WORK_RESULT": str(Path(tmp) / "work.json"),
                "LOADTEST_MANAGERS": ",".join(roles.get("gezinsmanager", ["gm.noord"])),
                "LOADTEST_LEADERS": ",".join(roles.get("teamleider", ["tl.noord"])),
                "LOADTEST_BOARD": ",".join(roles.get("bestuur") or ["bestuur"]),
            }
            command = [sys.executable, "-m", "locust", "-f", str(server.ROOT / "loadtest" / "locustfile.py")]
            # One person more per second: the morning's log-ins spread, not 50 password hashes at once.
            command += ["--headless", "--users", str(users), "--spawn-rate", "1", "--run-time", f"{int(minutes * 60)}s"]
            command += ["--host", base_url, "--csv", str(prefix), "--only-summary", "--stop-timeout", "10"]
            command += ["--exit-code-on-error", "0", "--loglevel", "WARNING"]
            run = subprocess.run(command, env=locust_env, text=True, capture_output=True, check=False)
            if run.returncode:
                print(run.stderr[-3000:])
            with open(f"{prefix}_stats.csv", newline="") as stats:
                table = list(csv.DictReader(stats))
            with open(f"{prefix}_failures.csv", newline="") as failures:
                failed = list(csv.DictReader(failures))
            work = json.loads((Path(tmp) / "work.json").read_text())
    _print_table(table, failed)
    total = table[-1]
    errors = int(total["Failure Count"])
    print(
        f"{users} users, {minutes:g} min: {total['Request Count']} requests, {errors} errors; "
        f"daily work without the log-in: {work['requests']} requests, median {work['median_ms']:.0f} ms, "
        f"p95 {work['p95_ms']:.0f} ms (limit {p95_limit:g}); load average before "
        f"{[round(x, 2) for x in load_before]}, after {[round(x, 2) for x in os.getloadavg()]}"
    )
    return 1 if errors or work["p95_ms"] > p95_limit or run.returncode else 0


if __name__ == "__main__":
    sys.exit(main())
