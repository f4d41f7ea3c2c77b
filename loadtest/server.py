"""A local gunicorn with production settings on a database of its own, for the API benchmark and the load test.

Both measure the app as it runs in production (gunicorn.conf.py, DEBUG off,
Redis for the throttle counts), not Django's test client, so they share this:
prepare the database (migrate, demo data once), start gunicorn on a free port,
wait until it answers, stop it. Traffic goes to 127.0.0.1 only.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from base64 import b64encode
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port(preferred: int = 0) -> int:
    """`preferred` when it is free, else any free port on 127.0.0.1."""
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", preferred))
        except OSError:
            sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(*args: str, database_url: str, check: bool = True) -> subprocess.CompletedProcess:
    """A manage.py command on the benchmark database with the local settings (DEBUG: demo commands allowed)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.local", "DATABASE_URL": database_url}
    command = [PYTHON, "manage.py", *args]
    return subprocess.run(command, cwd=ROOT, env=env, check=check, text=True, capture_output=True)  # noqa: S603


def create_database(database_url: str) -> bool:
    """Create the PostgreSQL database of `database_url` when missing; True when it was made now."""
    import environ  # django-environ, only once the venv is there
    import psycopg

    cfg = environ.Env.db_url_config(database_url)
    if "postgresql" not in cfg["ENGINE"]:
        sys.exit("These measurements need PostgreSQL: give a postgres:// database URL.")
    with psycopg.connect(
        host=cfg["HOST"] or "127.0.0.1",
        port=cfg["PORT"] or 5432,
        user=cfg["USER"] or "postgres",
        password=cfg["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]]).fetchone():
            return False
        conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
        return True


def prepare_database(database_url: str) -> None:
    """Migrate, and fill with the demo data when empty (about a minute and a half the first time)."""
    create_database(database_url)
    manage("migrate", "--noinput", "-v0", database_url=database_url)
    manage("demo_data", "--if-empty", database_url=database_url)


def production_env(*, database_url: str, redis_url: str, throttle: str, port: int, extra: dict | None = None) -> dict:
    """The environment of config.settings.production for a plain-HTTP server on 127.0.0.1."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "local-measurement-only-" + "x" * 40),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # No TLS proxy in front here: no redirect to https and no forwarded address to believe.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "TRUSTED_PROXY_COUNT": "0",
        "REDIS_URL": redis_url,
        "API_CACHE_URL": redis_url,
        "API_THROTTLE_RATE": throttle,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        # Longer than a simulated person's pause between clicks: an idle connection closed by the server just
        # as the client reuses it is a reset the client sees as an error (a proxy would retry it).
        "GUNICORN_KEEPALIVE": "30",
        **(extra or {}),
    }


def cpu_by_pid(pids: list[int]) -> dict[int, float]:
    """User plus system CPU seconds of each of these processes so far (Linux /proc); one gone is left out."""
    tick = os.sysconf("SC_CLK_TCK")
    found = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / tick  # utime, stime (fields 14 and 15 of stat)
    return found


def cpu_spent(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds spent between two samples by the processes alive at the second (a new one from zero)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def child_pids(pid: int) -> list[int]:
    """The direct children of a process (gunicorn's workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


def collect_static(env: dict) -> None:
    """The pages need the hashed static files (production's manifest storage), as the Docker image has them."""
    command = [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603


def wait_until_up(url: str, *, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310  # our own server on 127.0.0.1
                return
        except urllib.error.HTTPError:
            return  # it answers (even a 4xx is an answer)
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer at {url} within {seconds} s")


@contextmanager
def gunicorn(env: dict, *, log_path: Path):
    """gunicorn with gunicorn.conf.py and `env`; stopped (SIGTERM, then SIGKILL) when the block ends."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w") as log:
        process = subprocess.Popen(  # noqa: S603  # our own gunicorn, fixed arguments
            [PYTHON, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(f"http://{env['GUNICORN_BIND']}/gezond/")
            yield process
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def get_token(base_url: str, client_id: str, secret: str) -> str:
    """A bearer token the way a partner system gets one: client credentials at the token endpoint."""
    basic = b64encode(f"{client_id}:{secret}".encode()).decode()
    request = urllib.request.Request(  # noqa: S310  # our own server on 127.0.0.1
        f"{base_url}/api/v1/oauth/token",
        data=urllib.parse.urlencode({"grant_type": "client_credentials"}).encode(),
        headers={"Authorization": f"Basic {basic}"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return json.load(response)["access_token"]
