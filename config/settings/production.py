"""Production: everything secret or site-specific must come from the environment."""

from .base import *  # noqa: F403
from .base import DATABASES, env
from .scale import with_pool

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# Behind our own TLS proxy (see docker-compose.yml), which appends the address it saw to
# X-Forwarded-For: the access log and the log-in lock-out use that one entry (core.client_ip),
# never what a client wrote left of it. Set TRUSTED_PROXY_COUNT to the number of proxies in front.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# Off only for a local measurement over plain HTTP on 127.0.0.1 (make loadtest): a browser never sends a
# Secure cookie back over http, so the log-in would fail there. Never turn it off behind the TLS proxy.
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

STORAGES = {
    **STORAGES,  # noqa: F405  (base's "private" storage for family documents)
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)

# The partner API throttles per client; with several gunicorn workers the
# counts must be shared, so they live in Redis (a database of their own).
CACHES["api"] = {  # noqa: F405
    "BACKEND": "core.cache.RedisCache",
    "LOCATION": env("API_CACHE_URL", default=REDIS_URL.rsplit("/", 1)[0] + "/2"),  # noqa: F405
}

# Without the pool (DB_POOL_MAX=0, the Celery workers): persistent connections (CONN_MAX_AGE in base), checked
# before reuse so a connection PostgreSQL closed (restart, idle timeout) is replaced instead of failing a request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)

# Beyond one machine (config/settings/scale.py, README "Schaal en sizing"): Django's psycopg pool on the
# primary and the replica, sized per process by DB_POOL_MIN/DB_POOL_MAX; the "default" cache in Redis
# (a database of its own), so no web node keeps in its memory what another node must see. Sessions are in
# the database (base.py), throttle counts in the "api" cache above, lock-outs and the token guard in the
# database. `manage.py check --deploy` refuses a cache or session store in process memory (core.stateless).
DATABASES = with_pool(DATABASES)
CACHES["default"] = {  # noqa: F405
    "BACKEND": "core.cache.RedisCache",
    "LOCATION": env("CACHE_URL", default=REDIS_URL.rsplit("/", 1)[0] + "/1"),  # noqa: F405
}
