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

ACCOUNTS = """
import json
from accounts.models import User
from accounts.models import Membership
roles = {}
for m in Membership.objects.select_related("user").filter(user__is_active=True).order_by("user__username"):
    roles.setdefault(m.role, []).append(m.user.username)
roles["bestuur"] = list(User.objects.filter(org_role="bestuur", is_active=True).values_list("username", flat=True))
print(json.dumps(roles))
"""


def main() -> int:
    minutes = float(os.environ.get("LOADTEST_MINUTES", 10))
    users = int(os.environ.get("LOADTEST_USERS", 50))
    p95_limit = float(os.environ.get("LOADTEST_P95_MS", 300))
    database_url = os.environ.get("LOADTEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gezinsgericht_loadtest")
    redis_url = os.environ.get("LOADTEST_REDIS_URL", "redis://127.0.0.1:6379/4")
    server.prepare_database(database_url)
    roles = json.loads(
        server.manage("shell", "-c", ACCOUNTS, database_url=database_url).stdout.strip().splitlines()[-1]
    )
    credentials = json.loads(server.manage("demo_partner_client", "--json", database_url=database_url).stdout)
    port = server.free_port(int(os.environ.get("LOADTEST_PORT", 0)))
    env = server.production_env(database_url=database_url, redis_url=redis_url, throttle="100000/minute", port=port)
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
                "LOADTEST_MANAGERS": ",".join(roles.get("gezinsmanager", ["gm.noord"])),
                "LOADTEST_LEADERS": ",".join(roles.get("teamleider", ["tl.noord"])),
                "LOADTEST_BOARD": ",".join(roles.get("bestuur") or ["bestuur"]),
            }
            command = [sys.executable, "-m", "locust", "-f", str(server.ROOT / "loadtest" / "locustfile.py")]
            command += ["--headless", "--users", str(users), "--spawn-rate", "5", "--run-time", f"{int(minutes * 60)}s"]
            command += ["--host", base_url, "--csv", str(prefix), "--only-summary", "--stop-timeout", "10"]
            command += ["--exit-code-on-error", "0", "--loglevel", "WARNING"]
            run = subprocess.run(command, env=locust_env, text=True, capture_output=True, check=False)
            print(run.stdout)
            if run.returncode:
                print(run.stderr[-3000:])
            with open(f"{prefix}_stats.csv", newline="") as stats:
                total = {row["Name"]: row for row in csv.DictReader(stats)}["Aggregated"]
    errors, p95 = int(total["Failure Count"]), float(total["95%"])
    print(
        f"{users} users, {minutes:g} min: {total['Request Count']} requests, {errors} errors, "
        f"median {total['50%']} ms, p95 {p95:g} ms (limit {p95_limit:g}); "
        f"load average before {[round(x, 2) for x in load_before]}, after {[round(x, 2) for x in os.getloadavg()]}"
    )
    return 1 if errors or p95 > p95_limit or run.returncode else 0


if __name__ == "__main__":
    sys.exit(main())
