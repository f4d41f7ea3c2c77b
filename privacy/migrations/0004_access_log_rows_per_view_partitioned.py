"""The access log at scale: one row per view with the ids of all families it concerns, partitioned by month.

Before, a list of 800 families wrote 800 rows; now it writes one, whose ``family_ids`` names them all.

PostgreSQL (production, tests): a plain table cannot become a partitioned one, so the old table is
renamed, the new one is made ``PARTITION BY RANGE (at)`` with the database key (id, at) (a key of a
partitioned table must hold the partition column; id stays unique by its one sequence, and stays
Django's pk), partitions are made for every month that has rows, this month and three ahead, plus a
DEFAULT partition so that an insert can never fail, the rows are copied (``family_id`` becomes
``ARRAY[family_id]``) and the old table is dropped. Indexes: GIN on family_ids, (user_id, at), and the
key. pgtrigger's two append-only triggers are installed again on the new table: PostgreSQL clones the
row trigger to every partition, now and later, but not the statement-level TRUNCATE trigger, so
``privacy_accesslog_partition_secure`` copies it to each partition it makes, and takes every right on
the partition from everyone but the owner (a partition is reached through its parent only).

The partition functions are SECURITY DEFINER, owned by the owner role that runs this migration, so the
app role (which may create no table) can run ``privacy_accesslog_partitions_ensure`` from the daily
beat task (privacy.partitions) and nothing else of them. They work in UTC months.

SQLite (``make run``): a plain table; ``family_ids`` is delimited text (privacy.fields).
"""

from django.conf import settings
from django.db import migrations, models

import privacy.fields

FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION privacy_accesslog_partition_secure(part regclass, with_row_triggers boolean)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public SET TimeZone = 'UTC' AS $$
DECLARE
    t record;
    grantee oid;
BEGIN
    -- Triggers the partition does not get by itself: statement-level ones (TRUNCATE) always; row-level
    -- ones only for a detached partition (an attached one has the clones of its parent's).
    FOR t IN
        SELECT tr.tgname, pg_get_triggerdef(tr.oid) AS def, (tr.tgtype & 1) = 1 AS per_row
        FROM pg_trigger tr
        WHERE tr.tgrelid = 'public.privacy_accesslogentry'::regclass AND NOT tr.tgisinternal
    LOOP
        CONTINUE WHEN t.per_row AND NOT with_row_triggers;
        CONTINUE WHEN EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = part AND tgname = t.tgname);
        EXECUTE replace(t.def, ' ON public.privacy_accesslogentry ', ' ON ' || part::text || ' ');
    END LOOP;
    EXECUTE format('REVOKE ALL ON %s FROM PUBLIC', part);
    FOR grantee IN
        SELECT DISTINCT a.grantee FROM pg_class c, aclexplode(c.relacl) a
        WHERE c.oid = part AND a.grantee <> c.relowner AND a.grantee <> 0
    LOOP
        EXECUTE format('REVOKE ALL ON %s FROM %I', part, (SELECT rolname FROM pg_roles WHERE oid = grantee));
    END LOOP;
END;
$$;

CREATE OR REPLACE FUNCTION privacy_accesslog_partition_create(month_start timestamptz)
RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public SET TimeZone = 'UTC' AS $$
DECLARE
    lo timestamptz := date_trunc('month', month_start);
    hi timestamptz := date_trunc('month', month_start) + interval '1 month';
    part_name text := 'privacy_accesslogentry_p' || to_char(date_trunc('month', month_start), 'YYYYMM');
    row_triggers text[];
BEGIN
    IF to_regclass('public.' || quote_ident(part_name)) IS NOT NULL THEN
        RETURN NULL;
    END IF;
    IF EXISTS (SELECT 1 FROM public.privacy_accesslogentry_default WHERE at >= lo AND at < hi) THEN
        -- Rows of this month wait in the DEFAULT partition: move them, in this one transaction, past the
        -- append-only row trigger for this statement only, then attach (which checks the bounds).
        EXECUTE format('CREATE TABLE public.%I (LIKE public.privacy_accesslogentry INCLUDING DEFAULTS)', part_name);
        SELECT array_agg(tgname::text) INTO row_triggers FROM pg_trigger
        WHERE tgrelid = 'public.privacy_accesslogentry'::regclass AND NOT tgisinternal AND (tgtype & 1) = 1;
        PERFORM set_config('pgtrigger.ignore', coalesce(row_triggers, '{}')::text, true);
        EXECUTE format(
            'WITH moved AS (DELETE FROM public.privacy_accesslogentry_default WHERE at >= $1 AND at < $2 '
            'RETURNING *) INSERT INTO public.%I SELECT * FROM moved', part_name
        ) USING lo, hi;
        PERFORM set_config('pgtrigger.ignore', '{}', true);
        EXECUTE format(
            'ALTER TABLE public.privacy_accesslogentry ATTACH PARTITION public.%I FOR VALUES FROM (%L) TO (%L)',
            part_name, lo, hi
        );
    ELSE
        EXECUTE format(
            'CREATE TABLE public.%I PARTITION OF public.privacy_accesslogentry FOR VALUES FROM (%L) TO (%L)',
            part_name, lo, hi
        );
    END IF;
    PERFORM privacy_accesslog_partition_secure(('public.' || quote_ident(part_name))::regclass, false);
    RETURN part_name;
END;
$$;

CREATE OR REPLACE FUNCTION privacy_accesslog_partitions_ensure(months_ahead integer, today timestamptz)
RETURNS SETOF text LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public SET TimeZone = 'UTC'
AS $$
DECLARE
    m timestamptz;
    made text;
BEGIN
    -- One at a time: two workers must not both make the same month.
    PERFORM pg_advisory_xact_lock(hashtext('privacy_accesslog_partitions'));
    FOR m IN
        SELECT DISTINCT date_trunc('month', at) FROM public.privacy_accesslogentry_default
        UNION
        SELECT generate_series(date_trunc('month', today), date_trunc('month', today)
            + make_interval(months => greatest(months_ahead, 0)), interval '1 month')
        ORDER BY 1
    LOOP
        made := privacy_accesslog_partition_create(m);
        IF made IS NOT NULL THEN
            RETURN NEXT made;
        END IF;
    END LOOP;
END;
$$;

-- Only the ensure function is for the app role; the others it calls run as their owner.
REVOKE ALL ON FUNCTION privacy_accesslog_partition_secure(regclass, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION privacy_accesslog_partition_create(timestamptz) FROM PUBLIC;
"""

DROP_FUNCTIONS = """
DROP FUNCTION IF EXISTS privacy_accesslog_partitions_ensure(integer, timestamptz);
DROP FUNCTION IF EXISTS privacy_accesslog_partition_create(timestamptz);
DROP FUNCTION IF EXISTS privacy_accesslog_partition_secure(regclass, boolean);
"""

CREATE_PARTITIONED = """
ALTER TABLE privacy_accesslogentry RENAME TO privacy_accesslogentry_old;
CREATE TABLE privacy_accesslogentry (
    id bigint NOT NULL,
    at timestamp with time zone NOT NULL,
    user_id bigint NULL,
    family_ids bigint[] NOT NULL,
    action varchar(20) NOT NULL,
    what varchar(200) NOT NULL,
    channel varchar(20) NOT NULL,
    client varchar(200) NOT NULL,
    purpose varchar(200) NOT NULL,
    ip_address inet NULL,
    CONSTRAINT privacy_accesslogentry_id_at_pk PRIMARY KEY (id, at),
    CONSTRAINT privacy_accesslogentry_user_fk FOREIGN KEY (user_id) REFERENCES accounts_user (id)
        DEFERRABLE INITIALLY DEFERRED
) PARTITION BY RANGE (at);
CREATE INDEX accesslog_family_ids ON privacy_accesslogentry USING gin (family_ids);
CREATE INDEX accesslog_user_at ON privacy_accesslogentry (user_id, at);
CREATE TABLE privacy_accesslogentry_default PARTITION OF privacy_accesslogentry DEFAULT;
"""

COPY_ROWS = """
INSERT INTO privacy_accesslogentry (id, at, user_id, family_ids, action, what, channel, client, purpose, ip_address)
SELECT id, at, user_id, ARRAY[family_id], action, what, channel, client, purpose, ip_address
FROM privacy_accesslogentry_old;
-- The copied rows' deferred foreign-key checks, now: ALTER TABLE refuses a table with pending trigger events.
SET CONSTRAINTS ALL IMMEDIATE;
DROP TABLE privacy_accesslogentry_old;
CREATE SEQUENCE privacy_accesslogentry_id_seq OWNED BY privacy_accesslogentry.id;
SELECT setval('privacy_accesslogentry_id_seq', coalesce((SELECT max(id) FROM privacy_accesslogentry), 0) + 1, false);
ALTER TABLE privacy_accesslogentry ALTER COLUMN id SET DEFAULT nextval('privacy_accesslogentry_id_seq');
"""


def partition_postgresql(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    model = apps.get_model("privacy", "AccessLogEntry")
    run = schema_editor.execute
    run(FUNCTIONS, params=None)
    run(CREATE_PARTITIONED, params=None)
    for trigger in model._meta.triggers:  # pgtrigger's, from the migration state (0003)
        run(trigger.install_sql, params=None)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT privacy_accesslog_partition_secure('privacy_accesslogentry_default'::regclass, false)")
        cursor.execute("SELECT DISTINCT date_trunc('month', at, 'UTC') FROM privacy_accesslogentry_old")
        for (month,) in cursor.fetchall():
            cursor.execute("SELECT privacy_accesslog_partition_create(%s)", [month])
        cursor.execute("SELECT * FROM privacy_accesslog_partitions_ensure(3, now())")
    run(COPY_ROWS, params=None)


class OnlyOn(migrations.operations.base.Operation):
    """Run one schema operation on one database vendor only; its state change always happens."""

    reversible = True

    def __init__(self, vendor, operation):
        self.vendor = vendor
        self.operation = operation

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.vendor, self.operation], {})

    def state_forwards(self, app_label, state):
        self.operation.state_forwards(app_label, state)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            self.operation.database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            self.operation.database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"{self.operation.describe()} ({self.vendor} only)"


def _fill_delimited_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("UPDATE privacy_accesslogentry SET family_ids = ',' || family_id || ','", params=None)


STATE = [
    migrations.RemoveIndex(model_name="accesslogentry", name="accesslog_family_at"),
    migrations.AddField(
        model_name="accesslogentry",
        name="family_ids",
        field=privacy.fields.FamilyIdsField(default=list, verbose_name="gezinnen"),
        preserve_default=False,
    ),
    migrations.RunPython(_fill_delimited_sqlite, elidable=False),
    migrations.RemoveField(model_name="accesslogentry", name="family_id"),
    migrations.AlterField(
        model_name="accesslogentry",
        name="at",
        field=models.DateTimeField(auto_now_add=True, verbose_name="tijdstip"),
    ),
    migrations.AlterField(
        model_name="accesslogentry",
        name="user",
        field=models.ForeignKey(
            db_index=False,
            null=True,
            on_delete=models.deletion.PROTECT,
            related_name="+",
            to=settings.AUTH_USER_MODEL,
            verbose_name="wie",
        ),
    ),
    migrations.AddIndex(
        model_name="accesslogentry", index=models.Index(fields=["user", "at"], name="accesslog_user_at")
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("privacy", "0003_append_only_triggers"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[op for op in STATE if not isinstance(op, migrations.RunPython)],
            database_operations=[
                migrations.RunPython(partition_postgresql, elidable=False),
                *(op if isinstance(op, migrations.RunPython) else OnlyOn("sqlite", op) for op in STATE),
            ],
        ),
    ]
