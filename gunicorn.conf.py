"""gunicorn for the web app: sized for a small machine (2 cores), every number overridable by the environment.

Why these numbers (README, "Partner-API", speed):
- Each request is mostly Python on one core (the GIL), with short waits on
  PostgreSQL and Redis in between. Threads in one process share one core's
  worth of Python, so a process per core is what buys throughput, and one extra
  process keeps a core busy while another waits on the database: workers =
  cores + 1 (3 on 2 cores). More processes only add context switches and
  database connections on a machine that also runs PostgreSQL.
- gthread with a few threads per process: a slow client or a keep-alive
  connection holds a thread, not a whole process (sync workers close every
  connection and stall on a slow reader), and the reverse proxy's keep-alive
  connections are reused. Django keeps one database connection per thread
  (CONN_MAX_AGE), so connections = workers x threads (12 here, far below
  PostgreSQL's 100).
- preload_app: the app is imported once before the fork (memory shared
  copy-on-write, a broken settings file fails at start, not per worker); no
  database connection is opened at import, so none is shared across the fork.
- max_requests with jitter: each worker is replaced after a few thousand
  requests, not all at the same moment, so a slow leak cannot grow for ever.
- The access log is off (GUNICORN_ACCESS_LOG=- turns it on): the reverse proxy
  logs requests, and the app's own access log (privacy) records every read of
  family data; a line per request to stdout costs CPU at hundreds per second.
"""

import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _cores() -> int:
    """The cores this process may run on (a container's CPU set), not every core of the host.

    On a large host a container limited to two cores would otherwise start a worker per host core,
    each with its database pool, and run PostgreSQL out of connections. A CPU quota without a CPU
    set is not seen here: set GUNICORN_WORKERS for such a container.
    """
    return len(os.sched_getaffinity(0))


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = _int("GUNICORN_WORKERS", _cores() + 1)
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = _int("GUNICORN_THREADS", 4)
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"
max_requests = _int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 500)
# A request taking longer is stuck (the slowest page, a report, is seconds): the worker is replaced.
timeout = _int("GUNICORN_TIMEOUT", 60)
# On SIGTERM the requests in flight get this long to finish (docker-compose's stop_grace_period is 60 s).
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Longer than the proxy's idle time would waste threads; shorter makes the proxy reconnect often.
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# The workers' heartbeat files in memory, not on a container's overlay disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108  # gunicorn's own advice
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
wsgi_app = "config.wsgi:application"
