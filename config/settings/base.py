"""Settings shared by every environment, driven by environment variables.

Each environment module (local, test, production) imports this one and only
changes what differs. Secrets and addresses come from the environment, never
from the code.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-only-for-local-development")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "csp",
    "core",
    "accounts",
    "privacy",
    "casework",
    "teams",
    "kwesties",
    "audits",
    "reflection",
    "courtreports",
    "reports",
    "api",
    "oauth2_provider",
    "notifications",
    "axes",
    "pgtrigger",
    # The second factor (accounts/second_factor): TOTP apps and the recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Passkeys as a second factor next to the app (django-otp-webauthn; its own static JS).
    "django_otp_webauthn",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",  # config.web_only.*: the pages' own, skipped for /api/
    "config.web_only.WhiteNoiseMiddleware",
    "config.web_only.SessionMiddleware",
    "config.web_only.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "config.web_only.AuthenticationMiddleware",
    # user.is_verified(): did this session pass the second factor (django-otp)?
    "config.web_only.OTPMiddleware",
    "privacy.context.ClientAddressMiddleware",
    # A post that arrives after its session expired is kept for its author, not dropped (before the next one).
    "config.web_only.KeepExpiredPostMiddleware",
    # Every page but the log-in page requires a logged-in user.
    "config.web_only.LoginRequiredMiddleware",
    # ... and every page but the second-factor steps and log-out requires that second factor too.
    "config.web_only.SecondFactorRequiredMiddleware",
    "config.web_only.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "privacy.middleware.NoStoreForPersonalDataMiddleware",
    # Gives the browser its device cookie after a successful log-in (accounts.lockout).
    "config.web_only.DeviceCookieMiddleware",
    # The pages of settings.REPLICA_VIEWS read from the replica, when there is one (core.db_router).
    "core.db_router.ReplicaReadsMiddleware",
    # Last, as django-axes asks: it turns a locked-out log-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.team_membership",
                "reflection.context_processors.reflection_nav",
                "audits.context_processors.has_audits",
                "notifications.context_processors.unread_notifications",
                "accounts.context_processors.session_timeout",
            ],
        },
    },
]

FORM_RENDERER = "core.forms.FormRenderer"

DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/gezinsgericht"),
}
# The database roles (manage.py db_roles, core.db_roles; README "Production"): the owner owns the schema
# and runs migrate; the app role, which DATABASE_URL names in production, may only read and write rows,
# and only read and add in the append-only tables. The superuser only bootstraps them.
DB_OWNER_ROLE = env("DB_OWNER_ROLE", default="gezinsgericht_owner")
DB_OWNER_PASSWORD = env("DB_OWNER_PASSWORD", default="")
DB_APP_ROLE = env("DB_APP_ROLE", default="gezinsgericht_app")
DB_APP_PASSWORD = env("DB_APP_PASSWORD", default="")
# The access log's partitions carry copies of its TRUNCATE guard (privacy.partitions) that pgtrigger does not
# know and `pgtrigger ls` shows as PRUNE: an install must never drop them (never run `pgtrigger prune` either).
PGTRIGGER_PRUNE_ON_INSTALL = False
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# Beyond one machine (config/settings/scale.py): the read replica and its router, the Celery queues.
from .scale import *  # noqa: E402, F403
from .scale import with_replica  # noqa: E402

DATABASES = with_replica(DATABASES)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # axes's backend, first refusing untrusted browsers at an address spraying user names (accounts.lockout).
    "accounts.lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# The log-in lock-out (accounts.lockout, README "Security").
from .lockout import *  # noqa: E402, F403

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.passwords.DutchMinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    # Django's list is English: 'wachtwoord12' and 'Welkom2026!' need a Dutch one (accounts/passwords).
    {"NAME": "accounts.passwords.DutchCommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The second factor, passkeys, password reset and the optional single sign-on: config/settings/login.py.
from .login import *  # noqa: E402, F403
from .login import OIDC_RP_CLIENT_ID  # noqa: E402

if OIDC_RP_CLIENT_ID:
    AUTHENTICATION_BACKENDS.append("accounts.oidc.StaffOIDCBackend")

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

# Sessions end after SESSION_IDLE_MINUTES without a request (each request, an
# autosave of a draft included, renews them; the database row expires too, so
# this is enforced on the server). Pages warn SESSION_WARNING_MINUTES before,
# with a button to stay logged in (static/js/session.js). Nothing typed is lost
# when it does end: drafts are on the server, and a post that arrives after
# expiry is kept for its author (casework.drafts.recovery). Closing the browser
# on a shared laptop ends the session.
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=30)
SESSION_WARNING_MINUTES = env.int("SESSION_WARNING_MINUTES", default=5)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# The CSRF token lives in its own cookie, not the session: a form posted after the
# session expired still passes the CSRF check, so its post can be kept.
CSRF_USE_SESSIONS = False
# A lost or expired CSRF cookie: a Dutch page that keeps the post (problem+json under /api/), not a bare 403.
CSRF_FAILURE_VIEW = "api.problems.csrf_failure"
# Messages can carry what must not sit in a cookie (a partner client's new
# secret, shown once): keep them server-side, in the session.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# The client's address behind our proxies and the Permissions-Policy header: config/settings/security.py.
from .security import *  # noqa: E402, F403

# A strict Content-Security-Policy: no inline scripts or styles anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged when it is done, not when it is taken, and one whose worker process died is
# put back: a killed worker loses no task. Every task is idempotent by its natural key, so running one
# twice (redelivered, retried, swept) does its work once.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# Redis gives a task that was taken but never acknowledged (its worker was killed) to another worker
# after the visibility timeout. It must outlast the longest task *and* the longest countdown a worker
# holds unacknowledged (a report's retry waits up to 30 minutes), or a waiting retry is handed out twice.
# Two hours; a report takes seconds. The sweepers heal sooner (stuck reports, the e-mail outbox).
# Socket timeouts: a publish to a Redis that is down fails within a second instead of blocking a request.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=2 * 3600),
    "socket_connect_timeout": 1,
    "socket_timeout": 5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 1
# Publishing does not retry: a failed enqueue is logged (core.queue) and healed by a sweeper, so a web
# request answers at once. The worker's own connection still reconnects as long as it takes.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 0}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# `.delay()` also subscribes to the task's result in Redis; without these it retried ~20 s when Redis was down.
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 1
CELERY_REDIS_SOCKET_TIMEOUT = 5
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": {"max_retries": 0}}
# The beat schedule and the report dispatchers' catch-up.
from .schedule import *  # noqa: E402, F403

REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Gezinsgericht werken – partner-API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="noreply@gezinsgericht.invalid")
# The outbox (notifications.OutgoingEmail): a mail server that does not answer in EMAIL_TIMEOUT seconds
# counts as a failed attempt; attempts wait 1, 2, 4 ... minutes (at most 2 hours) in between, and after
# the last the message is given up and stays visible to functioneel beheer in the admin.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
EMAIL_OUTBOX_MAX_ATTEMPTS = env.int("EMAIL_OUTBOX_MAX_ATTEMPTS", default=10)
EMAIL_OUTBOX_BACKOFF_SECONDS = env.int("EMAIL_OUTBOX_BACKOFF_SECONDS", default=60)
EMAIL_OUTBOX_BACKOFF_MAX_SECONDS = env.int("EMAIL_OUTBOX_BACKOFF_MAX_SECONDS", default=2 * 3600)
# Queue the sender right after a notification commits (off in the tests, which send the outbox themselves).
EMAIL_OUTBOX_SEND_ON_COMMIT = env.bool("EMAIL_OUTBOX_SEND_ON_COMMIT", default=True)
EMAIL_MESSAGE_ID_DOMAIN = env("EMAIL_MESSAGE_ID_DOMAIN", default="gezinsgericht.invalid")

# Drafts (casework.drafts): what a user types in a long form is kept on the
# server while they type, restored when they open the form again, and dropped
# after this many days (manage.py drafts_cleanup, and daily in the beat schedule).
DRAFT_DAYS = env.int("DRAFT_DAYS", default=14)
DRAFT_MAX_CHARS = 200_000
# A post that arrived after its session expired waits this long for the same user to log in again.
KEPT_POST_HOURS = env.int("KEPT_POST_HOURS", default=24)

# A contact's author may correct it until the end of the day after the contact
# was recorded; after that only an addendum may be added.
CONTACT_CORRECTION_DAYS = env.int("CONTACT_CORRECTION_DAYS", default=1)

# Every create is idempotent (core.idempotency): a form's one-time token, or an
# API client's Idempotency-Key, leads to the first result for this many days.
IDEMPOTENCY_KEY_DAYS = env.int("IDEMPOTENCY_KEY_DAYS", default=7)

# The reflectie-instrument: a reflection about every three months; a team
# aggregate only when it covers at least this many workers (anonymity).
REFLECTION_INTERVAL_DAYS = env.int("REFLECTION_INTERVAL_DAYS", default=91)
REFLECTION_MIN_WORKERS = 5

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # django-axes logs every log-in at INFO; lock-outs come at WARNING.
    "loggers": {"axes": {"level": "WARNING"}},
}

# The method's thresholds (signals, phase norms, sharing after help, kwestie levels); court work and family
# documents (COURT, PRIVATE_MEDIA_ROOT, STORAGES, DOCUMENT_*).
from .court import *  # noqa: E402, F403
from .method import *  # noqa: E402, F403

# Partner API (api/, /api/v1): OAuth2 client credentials only, one client per
# partner system, short-lived tokens, scopes per resource (read versus write).
API_SCOPES = {
    "gezinnen:lezen": "Gezinnen en jeugdigen lezen",
    "afspraken:lezen": "Afspraken lezen die aan de partner zijn toegewezen",
    "inzetten:lezen": "Eigen inzetten lezen",
    "inzetten:schrijven": "Start, stop en voortgang van eigen inzetten melden",
}
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER = {
    "SCOPES": API_SCOPES,
    "DEFAULT_SCOPES": ["__all__"],
    "SCOPES_BACKEND_CLASS": "api.oauth.PartnerClientScopes",
    "OAUTH2_VALIDATOR_CLASS": "api.oauth.PartnerClientValidator",
    "ACCESS_TOKEN_EXPIRE_SECONDS": env.int("API_ACCESS_TOKEN_SECONDS", default=600),
    # RFC 9700: no bearer token in a URL (it ends up in logs), tokens stored only as a
    # checksum, and the password and implicit grants refused outright.
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    # The rest of RFC 9700's advice, so `check --deploy` is clean and stays clean: partners use client
    # credentials only, but should an authorization-code client ever be added it gets PKCE with S256
    # only ("plain" refused), the RFC 9207 `iss` in every authorization response, a replayed refresh
    # token revoking its whole family, and exact https redirect URIs. Each gate set to True turns a
    # later relaxation of its setting into a `check --deploy` error instead of a warning.
    "PKCE_REQUIRED": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "ALLOW_URI_WILDCARDS": False,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
}
# Requests per partner client; the counts live in the "api" cache (set
# API_CACHE_URL=redis://... in production so all workers share them).
API_THROTTLE_RATE = env("API_THROTTLE_RATE", default="120/minute")
# The token endpoint (api.token_guard): wrong secrets per client id are free up to FREE, then each next try
# waits 1, 2, 4 ... seconds, and at LIMIT the client id is locked for LOCK minutes (the correct secret too);
# an address at which ADDRESS_CLIENTS different client ids failed is locked as long. Counts older than
# WINDOW minutes lapse; a token handed out resets its client. In the database, shared by all workers.
API_TOKEN_GUARD_FREE_FAILURES = env.int("API_TOKEN_GUARD_FREE_FAILURES", default=3)
API_TOKEN_GUARD_FAILURE_LIMIT = env.int("API_TOKEN_GUARD_FAILURE_LIMIT", default=10)
API_TOKEN_GUARD_LOCK_MINUTES = env.int("API_TOKEN_GUARD_LOCK_MINUTES", default=15)
API_TOKEN_GUARD_ADDRESS_CLIENTS = env.int("API_TOKEN_GUARD_ADDRESS_CLIENTS", default=5)
API_TOKEN_GUARD_WINDOW_MINUTES = env.int("API_TOKEN_GUARD_WINDOW_MINUTES", default=15)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "api": env.cache_url("API_CACHE_URL", default="locmemcache://api-throttle"),
}
SPECTACULAR_SETTINGS.update(
    {
        "DESCRIPTION": "Partner-API volgens de API Design Rules: gezinnen, jeugdigen, afspraken en inzetten.",
        "SERVERS": [{"url": env("API_SERVER_URL", default="/"), "description": "Gezinsgericht werken"}],
        "SCHEMA_PATH_PREFIX": r"/api/v1",
        "COMPONENT_SPLIT_REQUEST": True,
        "OAUTH2_FLOWS": ["clientCredentials"],
        "OAUTH2_TOKEN_URL": "/api/v1/oauth/token",
        "OAUTH2_SCOPES": API_SCOPES,
        "ENUM_NAME_OVERRIDES": {"RedenEindeEnum": "casework.partners.models.EndReason"},
        "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "api.schema.add_response_headers"],
    }
)
