"""Destroying a file (casework.rights.destruction): proposals, their two agreements, the tombstone.

PostgreSQL: ``casework_file_destruction_execute(destruction_id, plan)`` is the one way past the
append-only tables' guards, for one thing only: blanking the texts of a file that two different
people agreed to destroy, one of them as privacy officer. It runs as the owner (SECURITY DEFINER),
checks both agreements and that the destruction was not carried out, blanks the columns the plan
names in append-only tables only (never the access log or the destruction's own record), with the
tables' row guards ignored for each statement alone, and marks the destruction carried out, so it
runs once. ``db_roles`` grants EXECUTE to the app role; PUBLIC may not run it.
"""

import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models

import core.fields

EXECUTE = r"""
CREATE OR REPLACE FUNCTION casework_file_destruction_execute(destruction_id bigint, plan jsonb)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    d record;
    item jsonb;
    tbl text;
    rel regclass;
    sets text;
    pk_type text;
    guards text[];
    changed integer;
    total integer := 0;
BEGIN
    SELECT * INTO d FROM public.casework_filedestruction WHERE id = destruction_id FOR UPDATE;
    IF NOT FOUND OR d.status <> 'een_akkoord' OR (
        SELECT count(DISTINCT by_id) FROM public.casework_filedestructionevent
        WHERE casework_filedestructionevent.destruction_id = d.id AND step = 'akkoord'
    ) < 2 OR NOT EXISTS (
        SELECT 1 FROM public.casework_filedestructionevent
        WHERE casework_filedestructionevent.destruction_id = d.id AND step = 'akkoord' AND as_officer
    ) THEN
        RAISE EXCEPTION 'file destruction %: not agreed by two people, one the privacy officer', destruction_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    FOR item IN SELECT value FROM jsonb_array_elements(plan) LOOP
        tbl := item->>'table';
        rel := to_regclass('public.' || quote_ident(tbl));
        SELECT array_agg(tgname::text) INTO guards FROM pg_trigger
        WHERE tgrelid = rel AND NOT tgisinternal AND tgname LIKE 'pgtrigger\_append\_only\_rows\_%';
        IF rel IS NULL OR guards IS NULL OR tbl LIKE 'privacy\_%'
            OR tbl IN ('casework_filedestruction', 'casework_filedestructionevent', 'casework_filetombstone') THEN
            RAISE EXCEPTION 'file destruction: % is not an append-only table of a file', tbl
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        SELECT string_agg(format('%I = %L', key, value), ', ') INTO sets FROM jsonb_each_text(item->'set');
        CONTINUE WHEN sets IS NULL;
        PERFORM set_config('pgtrigger.ignore', guards::text, true);
        SELECT format_type(atttypid, atttypmod) INTO pk_type FROM pg_attribute
        WHERE attrelid = rel AND attname = item->>'pk' AND NOT attisdropped;
        EXECUTE format('UPDATE public.%I SET %s WHERE %I = ANY($1::%s[])', tbl, sets, item->>'pk', pk_type)
            USING ARRAY(SELECT jsonb_array_elements_text(item->'ids'));
        GET DIAGNOSTICS changed = ROW_COUNT;
        PERFORM set_config('pgtrigger.ignore', '{}', true);
        total := total + changed;
    END LOOP;
    UPDATE public.casework_filedestruction SET status = 'vernietigd' WHERE id = d.id;
    RETURN total;
END;
$$;
REVOKE ALL ON FUNCTION casework_file_destruction_execute(bigint, jsonb) FROM PUBLIC;
"""


def create_function(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(EXECUTE, params=None)


def drop_function(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS casework_file_destruction_execute(bigint, jsonb)")


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
