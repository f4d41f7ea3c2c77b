"""manage.py db_roles: the app role cannot rewrite history, whatever SQL it sends.

The roles are made in the test database by the command itself, with names of this test run only
(roles are cluster-wide: other databases on the server must not meet them), and dropped afterwards,
with what the owner owned handed back. The app role is then used as production uses it: a plain
psycopg connection with its password. Transactional, so that connection sees the cast's rows.
"""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from core.db_roles import RoleSpec, append_only_tables
from privacy.services import access_log_record

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
HISTORY = ["privacy_accesslogentry", "casework_planversion"]


def _url(user: str, password: str = "") -> str:
    db = connection.settings_dict
    login = f"{user}:{password}" if password else user
    return f"postgres://{login}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _superuser_url() -> str:
    return _url(connection.settings_dict["USER"], connection.settings_dict["PASSWORD"])


@pytest.fixture
def roles(settings):
    suffix = uuid.uuid4().hex[:10]
    spec = RoleSpec(
        owner=f"gg_test_owner_{suffix}",
        owner_password=f"owner-{suffix}",
        app=f"gg_test_app_{suffix}",
        app_password=f"app-{suffix}",
    )
    settings.DB_OWNER_ROLE, settings.DB_OWNER_PASSWORD = spec.owner, spec.owner_password
    settings.DB_APP_ROLE, settings.DB_APP_PASSWORD = spec.app, spec.app_password
    yield spec
    with psycopg.connect(_superuser_url(), autocommit=True) as admin:
        me = psycopg.sql.Identifier(admin.execute("SELECT current_user").fetchone()[0])
        for name in (spec.app, spec.owner):
            if admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name]).fetchone():
                role = psycopg.sql.Identifier(name)
                admin.execute(psycopg.sql.SQL("REASSIGN OWNED BY {} TO {}").format(role, me))
                admin.execute(psycopg.sql.SQL("DROP OWNED BY {}").format(role))
                admin.execute(psycopg.sql.SQL("DROP ROLE {}").format(role))


@pytest.fixture
def app(cast, roles):
    """The cast's rows, the roles made by the command, and a connection as the app role."""
    access_log_record(user=cast.worker, family_id=cast.family.pk, action="inzien", what="gezinsdossier")
    call_command("db_roles")
    with psycopg.connect(_url(roles.app, roles.app_password), autocommit=True) as conn:
        yield conn


def _counts(conn) -> dict[str, int]:
    return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in HISTORY}  # noqa: S608


# Each refused as insufficient_privilege: no grant (UPDATE, DELETE, TRUNCATE), not the owner (ALTER, DROP,
# CREATE TRIGGER), or a superuser parameter (session_replication_role).
REFUSED = [
    "UPDATE {table} SET id = id",
    "DELETE FROM {table}",
    "TRUNCATE {table}",
    "TRUNCATE {table} CASCADE",
    "ALTER TABLE {table} DISABLE TRIGGER ALL",
    "ALTER TABLE {table} DISABLE TRIGGER USER",
    "DROP TABLE {table}",
    "CREATE TRIGGER x AFTER INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()",
    "SET session_replication_role = replica",
    "SET LOCAL session_replication_role = replica",
    "SELECT set_config('session_replication_role', 'replica', false)",
]


def test_the_app_role_cannot_change_or_empty_history(app):
    """Every way the review found (and a few more), on the access log and on the plan versions."""
    before = _counts(app)
    assert all(count >= 1 for count in before.values()), before
    for table in HISTORY:
        for statement in REFUSED:
            sql = statement.format(table=table)
            try:
                with app.transaction():
                    app.execute(sql)
            except psycopg.errors.InsufficientPrivilege:
                continue
            pytest.fail(f"the app role could: {sql}")
    assert app.execute("SHOW session_replication_role").fetchone()[0] == "origin"
    assert _counts(app) == before


def test_ignoring_the_triggers_does_not_give_the_app_role_the_rights(app):
    """pgtrigger.ignore is a setting any session may set; the grants stop the app role all the same."""
    app.execute("SET pgtrigger.ignore = '{pgtrigger_append_only_rows_b176e,pgtrigger_append_only_truncate_ae051}'")
    for statement in ("UPDATE privacy_accesslogentry SET what = 'weg'", "TRUNCATE privacy_accesslogentry"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            app.execute(statement)


def test_the_app_role_reads_and_adds_history_and_writes_ordinary_tables(app, cast):
    before = _counts(app)["privacy_accesslogentry"]
    app.execute(
        "INSERT INTO privacy_accesslogentry (at, user_id, family_ids, action, what, channel, client, purpose) "
        "VALUES (now(), %s, ARRAY[%s]::bigint[], 'inzien', 'gezinsdossier', 'web', '', '')",
        [cast.worker.pk, cast.family.pk],
    )
    assert _counts(app)["privacy_accesslogentry"] == before + 1
    assert app.execute("UPDATE accounts_user SET first_name = 'Anne' WHERE id = %s", [cast.worker.pk]).rowcount == 1
    assert app.execute("UPDATE casework_family SET name = name WHERE id = %s", [cast.family.pk]).rowcount == 1
    assert app.execute("DELETE FROM django_session").rowcount == 0
    for refused in (
        "INSERT INTO django_migrations (app, name, applied) VALUES ('x', 'y', now())",
        "CREATE TABLE public.mine (id int)",
        "TRUNCATE django_session",
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            app.execute(refused)


def test_the_app_role_has_no_role_attributes_and_owns_nothing(app, roles):
    attributes = app.execute(
        "SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolcanlogin "
        "FROM pg_roles WHERE rolname = current_user"
    ).fetchone()
    assert attributes == (False, False, False, False, False, True)
    owned = app.execute(
        "SELECT count(*) FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = %s)", [roles.app]
    ).fetchone()[0]
    assert owned == 0
    owner_of_tables = app.execute("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'").fetchall()
    assert owner_of_tables == [(roles.owner,)]


def test_the_owner_refreshes_the_grants_after_migrate_and_new_tables_fail_closed(app, roles):
    """As in docker-compose's migrate service: migrate and db_roles as the owner, no superuser."""
    owner_url = _url(roles.owner, roles.owner_password)
    environment = {
        **os.environ,
        "DATABASE_URL": owner_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DB_OWNER_ROLE": roles.owner,
        "DB_APP_ROLE": roles.app,
    }
    for command in (["migrate", "--noinput"], ["db_roles"]):
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *command], cwd=ROOT, env=environment, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
    assert "as they must be" in result.stdout

    with psycopg.connect(owner_url, autocommit=True) as owner:
        # The owner is no superuser either: the trigger stops its TRUNCATE.
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
            owner.execute("TRUNCATE privacy_accesslogentry")
        owner.execute("CREATE TABLE public.later_history (id int)")
    try:
        app.execute("INSERT INTO later_history VALUES (1)")
        assert app.execute("SELECT count(*) FROM later_history").fetchone()[0] == 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            app.execute("UPDATE later_history SET id = 2")
    finally:
        with psycopg.connect(owner_url, autocommit=True) as owner:
            owner.execute("DROP TABLE public.later_history")


def test_a_second_run_changes_nothing(app, roles):
    call_command("db_roles")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        app.execute("TRUNCATE privacy_accesslogentry")


def test_every_append_only_model_has_its_triggers_in_the_database():
    tables = append_only_tables()
    assert "privacy_accesslogentry" in tables and "casework_planversion" in tables
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname LIKE 'pgtrigger_append_only_%%' AND t.tgenabled = 'O'"
        )
        found = cursor.fetchall()
    for table in tables:
        names = sorted(name.rsplit("_", 1)[0] for relname, name in found if relname == table)
        assert names == ["pgtrigger_append_only_rows", "pgtrigger_append_only_truncate"], table


def test_the_app_role_reaches_the_access_log_through_its_parent_only(app, cast):
    """PostgreSQL checks rights on the table named: the parent lets the app read and add, a partition nothing.

    The app role makes months itself only through the owner's ensure function (beat), and the partitions
    that function makes are closed to it too, though the owner's default privileges would open them.
    """
    made = [name for (name,) in app.execute("SELECT * FROM privacy_accesslog_partitions_ensure(8, now())")]
    assert made, "the migration made three months ahead; eight ahead makes more"
    partitions = [
        name
        for (name,) in app.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = 'privacy_accesslogentry'::regclass"
        )
    ]
    assert "privacy_accesslogentry_default" in partitions and set(made) <= set(partitions)
    app.execute(
        "INSERT INTO privacy_accesslogentry (at, user_id, family_ids, action, what, channel, client, purpose) "
        "VALUES (now(), %s, ARRAY[%s]::bigint[], 'inzien', 'gezinsdossier', 'web', '', '')",
        [cast.worker.pk, cast.family.pk],
    )
    assert (
        app.execute(
            "SELECT count(*) FROM privacy_accesslogentry WHERE family_ids @> ARRAY[%s]::bigint[]", [cast.family.pk]
        ).fetchone()[0]
        >= 2
    )
    for table in partitions:
        for statement in (
            "SELECT count(*) FROM {table}",
            "INSERT INTO {table} (id, at, family_ids, action, what, channel, client, purpose) "
            "VALUES (-1, now(), '{{1}}', 'inzien', 'x', 'web', '', '')",
            "UPDATE {table} SET what = 'weg'",
            "DELETE FROM {table}",
            "TRUNCATE {table}",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                app.execute(statement.format(table=table))
    for function in (
        "SELECT privacy_accesslog_partition_create(now() + interval '20 months')",
        "SELECT privacy_accesslog_partition_secure('privacy_accesslogentry_default'::regclass, true)",
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            app.execute(function)


def test_no_other_role_may_make_partitions_and_the_app_role_at_most_twelve_months_ahead(app, roles):
    """The partition function runs as the owner and locks the log: PUBLIC may not run it, the app only bounded."""
    stranger = f"{roles.app}_x"
    with psycopg.connect(_superuser_url(), autocommit=True) as admin:
        admin.execute(psycopg.sql.SQL("CREATE ROLE {} LOGIN PASSWORD 'x'").format(psycopg.sql.Identifier(stranger)))
        try:
            database = admin.info.dbname
            admin.execute(
                psycopg.sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
                    psycopg.sql.Identifier(database), psycopg.sql.Identifier(stranger)
                )
            )
            with (
                psycopg.connect(_url(stranger, "x"), autocommit=True) as conn,
                pytest.raises(psycopg.errors.InsufficientPrivilege),
            ):
                conn.execute("SELECT * FROM privacy_accesslog_partitions_ensure(1000, now())")
        finally:
            admin.execute(
                psycopg.sql.SQL("REVOKE ALL ON DATABASE {} FROM {}").format(
                    psycopg.sql.Identifier(database), psycopg.sql.Identifier(stranger)
                )
            )
            admin.execute(psycopg.sql.SQL("DROP ROLE {}").format(psycopg.sql.Identifier(stranger)))
    app.execute("SELECT * FROM privacy_accesslog_partitions_ensure(1000, now())").fetchall()
    (newest,) = app.execute(
        "SELECT max(c.relname) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "WHERE i.inhparent = 'privacy_accesslogentry'::regclass AND c.relname <> 'privacy_accesslogentry_default'"
    ).fetchone()
    limit = app.execute("SELECT to_char(date_trunc('month', now()) + interval '12 months', 'YYYYMM')").fetchone()[0]
    assert newest == f"privacy_accesslogentry_p{limit}"


def test_the_app_role_blanks_history_only_for_a_destruction_two_people_agreed_to(app, cast):
    """The destruction function is the app's one way past the history's guards (casework.rights.destruction),
    and it trusts no part of the plan it is given: a forged one is refused whole."""
    from casework.models import FileDestruction, FileDestructionEvent, PlanVersion
    from tests.support.factories import PlanVersionFactory, UserFactory

    proposal = FileDestruction.objects.create(family=cast.family, proposed_on=cast.family.opened_on)
    own = PlanVersion.objects.get(family=cast.family).pk
    theirs = PlanVersionFactory(family=cast.other_family, number=1).pk

    def plan(ids, values=None, path=None, table="casework_planversion"):
        item = {"table": table, "pk": "id", "ids": [str(i) for i in ids], "set": values or {"zorgen": ""}}
        return json.dumps([{**item, "path": path if path is not None else [{"fk": "family_id"}]}])

    run = "SELECT casework_file_destruction_execute(%s, %s::jsonb)"
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="not agreed by two people"):
        app.execute(run, [proposal.pk, plan([own])])
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="as privacy officer only"):
        app.execute(  # the app cannot pass a teamleider off as the officer
            "INSERT INTO casework_filedestructionevent (destruction_id, step, by_id, as_officer, note, at) "
            "VALUES (%s, 'akkoord', %s, true, '', now())",
            [proposal.pk, cast.teamleider.pk],
        )
    FileDestructionEvent.objects.create(destruction=proposal, step="akkoord", by=cast.teamleider)
    officer = UserFactory(username="officer", org_role="security")
    FileDestructionEvent.objects.create(destruction=proposal, step="akkoord", by=officer, as_officer=True)
    FileDestruction.objects.filter(pk=proposal.pk).update(status="een_akkoord")
    forged = {
        "not an append-only table of a file": plan([1], {"what": ""}, table="privacy_accesslogentry"),
        "not of this family": plan([own, theirs]),
        "may only be blanked": plan([own], {"zorgen": "iets anders"}),
        "only a text": plan([own], {"number": ""}),
        "does not reach the family": plan([own], path=[]),
        "is not a foreign key": plan([own], path=[{"fk": "saved_by_id"}]),
    }
    for message, forged_plan in forged.items():
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match=message):
            app.execute(run, [proposal.pk, forged_plan])
    assert app.execute(run, [proposal.pk, plan([own])]).fetchone()[0] == 1
    assert PlanVersion.objects.get(pk=own).zorgen == "" and PlanVersion.objects.get(pk=theirs).zorgen != ""
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # once: it marked the destruction carried out
        app.execute(run, [proposal.pk, plan([own])])
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="does not change"):  # and that stays so
        app.execute("UPDATE casework_filedestruction SET status = 'een_akkoord' WHERE id = %s", [proposal.pk])
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # and the app still may not update history itself
        app.execute("UPDATE casework_planversion SET zorgen = 'x'")
