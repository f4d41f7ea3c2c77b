"""Settings for more than one machine: the replica alias, the pool, and the deploy check of shared state."""

import pytest
from django.test import override_settings

from config.settings.scale import with_pool, with_replica
from core.stateless import stateless_problems

PRIMARY = {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": "gezinsgericht",
    "HOST": "db",
    "PORT": 5432,
    "USER": "app",
    "CONN_MAX_AGE": 60,
    "ATOMIC_REQUESTS": False,
}
REDIS = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://redis:6379/1"}
LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


def test_no_replica_url_means_no_replica_alias(monkeypatch):
    monkeypatch.delenv("DATABASE_REPLICA_URL", raising=False)
    assert with_replica({"default": PRIMARY}) == {"default": PRIMARY}


def test_the_replica_alias_is_shaped_like_the_primary(monkeypatch):
    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://app:secret@replica:5432/gezinsgericht")
    databases = with_pool(with_replica({"default": PRIMARY}))
    replica = databases["replica"]
    assert (replica["HOST"], replica["NAME"], replica["USER"]) == ("replica", "gezinsgericht", "app")
    assert replica["TEST"] == {"MIRROR": "default"}
    assert replica["OPTIONS"]["pool"] == databases["default"]["OPTIONS"]["pool"]


def test_the_pool_is_sized_from_the_environment_and_turns_persistent_connections_off(monkeypatch):
    monkeypatch.setenv("DB_POOL_MIN", "2")
    monkeypatch.setenv("DB_POOL_MAX", "8")
    default = with_pool({"default": PRIMARY})["default"]
    assert default["OPTIONS"]["pool"]["min_size"] == 2 and default["OPTIONS"]["pool"]["max_size"] == 8
    assert default["CONN_MAX_AGE"] == 0  # Django refuses a pool with persistent connections
    assert PRIMARY["CONN_MAX_AGE"] == 60  # the input is not changed


def test_pool_max_zero_leaves_plain_connections(monkeypatch):
    monkeypatch.setenv("DB_POOL_MAX", "0")
    assert with_pool({"default": PRIMARY}) == {"default": PRIMARY}


def test_sqlite_gets_no_pool(monkeypatch):
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}
    assert with_pool({"default": sqlite}) == {"default": sqlite}


@pytest.mark.parametrize(
    ("caches", "engine", "ids"),
    [
        ({"default": REDIS, "api": REDIS}, "django.contrib.sessions.backends.db", []),
        ({"default": LOCMEM, "api": REDIS}, "django.contrib.sessions.backends.db", ["core.E101"]),
        ({"default": REDIS, "api": REDIS}, "django.contrib.sessions.backends.file", ["core.E102"]),
        ({"default": LOCMEM, "api": REDIS}, "django.contrib.sessions.backends.cache", ["core.E101", "core.E102"]),
        ({"default": REDIS, "api": REDIS}, "django.contrib.sessions.backends.cached_db", []),
    ],
)
def test_the_deploy_check_flags_state_in_process_memory(caches, engine, ids):
    with override_settings(CACHES=caches, SESSION_ENGINE=engine):
        assert [problem.id for problem in stateless_problems()] == ids
