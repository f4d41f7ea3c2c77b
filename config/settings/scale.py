"""Beyond one machine: the read replica, the connection pool and the Celery queues (README "Schaal en sizing").

Imported by base.py (and used by the environment modules that set their own DATABASES), so every
environment agrees on the queue names and on when a replica exists. Everything here is off or
harmless on the embedded SQLite default (`make run`): no DATABASE_REPLICA_URL means no replica alias,
and the router then sends every read to "default".
"""

import environ
from kombu import Queue

env = environ.Env()

# --- The read replica ----------------------------------------------------------------------------
# A PostgreSQL streaming replica of the primary (DATABASE_REPLICA_URL; absent = no replica). Only the
# pages named in REPLICA_VIEWS read from it, and only for GET/HEAD outside any transaction
# (core.db_router): figures, stored reports and the board's pages, which may be a moment behind.
# Writes always go to the primary, the access log row of a replica read included.
REPLICA_ALIAS = "replica"
DATABASE_ROUTERS = ["core.db_router.ReplicaRouter"]
REPLICA_VIEWS = [
    "dashboard:team_figures",
    "reports:list",
    "reports:detail",
    "reports:pdf",
    "reports:csv",
    "kwesties:board",
    "kwesties:patterns",
]
# A replica further behind than this (seconds), or unreachable, is not read: its pages come from the
# primary (core.replica_lag). Measured on the replica at most every REPLICA_LAG_CHECK_SECONDS per process.
REPLICA_MAX_LAG_SECONDS = env.float("REPLICA_MAX_LAG_SECONDS", default=10.0)
REPLICA_LAG_CHECK_SECONDS = env.float("REPLICA_LAG_CHECK_SECONDS", default=5.0)
# Who may see what is decided on the primary only: these apps and models are never read on the replica.
REPLICA_PRIMARY_ONLY = [
    "sessions",
    "django_otp",
    "otp_totp",
    "otp_static",
    "accounts.user",
    "accounts.membership",
    "accounts.grantproposal",
    "accounts.grantevent",
    "casework.familyaccessgrant",
    "casework.substitution",
    "audits.teamaudit",
    "audits.auditorassignment",
    "audits.sampledfile",
]


def with_replica(databases: dict) -> dict:
    """`databases` plus the replica alias when DATABASE_REPLICA_URL is set, shaped like "default".

    In a test run the alias mirrors the test database (Django's TEST MIRROR), so a suite run with a
    replica configured never tries to create a test database on a read-only server.
    """
    url = env("DATABASE_REPLICA_URL", default="")
    if not url:
        return databases
    primary = databases["default"]
    replica = env.db_url_config(url)
    for key in ("ATOMIC_REQUESTS", "CONN_MAX_AGE", "CONN_HEALTH_CHECKS"):
        if key in primary:
            replica[key] = primary[key]
    if "pool" in primary.get("OPTIONS", {}):
        replica.setdefault("OPTIONS", {})["pool"] = dict(primary["OPTIONS"]["pool"])
    # A replica that does not answer is given up on quickly (core.replica_lag), not waited for.
    replica.setdefault("OPTIONS", {}).setdefault("connect_timeout", env.int("REPLICA_CONNECT_TIMEOUT", default=3))
    replica["TEST"] = {"MIRROR": "default"}
    return databases | {REPLICA_ALIAS: replica}


# --- The connection pool (production) --------------------------------------------------------------
def with_pool(databases: dict) -> dict:
    """Django's psycopg pool on every PostgreSQL alias, sized by DB_POOL_MIN/DB_POOL_MAX per process.

    One pool per process and alias: a gunicorn worker serves at most its threads at once, so a pool
    of DB_POOL_MAX (default 4) never makes a request wait for a connection, and the node holds at most
    workers x DB_POOL_MAX connections (README "Schaal en sizing"). Django refuses a pool together with
    persistent connections, so CONN_MAX_AGE is 0 on a pooled alias. DB_POOL_MAX=0 turns the pool off
    (the Celery workers in docker-compose.yml), leaving CONN_MAX_AGE as configured.
    """
    max_size = env.int("DB_POOL_MAX", default=4)
    if max_size <= 0:
        return databases
    pool = {
        "min_size": min(env.int("DB_POOL_MIN", default=1), max_size),
        "max_size": max_size,
        # A request that finds every connection busy waits this long, then fails (not forever).
        "timeout": env.float("DB_POOL_TIMEOUT", default=10.0),
        # A connection is replaced after this many seconds, so a failover or a pgbouncer restart heals.
        "max_lifetime": env.float("DB_POOL_MAX_LIFETIME", default=1800.0),
    }
    pooled = {}
    for alias, config in databases.items():
        config = dict(config)
        if config.get("ENGINE", "").endswith("postgresql"):
            config["OPTIONS"] = dict(config.get("OPTIONS", {})) | {"pool": dict(pool)}
            config["CONN_MAX_AGE"] = 0
            # The pool checks a connection before handing it out: a connection the server closed is
            # replaced instead of failing the request.
            config["CONN_HEALTH_CHECKS"] = True
        pooled[alias] = config
    return pooled


# --- Celery queues -----------------------------------------------------------------------------------
# Four queues, so one kind of work cannot starve another: a month's reports (minutes of CPU) never hold
# up a password-reset mail. docker-compose.yml runs a worker per group (README "Schaal en sizing").
# Routes go by task name pattern, so a new task of an app lands on its app's queue without a change here.
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_QUEUES = [Queue("default"), Queue("reports"), Queue("notifications"), Queue("mail")]
CELERY_TASK_ROUTES = {
    # The e-mail outbox: sending is slow and depends on the mail server, so it has its own queue.
    "notifications.send_emails": {"queue": "mail"},
    # Report generation, its dispatchers and the stuck-report sweeper.
    "reports.*": {"queue": "reports"},
    # The periodic work whose product is notifications to people (overdue kwesties, reflection reminders).
    "notifications.*": {"queue": "notifications"},
    "kwesties.*": {"queue": "notifications"},
    "reflection.*": {"queue": "notifications"},
    # Everything else (drafts clean-up, expired tokens and idempotency keys, log partitions) stays on
    # "default" (CELERY_TASK_DEFAULT_QUEUE).
}


# --- Stateless web nodes -------------------------------------------------------------------------------
# Any web node may serve any request, so nothing a request leaves for the next may sit in one process's
# memory. Sessions stay in the database (not cached_db on Redis): a Redis outage must not log everybody out.
# core.sessions is Django's database store writing the row only when it changed or its expiry is more than
# SESSION_RENEW_SECONDS behind a fresh one (SESSION_SAVE_EVERY_REQUEST renews the idle timeout): a page costs
# no transaction of its own, and the server ends an idle session between SESSION_IDLE_MINUTES minus this and
# SESSION_IDLE_MINUTES after the last request. The caches are set per environment (production.py: Redis);
# core.stateless checks it at `check --deploy`.
SESSION_ENGINE = "core.sessions"
SESSION_RENEW_SECONDS = env.int("SESSION_RENEW_SECONDS", default=60)
