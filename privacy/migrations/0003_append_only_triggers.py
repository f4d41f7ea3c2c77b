"""The access log's hand-made trigger (0002) gives way to django-pgtrigger's (core.triggers).

The new pair refuses UPDATE and DELETE row by row, as before and with the same message, and TRUNCATE
as a statement, which the old one let through. The old trigger and its function are dropped first, so
the table never has two guards with different rules; going back recreates it.
"""

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations

DROP_HAND_MADE = """
DROP TRIGGER IF EXISTS privacy_accesslogentry_no_update_delete ON privacy_accesslogentry;
DROP FUNCTION IF EXISTS privacy_refuse_change();
"""

RECREATE_HAND_MADE = """
CREATE OR REPLACE FUNCTION privacy_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'append-only table %: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER privacy_accesslogentry_no_update_delete
    BEFORE UPDATE OR DELETE ON privacy_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION privacy_refuse_change();
"""


def _run(sql):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0002_access_log_append_only_trigger"),
    ]

    operations = [
        migrations.RunPython(_run(DROP_HAND_MADE), _run(RECREATE_HAND_MADE), elidable=False),
        pgtrigger.migrations.AddTrigger(
            model_name="accesslogentry",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only_rows",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="\n    RAISE EXCEPTION 'append-only table %: % refused', TG_TABLE_NAME, TG_OP\n        USING ERRCODE = 'insufficient_privilege';\n",
                    hash="d2b71e677da4f74038935ac54fd8464eb4ae25d8",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_rows_b176e",
                    table="privacy_accesslogentry",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="accesslogentry",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only_truncate",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="\n    RAISE EXCEPTION 'append-only table %: % refused', TG_TABLE_NAME, TG_OP\n        USING ERRCODE = 'insufficient_privilege';\n",
                    hash="138d054c0c888a46f57c77d705e25f0e92d27438",
                    level="STATEMENT",
                    operation="TRUNCATE",
                    pgid="pgtrigger_append_only_truncate_ae051",
                    table="privacy_accesslogentry",
                    when="BEFORE",
                ),
            ),
        ),
    ]
