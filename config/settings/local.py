"""Local development: the embedded default (SQLite, Celery tasks in-process)."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# A mistyped address shows the Dutch 404 page, as in production, not the debug page with every URL pattern.
# Before django-axes, which stays last.
MIDDLEWARE = [*MIDDLEWARE[:-1], "core.middleware.FriendlyNotFoundMiddleware", MIDDLEWARE[-1]]  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The demo users (manage.py demo_data) share one TOTP secret, only here: `make code` prints the current
# code (manage.py demo_code, which refuses outside DEBUG and these settings). Never in production.
DEMO_TOTP_SECRET = "GEZINSGERICHTWERKENDEMOGEHEIMABC"
