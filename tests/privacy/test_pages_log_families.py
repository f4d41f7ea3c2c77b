"""The pages that named families without logging them: the kwestie form and the agenda preparation.

Each writes one row per action naming all the families it names, in one INSERT for the page however
many families there are.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from privacy.models import AccessLogEntry, Action
from teams.sessions import services as session_services
from tests.support.factories import ContactFactory, FamilyFactory


def _log_inserts(queries) -> int:
    return sum(1 for q in queries if q["sql"].startswith('INSERT INTO "privacy_accesslogentry"'))


@pytest.fixture
def caseload(cast):
    """Five more families for the worker, and one of the colleague's (not the worker's to pick)."""
    mine = [FamilyFactory(team=cast.family.team, manager=cast.worker, name=f"Gezin Lijst {i}") for i in range(5)]
    theirs = FamilyFactory(team=cast.family.team, manager=cast.colleague, name="Gezin Van De Collega")
    return [cast.family, *mine], theirs


def test_kwestie_form_logs_every_family_it_lists_in_one_insert(client, cast, caseload):
    mine, theirs = caseload
    client.force_login(cast.worker)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("kwesties:raise")).content.decode()
    assert all(f.name in page for f in mine) and theirs.name not in page
    rows = AccessLogEntry.objects.filter(user=cast.worker)
    assert list(rows.values_list("family_ids", flat=True)) == [sorted(f.pk for f in mine)]
    assert set(rows.values_list("action", "what", "channel")) == {(Action.LIST, "kwestie inbrengen", "web")}
    assert _log_inserts(queries.captured_queries) == 1


def test_kwestie_form_of_someone_without_families_logs_nothing(client, cast, caseload):
    client.force_login(cast.teamleider)
    assert client.get(reverse("kwesties:raise")).status_code == 200
    assert not AccessLogEntry.objects.filter(user=cast.teamleider).exists()


def test_agenda_preparation_logs_every_family_it_names_in_one_insert(client, cast, caseload):
    mine, theirs = caseload
    for family in (*mine, theirs):
        ContactFactory(family=family, safety_score=2)  # a signal: candidates for the agenda
    session = session_services.session_create(
        actor=cast.teamleider, team=cast.family.team, starts_at=timezone.now() + dt.timedelta(days=3)
    )
    session_services.discussion_add(actor=cast.teamleider, session=session, family=cast.family, question="Veilig?")
    before = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    client.force_login(cast.teamleider)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("teams:session_prepare", kwargs={"session_id": session.pk})).content.decode()
    named = [f for f in (*mine, theirs, cast.other_family) if f.name in page]
    assert {f.pk for f in named} == {f.pk for f in (*mine, theirs)}  # the team's families, not Team Zuid's
    rows = dict(AccessLogEntry.objects.filter(pk__gt=before, user=cast.teamleider).values_list("action", "family_ids"))
    assert rows == {Action.VIEW: [cast.family.pk], Action.LIST: sorted(f.pk for f in named if f != cast.family)}
    assert _log_inserts(queries.captured_queries) == 1
