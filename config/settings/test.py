"""Tests: the real PostgreSQL and Redis, at their usual local addresses."""

import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import REDIS_URL, STORAGES, env
from .scale import with_replica

DEBUG = False
SECRET_KEY = "test-only-secret-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/gezinsgericht"),
}
DATABASES["default"]["CONN_MAX_AGE"] = 0
# No replica unless DATABASE_REPLICA_URL is set (the streaming-replica test sets it for its own process).
DATABASES = with_replica(DATABASES)
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Family documents of a test run go to a directory of its own, never into the checkout.
PRIVATE_MEDIA_ROOT = env("PRIVATE_MEDIA_ROOT", default=str(Path(tempfile.gettempdir()) / "gg-test-private-media"))
STORAGES = {
    **STORAGES,
    "private": {"BACKEND": STORAGES["private"]["BACKEND"], "OPTIONS": {"location": PRIVATE_MEDIA_ROOT}},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Celery in tests: a real broker, never eager, on a Redis database of its own
# (15 on the REDIS_URL server) so test runs leave the development queues alone.
_TEST_REDIS_URL = urlsplit(REDIS_URL)._replace(path="/15").geturl()
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=_TEST_REDIS_URL)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=_TEST_REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = False
# The e-mail outbox is sent by the tests themselves (or by their own worker): a send task queued after
# every commit would pile up on a queue that no test worker listens to.
EMAIL_OUTBOX_SEND_ON_COMMIT = False
