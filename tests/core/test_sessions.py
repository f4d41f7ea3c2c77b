"""The session's idle timeout is renewed by every request, but the row is written at most once a minute.

core.sessions skips the write when the session is unchanged and its stored
expiry is less than SESSION_RENEW_SECONDS behind a fresh one: a page costs no
transaction of its own, and the server still ends an idle session within that
interval of SESSION_IDLE_MINUTES after the last request.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

START = dt.datetime(2026, 6, 10, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))


def _writes(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if 'UPDATE "django_session"' in q["sql"]]


def _expiry() -> dt.datetime:
    return Session.objects.get().expire_date


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def test_the_session_engine_is_the_renewing_database_store():
    assert settings.SESSION_ENGINE == "core.sessions" and settings.SESSION_RENEW_SECONDS == 60


def test_a_request_within_the_minute_writes_nothing_one_after_it_renews(client, cast, clock):
    url = reverse("casework:my_families")
    client.force_login(cast.worker)
    assert _expiry() == START + dt.timedelta(minutes=30)
    clock.shift(dt.timedelta(seconds=59))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    assert _writes(captured) == [] and _expiry() == START + dt.timedelta(minutes=30)
    clock.shift(dt.timedelta(seconds=2))
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    assert len(_writes(captured)) == 1
    assert _expiry() == START + dt.timedelta(minutes=31, seconds=1)


def test_an_idle_session_still_ends_on_the_server(client, cast, clock):
    url = reverse("casework:my_families")
    client.force_login(cast.worker)
    clock.shift(dt.timedelta(seconds=50))
    client.get(url)  # not written: the row still expires 30 minutes after the log-in
    clock.shift(dt.timedelta(minutes=29, seconds=11))
    assert client.get(url).status_code == 302  # 30 min 1 s after the last write: to the log-in


def test_a_change_to_the_session_is_written_at_once(client, cast, clock):
    client.force_login(cast.worker)
    session = client.session
    session["keuze"] = {"tab": "plan"}
    session.save()
    store = client.session
    store["keuze"]["tab"] = "tijdlijn"  # changed in place, not flagged as modified: still written
    store.save()
    assert client.session["keuze"] == {"tab": "tijdlijn"}


def test_the_keepalive_always_renews_in_full(client, cast, clock):
    client.force_login(cast.worker)
    clock.shift(dt.timedelta(seconds=30))
    assert client.post(reverse("session_keepalive")).status_code == 200
    assert _expiry() == START + dt.timedelta(minutes=30, seconds=30)
