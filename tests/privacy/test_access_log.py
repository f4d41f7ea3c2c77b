"""The access log is append-only in the code and in the database."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils.html import escape

from core.models import AppendOnlyError
from privacy.models import AccessLogEntry
from privacy.services import access_log_record
from tests.support.once import once


@pytest.fixture
def entry(cast):
    return access_log_record(user=cast.worker, family_id=cast.family.pk, action="inzien", what="test")


def test_code_cannot_update_or_delete(entry):
    entry.what = "rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=entry.pk).update(what="rewritten")
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=entry.pk).delete()
    entry.refresh_from_db()
    assert entry.what == "test"


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE privacy_accesslogentry SET what = 'rewritten' WHERE id = %s",
        "DELETE FROM privacy_accesslogentry WHERE id = %s",
    ],
)
def test_database_refuses_update_and_delete(entry, sql):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [entry.pk])
    entry.refresh_from_db()
    assert entry.what == "test"


def test_viewing_and_changing_a_family_is_logged(client, cast):
    client.force_login(cast.worker)
    family = cast.family
    client.get(reverse("casework:family_detail", kwargs={"family_id": family.pk}))
    client.get(reverse("casework:plan_detail", kwargs={"family_id": family.pk}))
    client.post(
        reverse("casework:network_create", kwargs={"family_id": family.pk}),
        {**once(), "name": "Buurvrouw Ans", "relation": "buurvrouw"},
    )
    rows = list(AccessLogEntry.objects.filter(family_ids__has=family.pk, user=cast.worker).order_by("id"))
    assert [(r.action, r.what, r.channel) for r in rows] == [
        ("inzien", "gezinsdossier", "web"),
        ("inzien", "gezinsplan versie 1", "web"),
        ("toevoegen", "netwerk", "web"),
    ]
    assert rows[0].ip_address == "127.0.0.1"


def test_list_pages_log_every_family_shown(client, cast):
    client.force_login(cast.teamleider)
    client.get(reverse("casework:my_families") + "?alle=1")
    assert (
        AccessLogEntry.objects.filter(user=cast.teamleider, family_ids__has=cast.family.pk, action="lijst").count() == 1
    )
    assert not AccessLogEntry.objects.filter(family_ids__has=cast.other_family.pk).exists()


def test_refused_access_leaves_no_trace_of_the_family(client, cast):
    client.force_login(cast.outsider)
    client.get(reverse("casework:family_detail", kwargs={"family_id": cast.family.pk}))
    assert not AccessLogEntry.objects.filter(family_ids__has=cast.family.pk).exists()


def test_access_log_page_shows_who_looked(client, cast):
    client.force_login(cast.worker)
    client.get(reverse("casework:family_detail", kwargs={"family_id": cast.family.pk}))
    client.force_login(cast.teamleider)
    response = client.get(reverse("casework:access_log", kwargs={"family_id": cast.family.pk}))
    content = response.content.decode()
    assert escape(str(cast.worker)) in content  # names such as "d' Heripon" are HTML-escaped
    assert "gezinsdossier" in content
    # Looking at the log is itself logged.
    assert AccessLogEntry.objects.filter(user=cast.teamleider, what="toegangslog bekeken").exists()


@pytest.mark.django_db(transaction=True)
def test_database_refuses_truncate_even_for_the_owner(entry):
    """The statement-level trigger: TRUNCATE fires no row trigger, so it has its own (core.triggers).

    Transactional: inside the test's open transaction the entry's deferred checks would refuse it first.
    """
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE privacy_accesslogentry")
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()
