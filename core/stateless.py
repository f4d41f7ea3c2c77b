"""A deploy check: nothing a web node must share with the others may live in its own process memory.

With several web nodes (and several gunicorn workers on one), a cache in process memory (locmem, dummy
is harmless but useless) or sessions in files or a per-process cache would differ per process: a
throttle that counts per worker, a session that exists on one node only. `manage.py check --deploy`
(production settings) reports each as an error; the test and local settings keep locmem on purpose and
are not deploy runs.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register

PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.filebased.FileBasedCache",
)
PROCESS_SESSIONS = ("django.contrib.sessions.backends.file", "django.contrib.sessions.backends.cache")


def stateless_problems() -> list[Error]:
    problems = []
    for alias, config in settings.CACHES.items():
        if config.get("BACKEND") in PROCESS_CACHES:
            problems.append(
                Error(
                    f"The {alias!r} cache lives in one process ({config['BACKEND']}).",
                    hint="Use Redis (django.core.cache.backends.redis.RedisCache), shared by every web node.",
                    id="core.E101",
                )
            )
    engine = settings.SESSION_ENGINE
    cache_backend = settings.CACHES.get(settings.SESSION_CACHE_ALIAS, {}).get("BACKEND")
    if engine in PROCESS_SESSIONS and (engine.endswith(".file") or cache_backend in PROCESS_CACHES):
        problems.append(
            Error(
                f"Sessions are kept in one process or node ({engine}).",
                hint="Keep sessions in the database (django.contrib.sessions.backends.db) or in Redis.",
                id="core.E102",
            )
        )
    return problems


@register(Tags.caches, deploy=True)
def check_stateless_web_nodes(app_configs: object, **kwargs: object) -> list[Error]:
    return stateless_problems()
