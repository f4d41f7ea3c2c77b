"""The replica router's rules, without a replica: which alias a read or write goes to, and when.

The same rules on a real streaming replica: tests/core/test_scale_replica.py.
"""

import pytest
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from accounts.models import Team
from core import db_router, replica_lag
from core.db_router import ReplicaReadsMiddleware, ReplicaRouter, read_alias, using_replica

REPLICA = "replica"


@pytest.fixture
def replica_configured(monkeypatch):
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)
    monkeypatch.setattr(db_router, "replica_fresh", lambda: True)  # the lag guard: tests below and on a replica


def test_without_a_replica_every_read_stays_on_the_primary():
    assert not db_router.replica_configured()
    with using_replica():
        assert read_alias() == DEFAULT_DB_ALIAS


def test_only_reads_inside_using_replica_go_to_the_replica(replica_configured):
    assert read_alias() == DEFAULT_DB_ALIAS
    with using_replica():
        assert read_alias() == REPLICA
        assert ReplicaRouter().db_for_read(Team) == REPLICA
    assert read_alias() == DEFAULT_DB_ALIAS


@pytest.mark.django_db
def test_a_read_inside_a_transaction_stays_on_the_primary(replica_configured):
    # The test itself runs in a transaction (and outside one, the test above reads from the replica).
    with using_replica(), transaction.atomic():
        assert read_alias() == DEFAULT_DB_ALIAS


def test_writes_go_to_the_primary_also_for_an_object_read_from_the_replica(replica_configured):
    team = Team(name="Team Replica")
    team._state.db = REPLICA
    router = ReplicaRouter()
    with using_replica():
        assert router.db_for_write(Team, instance=team) == DEFAULT_DB_ALIAS
    other = Team(name="Team Primary")
    other._state.db = DEFAULT_DB_ALIAS
    assert router.allow_relation(team, other) is True
    assert router.allow_migrate(REPLICA, "accounts") is False
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "accounts") is None


def _alias_seen_by_view(method: str, path: str) -> str:
    """Run the middleware around a fake view and return the alias a read in the view would use."""
    request = getattr(RequestFactory(), method.lower())(path)
    request.resolver_match = resolve(path)
    seen = {}

    def view(request):
        middleware.process_view(request, None, (), {})
        seen["alias"] = read_alias()
        return HttpResponse()

    middleware = ReplicaReadsMiddleware(view)
    middleware(request)
    assert read_alias() == DEFAULT_DB_ALIAS  # reset when the response leaves the middleware
    return seen["alias"]


def test_the_middleware_routes_only_get_of_the_listed_pages(replica_configured):
    figures = reverse("dashboard:team_figures")
    assert _alias_seen_by_view("GET", figures) == REPLICA
    assert _alias_seen_by_view("HEAD", figures) == REPLICA
    assert _alias_seen_by_view("POST", figures) == DEFAULT_DB_ALIAS
    assert _alias_seen_by_view("GET", reverse("dashboard:team_dashboard")) == DEFAULT_DB_ALIAS


def _view_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _view_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_page_in_replica_views_exists():
    assert set(settings.REPLICA_VIEWS) <= _view_names(get_resolver())


def test_the_middleware_is_installed_after_the_log_in_gates():
    middleware = settings.MIDDLEWARE
    ours = middleware.index("core.db_router.ReplicaReadsMiddleware")
    assert ours > middleware.index("config.web_only.SecondFactorRequiredMiddleware")
    assert settings.DATABASE_ROUTERS == ["core.db_router.ReplicaRouter"]


def test_the_access_models_are_read_on_the_primary_also_inside_using_replica(replica_configured):
    from django.apps import apps

    router = ReplicaRouter()
    with using_replica():
        for label in ["accounts.Membership", "accounts.User", "casework.FamilyAccessGrant", "casework.Substitution"]:
            assert router.db_for_read(apps.get_model(label)) == DEFAULT_DB_ALIAS, label
        assert router.db_for_read(apps.get_model("sessions.Session")) == DEFAULT_DB_ALIAS
        assert router.db_for_read(apps.get_model("otp_totp.TOTPDevice")) == DEFAULT_DB_ALIAS
        assert router.db_for_read(apps.get_model("casework.Contact")) == REPLICA


@pytest.fixture
def guard(monkeypatch, settings):
    """The lag guard with a measurement the test sets, counting how often it is asked."""
    settings.REPLICA_LAG_CHECK_SECONDS = 5
    replica_lag.replica_verdict_forget()
    clock = {"now": 1000.0}
    answers = {"fresh": True, "reason": "caught up", "asked": 0}

    def measure():
        answers["asked"] += 1
        return answers["fresh"], answers["reason"]

    monkeypatch.setattr(replica_lag.time, "monotonic", lambda: clock["now"])
    monkeypatch.setattr(replica_lag, "measure_replica_lag", measure)
    yield clock, answers
    replica_lag.replica_verdict_forget()


def test_the_lag_guard_asks_the_replica_at_most_once_per_interval(guard):
    clock, answers = guard
    assert replica_lag.replica_fresh() and replica_lag.replica_fresh()
    assert answers["asked"] == 1
    clock["now"] += 4.9
    answers["fresh"] = False
    assert replica_lag.replica_fresh()  # the kept verdict, not asked again yet
    clock["now"] += 0.2
    assert not replica_lag.replica_fresh()
    assert answers["asked"] == 2


def test_a_lagging_replica_is_logged_once_and_its_return_once(guard, caplog):
    clock, answers = guard
    answers.update(fresh=False, reason="12.0 s behind (limit 10 s)")
    with caplog.at_level("INFO", logger="core.replica_lag"):
        for _ in range(3):
            assert not replica_lag.replica_fresh()
            clock["now"] += 10
        answers.update(fresh=True, reason="caught up")
        assert replica_lag.replica_fresh()
        clock["now"] += 10
        assert replica_lag.replica_fresh()
    messages = [r.getMessage() for r in caplog.records]
    assert messages == [
        "Read replica not used, its reads go to the primary: 12.0 s behind (limit 10 s)",
        "Read replica used again: caught up",
    ]


def test_reads_go_to_the_primary_while_the_guard_says_behind(monkeypatch):
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)
    monkeypatch.setattr(db_router, "replica_fresh", lambda: False)
    with using_replica():
        assert read_alias() == DEFAULT_DB_ALIAS
        assert not db_router.replica_may_serve()
