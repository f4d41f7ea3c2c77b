"""Make the database itself refuse UPDATE and DELETE on the access log.

The model already refuses them; this guards against raw SQL, a future bug or a
careless migration. Only PostgreSQL (production and tests) gets the trigger;
the embedded SQLite demo database has no such need. TRUNCATE is left to the
database role: production runs the app as a role without TRUNCATE rights on
this table (see README), while the test suite needs it to reset its database.
"""

from django.db import migrations

TABLE = "privacy_accesslogentry"

CREATE = f"""
CREATE OR REPLACE FUNCTION privacy_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'append-only table %: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER {TABLE}_no_update_delete
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION privacy_refuse_change();
"""

DROP = f"""
DROP TRIGGER IF EXISTS {TABLE}_no_update_delete ON {TABLE};
DROP FUNCTION IF EXISTS privacy_refuse_change();
"""


def _run(sql):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return apply


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_access_log")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP), elidable=False)]
