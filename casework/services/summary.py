"""Keeping `FamilySummary` current: one SQL statement for one family or for all, so both agree by construction.

The statement ranks each family's contacts newest first (the latest date, of
one day the last recorded: the order of `casework.figures.latest_contacts`)
with a window function, keeps the first two and upserts them. It is plain SQL
that PostgreSQL and SQLite (3.25+) both run, so `make run` needs no fallback.

`family_summary_refresh` runs inside the write that changed a family's
contacts, after taking the family row's lock (`checks.require_write` takes it
before the contact is written, and decides the right to write under it), so
two contacts recorded at once for one family are summarised in turn and the
last to commit sees both.
"""

from django.db import connection, transaction
from django.db.models import Exists, OuterRef

from ..models import Contact, Family, FamilySummary

_UPSERT = """
WITH ranked AS (
    SELECT family_id, id, date, safety_score, lijn_score,
           ROW_NUMBER() OVER (PARTITION BY family_id ORDER BY date DESC, id DESC) AS rn
    FROM {contact} {where}
)
INSERT INTO {summary} (family_id, last_contact_id, last_contact_on, last_safety, last_lijn,
                       prev_contact_id, prev_safety, prev_lijn)
SELECT family_id,
       MAX(CASE WHEN rn = 1 THEN id END), MAX(CASE WHEN rn = 1 THEN date END),
       MAX(CASE WHEN rn = 1 THEN safety_score END), MAX(CASE WHEN rn = 1 THEN lijn_score END),
       MAX(CASE WHEN rn = 2 THEN id END), MAX(CASE WHEN rn = 2 THEN safety_score END),
       MAX(CASE WHEN rn = 2 THEN lijn_score END)
FROM ranked WHERE rn <= 2
GROUP BY family_id
ON CONFLICT (family_id) DO UPDATE SET
    last_contact_id = excluded.last_contact_id, last_contact_on = excluded.last_contact_on,
    last_safety = excluded.last_safety, last_lijn = excluded.last_lijn,
    prev_contact_id = excluded.prev_contact_id, prev_safety = excluded.prev_safety,
    prev_lijn = excluded.prev_lijn
"""


def _upsert(*, family_id: int | None) -> None:
    sql = _UPSERT.format(
        contact=connection.ops.quote_name(Contact._meta.db_table),
        summary=connection.ops.quote_name(FamilySummary._meta.db_table),
        where="" if family_id is None else "WHERE family_id = %s",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [] if family_id is None else [family_id])


def family_summary_lock(*, family_id: int) -> None:
    """Lock the family row, as `family_assign` and `family_change_phase` do, before its contacts change.

    A no-op on SQLite, which lets one writer in at a time anyway.
    """
    list(Family.objects.select_for_update().filter(pk=family_id).values_list("pk", flat=True))


def family_summary_refresh(*, family_id: int) -> None:
    """Summarise one family's contacts again; call it in the transaction that changed them."""
    _upsert(family_id=family_id)


@transaction.atomic
def family_summaries_rebuild() -> int:
    """Every family's summary from its contacts, set-based: after a bulk load, or to check the kept rows.

    Rows of families without contacts (which cannot arise, contacts are never
    deleted) are removed, so the result is exactly a fresh build. Returns the
    number of rows.
    """
    _upsert(family_id=None)
    # NOT EXISTS, not NOT IN: PostgreSQL runs a NOT IN over millions of contact rows that do not fit
    # work_mem as a scan of the contacts per summary row (46 s at 400,000 contacts, hours nationally).
    FamilySummary.objects.exclude(Exists(Contact.objects.filter(family_id=OuterRef("family_id")))).delete()
    return FamilySummary.objects.count()
