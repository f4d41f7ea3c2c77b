"""Destroying a file (casework.rights.destruction): proposals, their two agreements, the tombstone.

PostgreSQL: ``casework_file_destruction_execute(destruction_id, plan)`` is the one way past the
append-only tables' guards, for one thing only: blanking the texts of one file that two different
people agreed to destroy, one of them as privacy officer. It runs as the owner (SECURITY DEFINER,
search_path pg_catalog then pg_temp so no temporary table can stand in for a catalog) and trusts
nothing of the plan it is given (the app computes it, and a compromised app could forge it):

- the destruction is agreed by two different people, one as privacy officer, and not carried out;
- each table is an append-only table of a file (its pgtrigger guard), never the access log or the
  destruction's own record; its key is the table's one-column primary key;
- each column is text or JSON and is set to a blank ('', '{}' or '[]') only: words are erased,
  nothing is written in their place;
- every row is of this destruction's family: the plan names the path of foreign keys from the
  table to casework_family (checked to be real foreign keys in pg_constraint) and the rows are
  counted along it; a path may end in a many-to-many table whose rows all name this family alone
  (a kwestie about this family only).

It then marks the destruction carried out, and two plain triggers keep the record honest: a
carried-out destruction never changes or goes again, and an agreement names a person and is "as
privacy officer" only when that person is one. ``db_roles`` grants EXECUTE to the app role; PUBLIC
may not run it.
"""

import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models

import core.fields

EXECUTE = r"""
CREATE OR REPLACE FUNCTION casework_file_destruction_execute(destruction_id bigint, plan jsonb)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    d record;
    item jsonb;
    hop jsonb;
    kv record;
    tbl text;
    pk text;
    rel regclass;
    cur regclass;
    target regclass;
    target_col text;
    own_col text;
    through regclass;
    n integer;
    joins text;
    cond text;
    sets text;
    pk_type text;
    guards text[];
    ids text[];
    matched bigint;
    changed integer;
    total integer := 0;
BEGIN
    SELECT * INTO d FROM public.casework_filedestruction f WHERE f.id = destruction_id FOR UPDATE;
    IF NOT FOUND OR d.status <> 'een_akkoord' OR (
        SELECT count(DISTINCT e.by_id) FROM public.casework_filedestructionevent e
        WHERE e.destruction_id = d.id AND e.step = 'akkoord'
    ) < 2 OR NOT EXISTS (
        SELECT 1 FROM public.casework_filedestructionevent e
        WHERE e.destruction_id = d.id AND e.step = 'akkoord' AND e.as_officer
    ) THEN
        RAISE EXCEPTION 'file destruction %: not agreed by two people, one the privacy officer', destruction_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    FOR item IN SELECT value FROM jsonb_array_elements(plan) LOOP
        tbl := item->>'table';
        pk := item->>'pk';
        rel := to_regclass('public.' || quote_ident(tbl));
        SELECT array_agg(t.tgname::text) INTO guards FROM pg_trigger t
        WHERE t.tgrelid = rel AND NOT t.tgisinternal AND t.tgname LIKE 'pgtrigger\_append\_only\_rows\_%';
        IF rel IS NULL OR guards IS NULL OR tbl LIKE 'privacy\_%'
            OR tbl IN ('casework_filedestruction', 'casework_filedestructionevent', 'casework_filetombstone') THEN
            RAISE EXCEPTION 'file destruction: % is not an append-only table of a file', tbl
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NOT EXISTS (
            SELECT 1 FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.conrelid = rel AND c.contype = 'p' AND array_length(c.conkey, 1) = 1 AND a.attname = pk
        ) THEN
            RAISE EXCEPTION 'file destruction: % is not the primary key of %', pk, tbl
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        sets := NULL;
        FOR kv IN SELECT key, value FROM jsonb_each_text(item->'set') LOOP
            IF kv.value IS NULL OR kv.value NOT IN ('', '{}', '[]') OR NOT EXISTS (
                SELECT 1 FROM pg_attribute a
                WHERE a.attrelid = rel AND a.attname = kv.key AND a.attnum > 0 AND NOT a.attisdropped
                AND a.atttypid IN ('text'::regtype, 'varchar'::regtype, 'json'::regtype, 'jsonb'::regtype)
            ) THEN
                RAISE EXCEPTION 'file destruction: %.% may only be blanked, and only a text', tbl, kv.key
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            sets := concat_ws(', ', sets, format('%I = %L', kv.key, kv.value));
        END LOOP;
        CONTINUE WHEN sets IS NULL;
        -- The rows must be this family's: follow the plan's path of real foreign keys to casework_family.
        cur := rel; n := 0; joins := ''; cond := NULL;
        FOR hop IN SELECT value FROM jsonb_array_elements(item->'path') LOOP
            IF cond IS NOT NULL THEN
                RAISE EXCEPTION 'file destruction: the path of % goes on past the family', tbl
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            target := NULL;
            IF hop ? 'fk' THEN
                SELECT c.confrelid, ra.attname INTO target, target_col FROM pg_constraint c
                JOIN pg_attribute la ON la.attrelid = c.conrelid AND la.attnum = c.conkey[1]
                JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
                WHERE c.contype = 'f' AND c.conrelid = cur AND array_length(c.conkey, 1) = 1
                AND la.attname = hop->>'fk';
                IF target IS NULL THEN
                    RAISE EXCEPTION 'file destruction: %.% is not a foreign key', cur, hop->>'fk'
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                IF target = 'public.casework_family'::regclass THEN
                    cond := format('r%s.%I = %s', n, hop->>'fk', d.family_id);
                ELSE
                    joins := joins || format(' JOIN %s r%s ON r%s.%I = r%s.%I', target, n + 1, n + 1, target_col, n,
                                             hop->>'fk');
                    n := n + 1;
                    cur := target;
                END IF;
            ELSIF hop ? 'm2m' THEN
                through := to_regclass('public.' || quote_ident(hop->>'m2m'));
                SELECT ra.attname INTO own_col FROM pg_constraint c
                JOIN pg_attribute la ON la.attrelid = c.conrelid AND la.attnum = c.conkey[1]
                JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
                WHERE c.contype = 'f' AND c.conrelid = through AND c.confrelid = cur AND la.attname = hop->>'own';
                IF own_col IS NULL OR NOT EXISTS (
                    SELECT 1 FROM pg_constraint c JOIN pg_attribute la ON la.attrelid = c.conrelid
                    AND la.attnum = c.conkey[1]
                    WHERE c.contype = 'f' AND c.conrelid = through AND c.confrelid = 'public.casework_family'::regclass
                    AND la.attname = hop->>'other'
                ) THEN
                    RAISE EXCEPTION 'file destruction: % does not link % to a family', through, cur
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                cond := format(
                    'EXISTS (SELECT 1 FROM %1$s t WHERE t.%2$I = r%3$s.%4$I AND t.%5$I = %6$s) '
                    'AND NOT EXISTS (SELECT 1 FROM %1$s t WHERE t.%2$I = r%3$s.%4$I AND t.%5$I <> %6$s)',
                    through, hop->>'own', n, own_col, hop->>'other', d.family_id
                );
            ELSE
                RAISE EXCEPTION 'file destruction: unknown step in the path of %', tbl
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
        END LOOP;
        IF cond IS NULL THEN
            RAISE EXCEPTION 'file destruction: the path of % does not reach the family', tbl
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        ids := ARRAY(SELECT DISTINCT x FROM jsonb_array_elements_text(item->'ids') x);
        SELECT format_type(a.atttypid, a.atttypmod) INTO pk_type FROM pg_attribute a
        WHERE a.attrelid = rel AND a.attname = pk AND NOT a.attisdropped;
        EXECUTE format('SELECT count(*) FROM %s r0%s WHERE r0.%I = ANY($1::%s[]) AND %s', rel, joins, pk, pk_type, cond)
            INTO matched USING ids;
        IF matched <> cardinality(ids) THEN
            RAISE EXCEPTION 'file destruction: rows of % that are not of this family''s file', tbl
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        PERFORM set_config('pgtrigger.ignore', guards::text, true);
        EXECUTE format('UPDATE %s SET %s WHERE %I = ANY($1::%s[])', rel, sets, pk, pk_type) USING ids;
        GET DIAGNOSTICS changed = ROW_COUNT;
        PERFORM set_config('pgtrigger.ignore', '{}', true);
        total := total + changed;
    END LOOP;
    UPDATE public.casework_filedestruction SET status = 'vernietigd' WHERE id = d.id;
    RETURN total;
END;
$$;
REVOKE ALL ON FUNCTION casework_file_destruction_execute(bigint, jsonb) FROM PUBLIC;

CREATE OR REPLACE FUNCTION casework_filedestruction_final() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF OLD.status = 'vernietigd' THEN
        RAISE EXCEPTION 'file destruction %: carried out, it does not change', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER casework_filedestruction_final BEFORE UPDATE OR DELETE ON public.casework_filedestruction
    FOR EACH ROW EXECUTE FUNCTION casework_filedestruction_final();

CREATE OR REPLACE FUNCTION casework_filedestructionevent_checked() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NEW.step = 'akkoord' AND (NEW.by_id IS NULL OR NEW.as_officer IS DISTINCT FROM (
        SELECT u.org_role = 'security' AND u.is_active FROM public.accounts_user u WHERE u.id = NEW.by_id
    )) THEN
        RAISE EXCEPTION 'file destruction: an agreement names its person, as privacy officer only if they are one'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER casework_filedestructionevent_checked BEFORE INSERT ON public.casework_filedestructionevent
    FOR EACH ROW EXECUTE FUNCTION casework_filedestructionevent_checked();
"""

DROP = """
DROP TRIGGER IF EXISTS casework_filedestructionevent_checked ON casework_filedestructionevent;
DROP TRIGGER IF EXISTS casework_filedestruction_final ON casework_filedestruction;
DROP FUNCTION IF EXISTS casework_filedestructionevent_checked();
DROP FUNCTION IF EXISTS casework_filedestruction_final();
DROP FUNCTION IF EXISTS casework_file_destruction_execute(bigint, jsonb);
"""


def create_function(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(EXECUTE, params=None)


def drop_function(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0016_file_exports"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="family",
            name="destroyed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="vernietigd op"),
        ),
        migrations.CreateModel(
            name="FileDestruction",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("version", models.PositiveIntegerField(default=1)),
                ("saved_at", models.DateTimeField(blank=True, editable=False, null=True)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("voorgesteld", "voorgesteld, wacht op akkoord"),
                            ("een_akkoord", "één akkoord, wacht op het tweede"),
                            ("vernietigd", "vernietigd"),
                            ("afgewezen", "niet vernietigd"),
                        ],
                        default="voorgesteld",
                        max_length=20,
                    ),
                ),
                ("proposed_on", models.DateField(verbose_name="voorgesteld op")),
                ("kept_until", models.DateField(blank=True, null=True, verbose_name="bewaren tot")),
                ("retention_label", models.CharField(blank=True, max_length=200, verbose_name="bewaarklasse")),
                ("refusal_reason", core.fields.LimitedTextField(blank=True, max_length=2000, verbose_name="reden")),
                ("review_on", models.DateField(blank=True, null=True, verbose_name="opnieuw bekijken op")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "family",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="destructions", to="casework.family"
                    ),
                ),
                (
                    "request",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="destructions",
                        to="casework.privacyrequest",
                    ),
                ),
                (
                    "saved_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["proposed_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="FileDestructionEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "step",
                    models.CharField(
                        choices=[
                            ("voorgesteld", "voorgesteld"),
                            ("akkoord", "akkoord"),
                            ("afgewezen", "afgewezen"),
                            ("uitgevoerd", "uitgevoerd"),
                        ],
                        max_length=20,
                    ),
                ),
                ("as_officer", models.BooleanField(default=False)),
                ("note", core.fields.LimitedTextField(blank=True, max_length=2000)),
                ("at", models.DateTimeField(auto_now_add=True)),
                (
                    "by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "destruction",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="events",
                        to="casework.filedestruction",
                    ),
                ),
            ],
            options={
                "ordering": ["at", "id"],
            },
        ),
        migrations.CreateModel(
            name="FileTombstone",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("reference", models.CharField(max_length=30, verbose_name="dossiernummer")),
                ("team_name", models.CharField(max_length=100, verbose_name="team")),
                ("opened_on", models.DateField(verbose_name="aangemeld op")),
                ("closed_on", models.DateField(null=True, verbose_name="afgesloten op")),
                ("retention_label", models.CharField(max_length=200, verbose_name="bewaarklasse")),
                ("kept_until", models.DateField(null=True, verbose_name="bewaren tot")),
                ("on_request", models.BooleanField(default=False, verbose_name="op verzoek")),
                ("executed_at", models.DateTimeField(verbose_name="vernietigd op")),
                ("removed", models.JSONField(default=dict, verbose_name="verwijderd")),
                (
                    "approved_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "destruction",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="tombstone",
                        to="casework.filedestruction",
                    ),
                ),
                (
                    "second_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={
                "ordering": ["-executed_at", "id"],
            },
        ),
        migrations.AddConstraint(
            model_name="filedestruction",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ["voorgesteld", "een_akkoord"])),
                fields=("family",),
                name="destruction_one_open_per_family",
            ),
        ),
        migrations.AddConstraint(
            model_name="filedestructionevent",
            constraint=models.UniqueConstraint(
                condition=models.Q(("step", "akkoord")), fields=("destruction", "by"), name="destruction_agree_once"
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="filedestructionevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only_rows",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="\n    RAISE EXCEPTION 'append-only table %: % refused', TG_TABLE_NAME, TG_OP\n        USING ERRCODE = 'insufficient_privilege';\n",
                    hash="8a8ea533f45edf91e698e861a06da9f64aad72cb",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_rows_e7bf1",
                    table="casework_filedestructionevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="filedestructionevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only_truncate",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="\n    RAISE EXCEPTION 'append-only table %: % refused', TG_TABLE_NAME, TG_OP\n        USING ERRCODE = 'insufficient_privilege';\n",
                    hash="68211f597049f2e830483ef1f0587258481245f6",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_append_only_truncate_ac0bc",
                    table="casework_filedestructionevent",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="filetombstone",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only_rows",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="\n    RAISE EXCEPTION 'append-only table %: % refused', TG_TABLE_NAME, TG_OP\n        USING ERRCODE = 'insufficient_privilege';\n",
                    hash="0211a46f4997515a228aeb58cd6b377b3b80b69c",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_rows_0f407",
                    table="casework_filetombstone",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="filetombstone",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only_truncate",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="\n    RAISE EXCEPTION 'append-only table %: % refused', TG_TABLE_NAME, TG_OP\n        USING ERRCODE = 'insufficient_privilege';\n",
                    hash="4466323afcf6f51e2b73a593ad03a7b496a410f8",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_append_only_truncate_d5fb5",
                    table="casework_filetombstone",
                    when="BEFORE",
                ),
            ),
        ),
        migrations.RunPython(create_function, drop_function, elidable=False),
    ]
