"""The access log at scale: one row per view naming all its families, in monthly partitions (PostgreSQL).

Months are UTC months. The test database's partitions were made by migration 0004 for the month the
suite runs in and three ahead; a row of any other month lands in the DEFAULT partition until
``access_log_partitions_ensure`` makes its month.
"""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from privacy.fields import to_delimited
from privacy.models import AccessLogEntry, Action
from privacy.partitions import (
    DEFAULT_PARTITION,
    access_log_partitions,
    access_log_partitions_ensure,
    add_months,
    month_start,
    partition_name,
)
from privacy.selectors import access_log_page_for_family
from privacy.services import access_log_record
from tests.support.factories import FamilyFactory

pytestmark = pytest.mark.django_db


def _insert(*, at: dt.datetime, family_ids: list[int], action: str = Action.VIEW, what: str = "test") -> int:
    """A row with a chosen time (the model stamps `at` itself), as the app would add it: through the parent."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO privacy_accesslogentry (at, family_ids, action, what, channel, client, purpose) "
            "VALUES (%s, %s, %s, %s, 'web', '', '') RETURNING id",
            [at, family_ids, action, what],
        )
        return cursor.fetchone()[0]


def _partition_of(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tableoid::regclass::text FROM privacy_accesslogentry WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def _settle() -> None:
    """Fire the deferred foreign-key checks now, so the partition's ALTER or TRUNCATE sees no pending events."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


@pytest.mark.parametrize("size", [3, 12])
def test_my_families_writes_one_row_naming_every_family_shown(client, cast, size):
    """The row count per list view is one whatever the number of families (here at two sizes)."""
    extra = [FamilyFactory(team=cast.family.team, manager=cast.worker) for _ in range(size - 1)]
    client.force_login(cast.worker)
    before = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    client.get(reverse("casework:my_families"))
    rows = list(AccessLogEntry.objects.filter(pk__gt=before, user=cast.worker))
    assert len(rows) == 1
    assert rows[0].action == Action.LIST
    assert rows[0].family_ids == sorted([cast.family.pk, *(f.pk for f in extra)])


def test_the_family_lookup_finds_only_rows_naming_that_family(cast):
    both = _insert(at=timezone.now(), family_ids=[2, 12, 120])
    other = _insert(at=timezone.now(), family_ids=[1, 21])
    assert set(AccessLogEntry.objects.filter(family_ids__has=12).values_list("pk", flat=True)) == {both}
    assert set(AccessLogEntry.objects.filter(family_ids__has=21).values_list("pk", flat=True)) == {other}
    assert not AccessLogEntry.objects.filter(family_ids__has=22).exists()
    sql, params = AccessLogEntry.objects.filter(family_ids__has=12).query.sql_with_params()
    assert '"family_ids" @> ARRAY[%s]::bigint[]' in sql and 12 in params


def test_the_family_lookup_on_sqlite_uses_the_delimited_text():
    """make run's path: the field stores ,1,2, and `has` is a LIKE that cannot match a longer id."""
    sqlite = SQLiteWrapper(
        {
            "NAME": ":memory:",
            "OPTIONS": {},
            "TIME_ZONE": None,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
            "TEST": {},
            "USER": "",
            "PASSWORD": "",
            "HOST": "",
            "PORT": "",
            "ENGINE": "",
        }
    )
    field = AccessLogEntry._meta.get_field("family_ids")
    assert field.db_type(sqlite) == "text"
    assert field.get_db_prep_value([2, 12], sqlite) == ",2,12," == to_delimited([2, 12])
    assert field.get_db_prep_value([], sqlite) == ""
    assert field.from_db_value(",2,12,", None, sqlite) == [2, 12]
    assert field.from_db_value("", None, sqlite) == []
    try:
        with sqlite.cursor() as cursor:
            cursor.execute("CREATE TABLE privacy_accesslogentry (id integer PRIMARY KEY, family_ids text)")
            for pk, ids in ((1, [2, 12, 120]), (2, [1, 21])):
                cursor.execute(
                    "INSERT INTO privacy_accesslogentry VALUES (%s, %s)", [pk, field.get_db_prep_value(ids, sqlite)]
                )
            for family_id, expected in ((12, [1]), (2, [1]), (21, [2]), (1, [2]), (22, [])):
                query = (
                    AccessLogEntry.objects.filter(family_ids__has=family_id)
                    .order_by("pk")
                    .values_list("pk", flat=True)
                    .query
                )
                sql, params = query.get_compiler(connection=sqlite).as_sql()
                assert "LIKE" in sql
                cursor.execute(sql, params)
                assert [pk for (pk,) in cursor.fetchall()] == expected
    finally:
        sqlite.close()


def test_a_row_of_a_month_without_partition_is_kept_and_moves_to_its_month_on_ensure(cast):
    far = dt.datetime(2031, 5, 17, 9, 30, tzinfo=dt.UTC)
    pk = _insert(at=far, family_ids=[cast.family.pk])
    assert _partition_of(pk) == DEFAULT_PARTITION
    _settle()
    made = access_log_partitions_ensure()
    assert partition_name(far) in made
    assert _partition_of(pk) == partition_name(far) == "privacy_accesslogentry_p203105"
    assert AccessLogEntry.objects.filter(family_ids__has=cast.family.pk, pk=pk).exists()
    assert access_log_partitions_ensure() == []  # idempotent
    assert access_log_partitions()[-1] == DEFAULT_PARTITION


def test_ensure_makes_this_month_and_the_months_ahead(cast):
    this_month = month_start(timezone.now())
    made = access_log_partitions_ensure(months_ahead=5)
    names = access_log_partitions()
    for ahead in range(6):
        assert partition_name(add_months(this_month, ahead)) in names
    assert partition_name(add_months(this_month, 5)) in made  # the migration made three ahead, not five


def test_the_service_writes_this_month_into_its_partition(cast):
    entry = access_log_record(user=cast.worker, family_id=cast.family.pk, action=Action.VIEW, what="test")
    assert _partition_of(entry.pk) == partition_name(entry.at)


@pytest.mark.parametrize(
    "statement",
    ["UPDATE {table} SET what = 'rewritten' WHERE id = %s", "DELETE FROM {table} WHERE id = %s"],
)
def test_a_partition_refuses_update_and_delete(cast, statement):
    entry = access_log_record(user=cast.worker, family_id=cast.family.pk, action=Action.VIEW, what="test")
    table = partition_name(entry.at)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement.format(table=table), [entry.pk])
    entry.refresh_from_db()
    assert entry.what == "test"


@pytest.mark.parametrize("which", ["month", "default"])
def test_a_partition_refuses_truncate(which):
    """Statement triggers are not cloned to partitions: the partition code copies the TRUNCATE guard."""
    table = partition_name(add_months(month_start(timezone.now()), 2)) if which == "month" else DEFAULT_PARTITION
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {table}")


def test_detach_archives_an_old_month_whole(cast):
    old = dt.datetime(2021, 3, 4, 10, 0, tzinfo=dt.UTC)
    pk = _insert(at=old, family_ids=[cast.family.pk])
    _settle()
    access_log_partitions_ensure()
    out = io.StringIO()
    call_command("access_log_detach", "--month", "2021-03", stdout=out)
    name = "privacy_accesslogentry_p202103"
    assert name not in access_log_partitions()
    assert f"pg_dump --format=custom --table=public.{name}" in out.getvalue()
    assert not AccessLogEntry.objects.filter(pk=pk).exists()  # gone from the log, kept in the table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {name}")  # noqa: S608
        assert cursor.fetchone()[0] == 1
    # The detached month stays append-only until it is dropped.
    for statement in (f"UPDATE {name} SET what = 'x'", f"DELETE FROM {name}", f"TRUNCATE {name}"):  # noqa: S608
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)


@pytest.mark.parametrize("months_back", [0, 1])
def test_detach_refuses_this_month_and_the_previous(months_back):
    month = add_months(month_start(timezone.now()), -months_back)
    with pytest.raises(CommandError, match="this month or the previous"):
        call_command("access_log_detach", "--month", f"{month:%Y-%m}", stdout=io.StringIO())
    assert partition_name(month) in access_log_partitions() or months_back == 1


def test_detach_refuses_a_month_without_partition_and_a_malformed_month():
    with pytest.raises(CommandError, match="no attached partition"):
        call_command("access_log_detach", "--month", "2019-01", stdout=io.StringIO())
    with pytest.raises(CommandError, match="not a month"):
        call_command("access_log_detach", "--month", "2019-13", stdout=io.StringIO())


def test_who_looked_pages_newest_first_by_cursor_across_months(cast):
    """120 rows over three months: pages of 50, 50, 20, disjoint, newest first, at most three queries each."""
    now = timezone.now()
    family = cast.family.pk
    ids = []
    for i in range(120):
        at = now - dt.timedelta(days=i // 2, minutes=i)
        action = Action.LIST if i % 3 else Action.VIEW
        ids.append(
            _insert(at=at, family_ids=[family, family + 1000] if action == Action.LIST else [family], action=action)
        )
    _insert(at=now, family_ids=[cast.other_family.pk])  # not this family's
    pages, before = [], None
    while True:
        with CaptureQueriesContext(connection) as queries:
            page = access_log_page_for_family(family_id=family, before=before)
        assert len(queries.captured_queries) <= 3
        pages.append(page)
        if page.older is None:
            break
        before = page.older
    assert [len(p.rows) for p in pages] == [50, 50, 20]
    shown = [row.entry.pk for p in pages for row in p.rows]
    assert shown == ids  # inserted newest first
    assert [row.listed_only for row in pages[0].rows[:3]] == [False, True, True]


def test_who_looked_page_ignores_a_malformed_cursor(client, cast):
    client.force_login(cast.teamleider)
    url = reverse("casework:access_log", kwargs={"family_id": cast.family.pk})
    for cursor in ("x", "1_2_3", "-5_1", "9" * 30 + "_1"):
        response = client.get(url, {"voor": cursor})
        assert response.status_code == 200
    assert "dossiergegevens" in response.content.decode()
