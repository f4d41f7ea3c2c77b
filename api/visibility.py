"""The partner's visible families as SQL compiled once per partner, part and day, for the API's hot path.

`casework.partners.access.family_ids_visible_to_partner` is the one rule of
who sees what; its query (active bases with three correlated subqueries over
inzetten) took the ORM longer to build and compile on every API call than
PostgreSQL took to run it, and an API list embeds it up to seven times. Its
SQL depends only on the partner, the part, the day and the grace setting, so
it is compiled once for that key (with the time zone; per process, a small LRU) and embedded as
raw SQL with the same parameters: the same query, without rebuilding it. A
new day, another grace setting or another database gives another key, so a
cached text is never stale. Tests hold it to the ORM query it copies.
"""

from functools import lru_cache

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.expressions import RawSQL
from django.utils import timezone

from casework.partners.access import family_ids_visible_to_partner, sharing_bases_active
from casework.partners.models import Partner, SharedPart


@lru_cache(maxsize=2048)
def _compiled(_vendor: str, partner_id: int, part: str | None, on, _grace_days: int, _tz: str) -> tuple[str, tuple]:
    partner = Partner(pk=partner_id)
    queryset = family_ids_visible_to_partner(partner=partner, on=on, part=SharedPart(part) if part else None).order_by()
    sql, params = queryset.query.get_compiler(DEFAULT_DB_ALIAS).as_sql()
    return sql, tuple(params)


def visible_family_ids(*, partner: Partner, part: SharedPart | None = None) -> RawSQL:
    """`family_ids_visible_to_partner(partner=..., part=...)` today, as a reusable subquery."""
    sql, params = _compiled(
        connections[DEFAULT_DB_ALIAS].vendor,
        partner.pk,
        SharedPart(part).value if part else None,
        timezone.localdate(),
        settings.SHARING_ENDS_AFTER_INZET_DAYS,
        settings.TIME_ZONE,
    )
    return RawSQL(sql, params)  # noqa: S611  # the ORM's own compiled SQL and parameters, no user text


@lru_cache(maxsize=2048)
def _compiled_bases(
    _vendor: str, partner_id: int, on, _grace_days: int, _tz: str, fields: tuple[str, ...]
) -> tuple[str, tuple]:
    from django.db.models import IntegerField, Max
    from django.db.models.functions import Cast

    aggregates = {flag: Max(Cast(flag, IntegerField())) for flag in fields}
    queryset = (
        sharing_bases_active(on=on)
        .filter(partner_id=partner_id)
        .order_by()
        .values("family_id")
        .annotate(**aggregates)
        .values_list("family_id", *aggregates)
        .order_by("family_id")
    )
    sql, params = queryset.query.get_compiler(DEFAULT_DB_ALIAS).as_sql()
    return sql, tuple(params)


def shared_flags_rows(*, partner: Partner, fields: tuple[str, ...]) -> list[tuple]:
    """Per family with an active basis of this partner today: (family_id, MAX of each flag as 0/1), by id."""
    connection = connections[DEFAULT_DB_ALIAS]
    sql, params = _compiled_bases(
        connection.vendor,
        partner.pk,
        timezone.localdate(),
        settings.SHARING_ENDS_AFTER_INZET_DAYS,
        settings.TIME_ZONE,
        fields,
    )
    from .compiled import cursor

    with cursor(connection) as prepared:
        prepared.execute(sql, params)
        return prepared.fetchall()
