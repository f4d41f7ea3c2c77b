"""Say clearly whether PostgreSQL, Redis and Chromium are there before the test suite starts.

The tests run against the real services (no mocks); when one is down, a wall
of connection errors helps nobody, so this prints how to start it instead.
"""

import os
import sys

import environ
import psycopg
import redis

env = environ.Env()
DATABASE_URL = env("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/gezinsgericht")
REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")


def check_postgres() -> str | None:
    cfg = env.db_url_config(DATABASE_URL)
    try:
        psycopg.connect(
            host=cfg["HOST"] or "127.0.0.1",
            port=cfg["PORT"] or 5432,
            user=cfg["USER"] or "postgres",
            password=cfg["PASSWORD"] or None,
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except psycopg.Error as error:
        return (
            f"PostgreSQL is not reachable at {cfg['HOST']}:{cfg['PORT']} ({error}).\n"
            "  Start it, e.g.: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n"
            "  or point DATABASE_URL at a running server (postgres://user:password@host:port/dbname)."
        )
    return None


def check_redis() -> str | None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        return (
            f"Redis is not reachable at {REDIS_URL} ({error}).\n"
            '  Start it, e.g.: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no\n'
            "  or point REDIS_URL at a running server."
        )
    return None


def check_chromium() -> str | None:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.path.exists(path):
        return (
            f"Chromium is missing at {path}; the end-to-end tests need it.\n"
            "  Install it from Debian's packages: apt-get install chromium chromium-driver"
        )
    return None


def main() -> int:
    problems = [p for p in (check_postgres(), check_redis(), check_chromium()) if p]
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        where = f"{os.environ.get('DATABASE_URL', DATABASE_URL)}, {REDIS_URL}"
        print(f"PostgreSQL and Redis answer ({where}); Chromium is there.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
