"""Partner API throughput: gunicorn with production settings, driven by wrk (or locust), per list endpoint.

    .venv/bin/python scripts/api_benchmark.py [--seconds 15] [--users 8] [--driver auto|wrk|locust]
                                              [--workers N] [--threads N] [--paths /api/v1/gezinnen,...]

Starts gunicorn (gunicorn.conf.py, config.settings.production, DEBUG off, the
throttle counts in Redis) on a free port of 127.0.0.1 against its own database
(API_BENCH_DATABASE_URL, default gezinsgericht_api_bench on the local server,
made and filled with the demo data the first time), gets a token the way a
partner does (client credentials at /api/v1/oauth/token), then drives each
list endpoint in turn and once all four mixed with wrk (loadtest/api_wrk.lua:
`--users` connections, no think time) or, when wrk is not installed, locust
headless (loadtest/api_locustfile.py; locust itself needs a good part of two
cores, so its figures are lower). `--seconds 10` is a quick run.
The throttle is raised for the run (--throttle, default 1000000/minute; the
production default stays API_THROTTLE_RATE=120/minute). Prints requests/s,
p50, p95 and p99 per endpoint, errors, the load average before and after, and
the server CPU per call: the CPU seconds the gunicorn workers and their
PostgreSQL backends spent during the run (from /proc) divided by the calls.
That figure holds on a busy machine too (waiting for a core is not CPU), so
"capacity/s" = cores / server CPU per call is what this machine's cores would
answer if they did nothing else. Writes the same as JSON to
benchmark-results/api.json. Exits non-zero on errors.

The machine's other work shares the cores: run it more than once and read the
load average with the figures.
"""

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loadtest import server  # the repository root is put on the path just above

PATHS = ("/api/v1/gezinnen", "/api/v1/jeugdigen", "/api/v1/afspraken", "/api/v1/inzetten")
RESULTS = server.ROOT / "benchmark-results" / "api.json"


APP_NAME = "gg-api-benchmark"


def _postgres_pids(database_url: str) -> list[int]:
    """The server processes of the benchmark's own connections (named by application_name)."""
    import psycopg

    with psycopg.connect(database_url.split("?", 1)[0]) as conn:
        rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE application_name = %s", [APP_NAME]).fetchall()
    return [pid for (pid,) in rows]


def _cpu(gunicorn_pid: int, database_url: str) -> dict:
    """CPU so far per process of the gunicorn workers and of their PostgreSQL backends, and of our children."""
    return {
        "app": server.cpu_by_pid(server.child_pids(gunicorn_pid)),
        "postgres": server.cpu_by_pid(_postgres_pids(database_url)),
        "client": {0: sum(resource.getrusage(resource.RUSAGE_CHILDREN)[:2])},
    }


def run_wrk(*, base_url: str, token: str, paths: list[str], users: int, seconds: int) -> dict:
    """One wrk run of `users` keep-alive connections on one thread; its requests, errors and percentiles."""
    env = {**os.environ, "API_BENCH_TOKEN": token, "API_BENCH_PATHS": ",".join(paths)}
    script = server.ROOT / "loadtest" / "api_wrk.lua"
    command = ["wrk", "--threads", "1", "--connections", str(users), "--duration", f"{seconds}s"]
    command += ["--timeout", "5s", "--latency", "--script", str(script), base_url + paths[0]]
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)  # wrk, fixed arguments
    line = next(line for line in done.stdout.splitlines() if line.startswith("WRK_JSON "))
    found = json.loads(line.removeprefix("WRK_JSON "))
    errors = sum(found[key] for key in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts"))
    return {
        "requests": found["requests"],
        "errors": errors,
        "requests_per_s": round(found["requests"] / found["seconds"], 1),
        "median_ms": found["p50_ms"],
        "p95_ms": found["p95_ms"],
        "p99_ms": found["p99_ms"],
    }


def run_locust(*, base_url: str, token: str, paths: list[str], users: int, seconds: int) -> dict:
    """One headless locust run; the aggregated row of its stats (requests/s, median, p95, failures)."""
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "run"
        env = {**os.environ, "API_BENCH_TOKEN": token, "API_BENCH_PATHS": ",".join(paths)}
        command = [sys.executable, "-m", "locust", "-f", str(server.ROOT / "loadtest" / "api_locustfile.py")]
        command += ["--headless", "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{seconds}s"]
        command += ["--host", base_url, "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"]
        command += ["--exit-code-on-error", "0"]
        subprocess.run(  # locust from the venv, fixed arguments
            command,
            env=env,
            check=True,
            capture_output=True,
        )
        with open(f"{prefix}_stats.csv", newline="") as stats:
            rows = {row["Name"]: row for row in csv.DictReader(stats)}
    row = rows["Aggregated"]
    if row["50%"] == "N/A":
        sys.exit(f"locust finished no call in {seconds} s (it needs a few seconds to start): give --seconds 5 or more.")
    return {
        "requests": int(row["Request Count"]),
        "errors": int(row["Failure Count"]),
        "requests_per_s": round(float(row["Requests/s"]), 1),
        "median_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
        "p99_ms": float(row["99%"]),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("API_BENCH_SECONDS", 15)))
    parser.add_argument("--users", type=int, default=8, help="concurrent callers, each without think time")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py)")
    parser.add_argument("--threads", type=int, help="gunicorn threads per worker (default: gunicorn.conf.py)")
    parser.add_argument("--worker-class", help="gunicorn worker class (default: gunicorn.conf.py)")
    parser.add_argument(
        "--throttle",
        default="1000000/second",
        help="API_THROTTLE_RATE for the run; per second, so the throttle keeps one second of call times per client "
        "(at most a few hundred entries, as the default 120/minute keeps at most 120) instead of a minute's",
    )
    parser.add_argument("--paths", default=",".join(PATHS), help="comma-separated list endpoints")
    parser.add_argument("--driver", choices=("auto", "wrk", "locust"), default="auto", help="auto: wrk if installed")
    args = parser.parse_args()
    driver = args.driver if args.driver != "auto" else ("wrk" if shutil.which("wrk") else "locust")
    if driver == "wrk" and not shutil.which("wrk"):
        sys.exit("wrk is not installed (scripts/setup_services.sh installs it); or use --driver locust.")
    run = run_wrk if driver == "wrk" else run_locust
    database_url = os.environ.get(
        "API_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gezinsgericht_api_bench"
    )
    redis_url = os.environ.get("API_BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
    server.prepare_database(database_url)
    credentials = json.loads(server.manage("demo_partner_client", "--json", database_url=database_url).stdout)
    port = server.free_port(int(os.environ.get("API_BENCH_PORT", 0)))
    extra = {
        name: str(value)
        for name, value in (
            ("GUNICORN_WORKERS", args.workers),
            ("GUNICORN_THREADS", args.threads),
            ("GUNICORN_WORKER_CLASS", args.worker_class),
        )
        if value
    }
    # Named connections, so their PostgreSQL processes' CPU can be counted; no worker recycling mid-run.
    app_database_url = database_url + ("&" if "?" in database_url else "?") + f"application_name={APP_NAME}"
    extra["GUNICORN_MAX_REQUESTS"] = "0"
    env = server.production_env(
        database_url=app_database_url, redis_url=redis_url, throttle=args.throttle, port=port, extra=extra
    )
    base_url = f"http://127.0.0.1:{port}"
    paths = args.paths.split(",")
    load_before = os.getloadavg()
    results: dict = {}
    with server.gunicorn(env, log_path=server.ROOT / "benchmark-results" / "api-gunicorn.log") as process:
        token = server.get_token(base_url, credentials["client_id"], credentials["client_secret"])
        # Warm-up, not counted: each worker thread's first calls import, connect and compile.
        run(base_url=base_url, token=token, paths=paths, users=args.users, seconds=5)
        runs = [(path, [path]) for path in paths] + ([("mixed", paths)] if len(paths) > 1 else [])
        for name, run_paths in runs:
            time.sleep(1)
            before = _cpu(process.pid, app_database_url)
            row = run(base_url=base_url, token=token, paths=run_paths, users=args.users, seconds=args.seconds)
            after = _cpu(process.pid, app_database_url)
            # CPU per call, which the other work on the machine does not disturb much (waiting is not counted):
            # the capacity of this machine's cores if they did nothing else is cores / (app + postgres).
            calls = max(row["requests"], 1)
            per_call = {key: server.cpu_spent(before[key], after[key]) * 1000 / calls for key in after}
            row["cpu_ms_per_call"] = {key: round(value, 2) for key, value in per_call.items()}
            server_ms = per_call["app"] + per_call["postgres"]
            row["capacity_per_s"] = round((os.cpu_count() or 1) * 1000 / server_ms) if server_ms else None
            results[name] = row
    report = {
        "driver": driver,
        "throttle": args.throttle,
        "throttle_default": "120/minute (API_THROTTLE_RATE)",
        "users": args.users,
        "seconds": args.seconds,
        "gunicorn": extra or "gunicorn.conf.py defaults",
        "cpu_count": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "endpoints": results,
    }
    print(
        f"{driver}, throttle {args.throttle} for the run (default 120/minute); "
        f"{args.users} connections, {args.seconds} s each"
    )
    print(
        f"{'endpoint':<20}{'req/s':>8}{'median ms':>10}{'p95 ms':>8}{'p99 ms':>8}{'errors':>7}"
        f"{'cpu ms/call app+pg+client':>27}{'capacity/s':>11}"
    )
    for name, row in results.items():
        cpu = row["cpu_ms_per_call"]
        print(
            f"{name:<20}{row['requests_per_s']:>8}{row['median_ms']:>10}{row['p95_ms']:>8}{row['p99_ms']:>8}"
            f"{row['errors']:>7}{cpu['app']:>11} +{cpu['postgres']:>5} +{cpu['client']:>5}{row['capacity_per_s']:>11}"
        )
    print(f"load average before {report['load_average_before']}, after {report['load_average_after']}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    return 1 if any(row["errors"] for row in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
