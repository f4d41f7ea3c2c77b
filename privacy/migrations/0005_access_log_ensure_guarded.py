"""The partition-making function of the access log, closed to PUBLIC, bounded and quick to give up.

0004 left ``privacy_accesslog_partitions_ensure`` with PostgreSQL's default EXECUTE for PUBLIC: any role
that could log in could run a SECURITY DEFINER function of the owner with a ``months_ahead`` of its
choosing, and each partition it made takes an ACCESS EXCLUSIVE lock on the log every page writes to
(found in review). Now only the app role may run it (``manage.py db_roles`` grants it), it makes at most
twelve months ahead, and it waits at most five seconds for a lock instead of queueing every request
behind it; the beat task tries again the next day.
"""

from django.db import migrations

GUARDED = r"""
CREATE OR REPLACE FUNCTION privacy_accesslog_partitions_ensure(months_ahead integer, today timestamptz)
RETURNS SETOF text LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public SET TimeZone = 'UTC' SET lock_timeout = '5s'
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
            + make_interval(months => least(greatest(months_ahead, 0), 12)), interval '1 month')
        ORDER BY 1
    LOOP
        made := privacy_accesslog_partition_create(m);
        IF made IS NOT NULL THEN
            RETURN NEXT made;
        END IF;
    END LOOP;
END;
$$;
REVOKE ALL ON FUNCTION privacy_accesslog_partitions_ensure(integer, timestamptz) FROM PUBLIC;
"""


def guard(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARDED)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0004_access_log_rows_per_view_partitioned")]

    operations = [migrations.RunPython(guard, migrations.RunPython.noop, elidable=False)]
