"""The two database roles: an owner that migrates, and the app that may only do what the app does.

The review found that the access log could be emptied by the role the app ran as (the superuser):
TRUNCATE, ``ALTER TABLE ... DISABLE TRIGGER`` and ``session_replication_role = replica`` all went
around the append-only trigger. A trigger cannot stop its table's owner or a superuser, so the running
app must be neither:

- the **owner** role (DB_OWNER_ROLE) owns the database, the public schema and every object in it, and
  runs ``migrate``. It is no superuser and cannot create roles or databases.
- the **app** role (DB_APP_ROLE), which web, worker and beat log in as, owns nothing (so it can ALTER,
  DISABLE TRIGGER or DROP nothing), is no member of any role, and has: SELECT, INSERT, UPDATE, DELETE
  on ordinary tables; only SELECT and INSERT on the append-only tables (every AppendOnlyModel) and only
  SELECT on django_migrations; USAGE and SELECT on sequences; never TRUNCATE, TRIGGER or REFERENCES.
  ``session_replication_role`` is a superuser parameter: the app role may not SET it (no SET grant on
  the parameter, to it or to PUBLIC, and no role or database default for it).

``db_roles_apply`` is idempotent and does what the connected role may do:
- as a **superuser** (bootstrap, and whenever roles or passwords change): creates or corrects both
  roles and their passwords, revokes memberships and parameter grants from the app role, gives the
  database, the schema and all its objects to the owner, then does the grants below;
- as the **owner** (after every ``migrate``): the grants, from scratch in one transaction: revoke all
  from the app role, grant by kind of table, and set the owner's default privileges.

Partitions (the access log's months, privacy.partitions) and the detached months waiting to be archived
get no right at all: the app reads and adds through the parent table, which is where PostgreSQL checks
rights, so it can neither read nor write a month around the parent's rules.

Default privileges fail closed: a table the owner creates later gets only SELECT and INSERT for the
app role (sequences USAGE, SELECT) until ``db_roles`` runs again, so a new append-only table is never
writable for a moment, and a new ordinary table that the app must update fails loudly instead. Each
run ends by checking the outcome (``db_roles_problems``) and refuses to report success otherwise.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connections, transaction
from psycopg import sql

from core.models import AppendOnlyModel

SCHEMA = "public"
# Tables the app reads and never writes.
READ_ONLY_TABLES = ("django_migrations",)
FORBIDDEN_TABLE_PRIVILEGES = ("TRUNCATE", "TRIGGER", "REFERENCES")
APPEND_ONLY_FORBIDDEN = ("UPDATE", "DELETE")
# The parameter that turns ordinary triggers off for a session.
REPLICATION_PARAMETER = "session_replication_role"


Run = Callable[[sql.Composable], None]
Rows = Callable[..., list[tuple[Any, ...]]]


class DbRolesError(Exception):
    """The roles could not be set up as asked, or the outcome is not what it must be."""


@dataclass(frozen=True)
class RoleSpec:
    owner: str
    owner_password: str
    app: str
    app_password: str


def role_spec_from_settings() -> RoleSpec:
    return RoleSpec(
        owner=settings.DB_OWNER_ROLE,
        owner_password=settings.DB_OWNER_PASSWORD,
        app=settings.DB_APP_ROLE,
        app_password=settings.DB_APP_PASSWORD,
    )


def append_only_tables() -> list[str]:
    """The tables of every concrete AppendOnlyModel: the app role may only read and add there."""
    return sorted(
        {
            model._meta.db_table
            for model in apps.get_models()
            if issubclass(model, AppendOnlyModel) and model._meta.managed and not model._meta.proxy
        }
    )


# The SECURITY DEFINER functions the app role may run (their regprocedure text starts so): the access
# log's coming months (privacy.partitions) and a two-person destruction (casework.rights.destruction).
APP_DEFINER_FUNCTIONS = ("privacy_accesslog_partitions_ensure(", "casework_file_destruction_execute(")


def partition_tables(rows: Rows) -> list[str]:
    """Partitions of any table, and tables named after an append-only table (its detached months)."""
    model_tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    patterns = [f"{table}\\_%" for table in append_only_tables()]
    found = rows(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND c.relkind IN ('r', 'p') AND (c.relispartition OR c.relname LIKE ANY(%s)) "
        "ORDER BY c.relname",
        [SCHEMA, patterns],
    )
    return [name for (name,) in found if name not in model_tables]


def db_roles_apply(*, spec: RoleSpec, using: str = "default") -> list[str]:
    """Create or refresh the roles and their rights; returns what was done, one line each."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        raise DbRolesError("db_roles is for PostgreSQL only (the embedded SQLite database has no roles)")
    if spec.owner == spec.app:
        raise DbRolesError("the owner role and the app role must differ")
    done: list[str] = []
    with transaction.atomic(using=using), connection.cursor() as cursor:
        conn = cursor.connection

        def run(statement: sql.Composable) -> None:
            cursor.execute(statement.as_string(conn))

        def rows(query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
            cursor.execute(query, list(params))
            return list(cursor.fetchall())

        me, superuser = rows("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")[0]
        if superuser:
            done += _bootstrap(run, rows, spec)
        elif me != spec.owner:
            raise DbRolesError(f"run db_roles as a superuser (bootstrap) or as the owner role {spec.owner}, not {me}")
        done += _grant(run, rows, spec)
        problems = db_roles_problems(rows=rows, spec=spec)
        if problems:
            raise DbRolesError("; ".join(problems))
    return done


def _role_options(password: str) -> sql.Composable:
    options = sql.SQL("LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT")
    if password:
        return sql.SQL("{} PASSWORD {}").format(options, sql.Literal(password))
    return options


def _bootstrap(run: Run, rows: Rows, spec: RoleSpec) -> list[str]:
    done = []
    owner, app = sql.Identifier(spec.owner), sql.Identifier(spec.app)
    for name, password in ((spec.owner, spec.owner_password), (spec.app, spec.app_password)):
        exists = rows("SELECT 1 FROM pg_roles WHERE rolname = %s", [name])
        verb = "ALTER ROLE {} WITH {}" if exists else "CREATE ROLE {} WITH {}"
        run(sql.SQL(verb).format(sql.Identifier(name), _role_options(password)))
        # A per-role default would switch the triggers off at every log-in.
        run(sql.SQL("ALTER ROLE {} RESET {}").format(sql.Identifier(name), sql.Identifier(REPLICATION_PARAMETER)))
        done.append(f"role {name}: {'refreshed' if exists else 'created'}")
    for (group,) in rows(
        "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
        "JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = %s",
        [spec.app],
    ):
        run(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(group), app))
        done.append(f"role {spec.app}: no longer a member of {group}")
    if int(rows("SHOW server_version_num")[0][0]) >= 150000:
        run(sql.SQL("REVOKE ALL ON PARAMETER {} FROM PUBLIC, {}").format(sql.Identifier(REPLICATION_PARAMETER), app))
    (database,) = rows("SELECT current_database()")[0]
    run(sql.SQL("ALTER DATABASE {} RESET {}").format(sql.Identifier(database), sql.Identifier(REPLICATION_PARAMETER)))
    run(sql.SQL("ALTER DATABASE {} OWNER TO {}").format(sql.Identifier(database), owner))
    run(sql.SQL("ALTER SCHEMA {} OWNER TO {}").format(sql.Identifier(SCHEMA), owner))
    run(sql.SQL("REASSIGN OWNED BY {} TO {}").format(app, owner))
    moved = 0
    for kind, identifier in _objects_not_owned_by(rows, spec.owner):
        run(sql.SQL("ALTER {} {} OWNER TO {}").format(sql.SQL(kind), identifier, owner))
        moved += 1
    done.append(f"owner {spec.owner}: owns database {database}, schema {SCHEMA} and its objects ({moved} moved)")
    return done


def _objects_not_owned_by(rows: Rows, owner: str) -> list[tuple[str, sql.Composable]]:
    """Tables, views, sequences (those not owned by a column) and functions of the schema owned by another."""
    objects: list[tuple[str, sql.Composable]] = []
    kinds = {"r": "TABLE", "p": "TABLE", "v": "VIEW", "m": "MATERIALIZED VIEW", "S": "SEQUENCE", "f": "FOREIGN TABLE"}
    for relname, relkind in rows(
        "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') "
        "AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = %s) "
        "AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass "
        "AND d.objid = c.oid AND d.deptype IN ('a', 'i')))",
        [SCHEMA, owner],
    ):
        objects.append((kinds[relkind], sql.Identifier(SCHEMA, relname)))
    for (signature,) in rows(
        "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = %s AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = %s)",
        [SCHEMA, owner],
    ):
        # regprocedure's text is already a quoted, qualified signature.
        objects.append(("FUNCTION", sql.SQL(signature)))
    return objects


def _grant(run: Run, rows: Rows, spec: RoleSpec) -> list[str]:
    owner, app = sql.Identifier(spec.owner), sql.Identifier(spec.app)
    schema = sql.Identifier(SCHEMA)
    (database,) = rows("SELECT current_database()")[0]
    run(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), app))
    run(sql.SQL("REVOKE CREATE ON SCHEMA {} FROM PUBLIC, {}").format(schema, app))
    run(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema, app))
    run(sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA {} FROM PUBLIC, {}").format(schema, app))
    run(sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {} TO {}").format(schema, app))
    existing = {name for (name,) in rows("SELECT tablename FROM pg_tables WHERE schemaname = %s", [SCHEMA])}
    append_only = [t for t in append_only_tables() if t in existing]
    for table in append_only:
        run(sql.SQL("REVOKE UPDATE, DELETE ON {} FROM {}").format(sql.Identifier(SCHEMA, table), app))
    for table in partition_tables(rows):
        run(sql.SQL("REVOKE ALL ON {} FROM {}").format(sql.Identifier(SCHEMA, table), app))
    for table in (t for t in READ_ONLY_TABLES if t in existing):
        run(sql.SQL("REVOKE INSERT, UPDATE, DELETE ON {} FROM {}").format(sql.Identifier(SCHEMA, table), app))
    # The SECURITY DEFINER functions run as the owner: PUBLIC may run none of them, the app role only
    # APP_DEFINER_FUNCTIONS, each of which checks its own preconditions.
    for (signature,) in rows(
        "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = %s AND p.prosecdef",
        [SCHEMA],
    ):
        run(sql.SQL("REVOKE ALL ON FUNCTION {} FROM PUBLIC, {}").format(sql.SQL(signature), app))
        if signature.startswith(APP_DEFINER_FUNCTIONS):
            run(sql.SQL("GRANT EXECUTE ON FUNCTION {} TO {}").format(sql.SQL(signature), app))
    run(sql.SQL("REVOKE ALL ON ALL SEQUENCES IN SCHEMA {} FROM PUBLIC, {}").format(schema, app))
    run(sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}").format(schema, app))
    for kind, privileges in (("TABLES", "SELECT, INSERT"), ("SEQUENCES", "USAGE, SELECT")):
        run(
            sql.SQL("ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA {} REVOKE ALL ON {} FROM {}").format(
                owner, schema, sql.SQL(kind), app
            )
        )
        run(
            sql.SQL("ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA {} GRANT {} ON {} TO {}").format(
                owner, schema, sql.SQL(privileges), sql.SQL(kind), app
            )
        )
    return [
        f"app {spec.app}: SELECT, INSERT, UPDATE, DELETE on {len(existing) - len(append_only)} tables, "
        f"SELECT, INSERT on {len(append_only)} append-only tables, USAGE, SELECT on sequences"
    ]


def db_roles_problems(*, rows: Rows, spec: RoleSpec) -> list[str]:
    """What is wrong with the app role's rights; empty when all is as the module docstring says."""
    problems = []
    found = rows(
        "SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = %s",
        [spec.app],
    )
    if not found:
        return [f"role {spec.app} does not exist (run db_roles as a superuser first)"]
    if any(found[0]):
        problems.append(f"role {spec.app} has SUPERUSER, CREATEDB, CREATEROLE, REPLICATION or BYPASSRLS")
    if not rows("SELECT 1 FROM pg_roles WHERE rolname = %s", [spec.owner]):
        problems.append(f"role {spec.owner} does not exist (run db_roles as a superuser first)")
    owned = rows(
        "SELECT relname FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = %s) "
        "UNION ALL SELECT nspname FROM pg_namespace WHERE nspowner = (SELECT oid FROM pg_roles WHERE rolname = %s) "
        "UNION ALL SELECT proname FROM pg_proc WHERE proowner = (SELECT oid FROM pg_roles WHERE rolname = %s)",
        [spec.app] * 3,
    )
    if owned:
        problems.append(f"role {spec.app} owns {', '.join(sorted(name for (name,) in owned)[:5])}")
    if rows("SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = %s", [spec.app]):
        problems.append(f"role {spec.app} is a member of another role")
    if (
        int(rows("SHOW server_version_num")[0][0]) >= 150000
        and rows("SELECT has_parameter_privilege(%s, %s, 'SET')", [spec.app, REPLICATION_PARAMETER])[0][0]
    ):
        problems.append(f"role {spec.app} may SET {REPLICATION_PARAMETER}")
    if rows(
        "SELECT 1 FROM pg_db_role_setting s, unnest(s.setconfig) c WHERE c LIKE %s "
        "AND (s.setrole = 0 OR s.setrole = (SELECT oid FROM pg_roles WHERE rolname = %s))",
        [f"{REPLICATION_PARAMETER}=%", spec.app],
    ):
        problems.append(f"a database or role default sets {REPLICATION_PARAMETER}")
    tables = [name for (name,) in rows("SELECT tablename FROM pg_tables WHERE schemaname = %s", [SCHEMA])]
    for privilege in FORBIDDEN_TABLE_PRIVILEGES:
        problems += _tables_with(rows, spec.app, tables, privilege)
    for privilege in APPEND_ONLY_FORBIDDEN:
        problems += _tables_with(rows, spec.app, [t for t in append_only_tables() if t in tables], privilege)
    partitions = partition_tables(rows)
    for privilege in ("SELECT", "INSERT", "UPDATE", "DELETE"):
        problems += _tables_with(rows, spec.app, partitions, privilege)
    for (signature,) in rows(
        "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = %s AND p.prosecdef AND (p.proacl IS NULL OR EXISTS (SELECT 1 FROM "
        "aclexplode(p.proacl) a WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE'))",
        [SCHEMA],
    ):
        problems.append(f"PUBLIC may run the SECURITY DEFINER function {signature}")
    return problems


def _tables_with(rows: Rows, role: str, tables: list[str], privilege: str) -> list[str]:
    having = [
        name
        for (name,) in rows(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s AND tablename = ANY(%s) "
            "AND has_table_privilege(%s, format('%%I.%%I', schemaname, tablename), %s) ORDER BY tablename",
            [SCHEMA, tables, role, privilege],
        )
    ]
    return [f"role {role} has {privilege} on {', '.join(having[:5])}"] if having else []
