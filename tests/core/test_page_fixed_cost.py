"""What every page pays before it does its own work: no session write, cached templates, no constraint queries."""

from django.db import connection
from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.support.once import once


def test_templates_come_from_the_cached_loader():
    # No `loaders` option and DEBUG off (test and production settings): Django wraps the loaders in the
    # cached one, so a template is parsed once per process, not once per request.
    loaders = engines["django"].engine.template_loaders
    assert len(loaders) == 1 and isinstance(loaders[0], CachedLoader)


def test_a_page_read_writes_no_session_and_opens_no_transaction_of_its_own(client, cast):
    client.force_login(cast.worker)
    url = reverse("casework:family_detail", kwargs={"family_id": cast.family.pk})
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    sent = [q["sql"] for q in captured.captured_queries]
    assert not [sql for sql in sent if sql.startswith("UPDATE") and "django_session" in sql]
    assert sent.count("BEGIN") == 0 and sum('INSERT INTO "privacy_accesslogentry"' in sql for sql in sent) == 1


def test_recording_a_contact_asks_the_database_no_constraint_check_first(client, cast):
    client.force_login(cast.worker)
    data = {
        **once(),
        "date": "2026-11-01",
        "kind": "gesprek",
        "note": "Moeder aan tafel.",
        "safety_score": 6,
        "safety_why": "x",
        "safety_raise": "x",
        "lijn_score": 5,
        "lijn_why": "x",
        "lijn_raise": "x",
    }
    with CaptureQueriesContext(connection) as captured:
        response = client.post(reverse("casework:contact_create", kwargs={"family_id": cast.family.pk}), data)
    assert response.status_code == 302
    assert not [q for q in captured.captured_queries if '"_check"' in q["sql"]]


def test_a_score_out_of_range_is_still_refused_in_dutch(client, cast):
    client.force_login(cast.worker)
    url = reverse("casework:contact_create", kwargs={"family_id": cast.family.pk})
    response = client.post(url, {**once(), "date": "2026-11-01", "kind": "gesprek", "note": "x", "safety_score": 11})
    assert response.status_code == 200 and "0 tot en met 10" in response.content.decode()
