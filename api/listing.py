"""The partner API's list reads, lean: plain rows from values(), one SQL per list, no model instances.

Why a second path next to `api.selectors`: a partner system polls these lists
all day, and building the nested sharing-basis annotations and model instances
per request cost more CPU than the database spent answering. These functions
ask the same access functions (`casework.partners.access`, via the selectors),
so the lists and the detail endpoints cannot disagree about who sees what;
they only ask them once per request and in a cheaper shape:

- gezinnen: the partner's active bases in one query give every visible family
  and what is shared there (the union of its bases), so paging and the count
  need no further query; only the page's families then get their change time
  and their own inzet ids.
- jeugdigen, afspraken, inzetten: one query per page whose window count gives
  the total, so there is no separate COUNT (only a page past the end, which
  has no row to carry the count, asks for it).

Each returns plain dicts whose values the rows module (`api.rows`) turns into
the same JSON as the serializers.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Count, OuterRef, QuerySet, Window
from django.utils import timezone

from casework.models import Family
from casework.partners.models import Inzet, Partner, SharedPart

from . import changes, compiled, visibility
from .selectors import API_PARTS, partner_agreements, partner_children, partner_inzetten

_SHARED_FLAGS = tuple(part.field for part in API_PARTS)


@dataclass(frozen=True)
class Page:
    """One page of rows and the total over all pages."""

    rows: list[dict]
    total: int


def _offset(page: int, size: int) -> int:
    return (page - 1) * size


def shared_parts_by_family(*, partner: Partner) -> dict[int, dict[str, bool]]:
    """Every family this partner may see through the API, with the API parts shared there: one query.

    A family appears when at least one active basis shares a part the API serves
    (as `selectors.family_ids_for_api`); each part is shared when any active basis
    shares it (as `selectors._shares`). The union is taken in SQL (MAX of the flag
    as an integer, on PostgreSQL and SQLite alike), one row per family.
    """
    rows = visibility.shared_flags_rows(partner=partner, fields=_SHARED_FLAGS)
    shared: dict[int, dict[str, bool]] = {}
    for family_id, *flags in rows:
        parts = {flag: bool(value) for flag, value in zip(_SHARED_FLAGS, flags, strict=True)}
        if any(parts.values()):
            shared[family_id] = parts
    return shared


def _change_parts_query(*, key: tuple, ids: list[int], now: dt.datetime) -> QuerySet:
    """Per family in `ids`, the newest change of each part as `changes.family_changed_at` counts them.

    Unconditioned here: the caller knows which parts are shared and takes the
    greatest of only those, which is what the one SQL expression does per family.
    `key` is (partner id, today, time zone), all the query depends on besides ids and now.
    """
    partner_id, today, _tz = key
    partner = Partner(pk=partner_id)
    family = OuterRef("pk")
    return (
        Family.objects.filter(pk__in=ids)
        .annotate(
            children_at=changes.latest_children(family=family),
            basis_at=changes.basis_moved_at(partner=partner, today=today, now=now),
            inzetten_at=changes.latest_inzetten(partner=partner, family=family),
            plans_at=changes.latest_plans(partner=partner, family=family),
            statuses_at=changes.latest_agreement_statuses(partner=partner, family=family),
        )
        .values("id", "created_at", "children_at", "basis_at", "inzetten_at", "plans_at", "statuses_at")
    )


def _change_parts(*, partner: Partner, family_ids: list[int]) -> dict[int, dict]:
    key, now = (partner.pk, timezone.localdate(), settings.TIME_ZONE), timezone.now()
    if compiled.available():
        rows = compiled.run(build=_change_parts_query, key=key, ids=family_ids, now=now)
    else:
        rows = list(_change_parts_query(key=key, ids=family_ids, now=now))
    return {row["id"]: row for row in rows}


def _changed_at(row: dict, parts: dict[str, bool]) -> dt.datetime:
    times = [row["created_at"], row["basis_at"]]
    if parts[SharedPart.CHILDREN.field]:
        times.append(row["children_at"])
    if parts[SharedPart.INZETTEN.field]:
        times.append(row["inzetten_at"])
    if parts[SharedPart.AGREEMENTS.field]:
        times += [row["plans_at"], row["statuses_at"]]
    return max(times)


def _own_inzet_ids_query(*, key: tuple, ids: list[int], now: dt.datetime) -> QuerySet:
    """The partner's own inzet ids of these families (`key` is (partner id,)); `now` is not used."""
    (partner_id,) = key
    return (
        Inzet.objects.filter(partner_id=partner_id, family_id__in=ids)
        .order_by("family_id", "id")
        .values("family_id", "id")
    )


def _own_inzet_ids(*, partner: Partner, family_ids: list[int]) -> dict[int, list[int]]:
    ids: dict[int, list[int]] = {family_id: [] for family_id in family_ids}
    if family_ids:
        key = (partner.pk,)
        if compiled.available():
            rows = compiled.run(build=_own_inzet_ids_query, key=key, ids=family_ids, now=compiled.SENTINEL_NOW)
        else:
            rows = list(_own_inzet_ids_query(key=key, ids=family_ids, now=compiled.SENTINEL_NOW))
        for row in rows:
            ids[row["family_id"]].append(row["id"])
    return ids


def family_page(*, partner: Partner, page: int, size: int) -> Page:
    """One page of `GET /gezinnen` without gewijzigdSinds: id, what is shared, own inzet ids, change time."""
    shared = shared_parts_by_family(partner=partner)
    offset = _offset(page, size)
    page_ids = list(shared)[offset : offset + size]
    if not page_ids:
        return Page(rows=[], total=len(shared))
    changed = _change_parts(partner=partner, family_ids=page_ids)
    inzet_ids = _own_inzet_ids(
        partner=partner, family_ids=[f for f in page_ids if shared[f][SharedPart.INZETTEN.field]]
    )
    rows = [
        {
            "id": family_id,
            **shared[family_id],
            "own_inzet_ids": inzet_ids.get(family_id, []),
            "changed_at": _changed_at(changed[family_id], shared[family_id]),
        }
        for family_id in page_ids
    ]
    return Page(rows=rows, total=len(shared))


def _windowed(queryset: QuerySet, *, fields: tuple[str, ...], offset: int, size: int) -> QuerySet:
    """One page of `fields` with the total from a window count in the same query."""
    return queryset.annotate(api_total=Window(Count("id"))).values(*fields, "api_total")[offset : offset + size]


def _page(rows: list[dict], *, offset: int, count) -> Page:
    # No row on the first page: there is nothing at all. Past the end no row carries the count: then it is asked for.
    total = rows[0]["api_total"] if rows else (count() if offset else 0)
    return Page(rows=rows, total=total)


@lru_cache(maxsize=1024)
def _compiled_page(kind: str, key: tuple, offset: int, size: int) -> tuple[str, tuple]:
    """The SQL of one list page without gewijzigdSinds, built once per kind, key and page.

    As `api.compiled` for the change times: the ORM built and compiled this
    query on every call for longer than PostgreSQL ran it. Its SQL depends only
    on `key` (partner id, gezin, status, and the day, grace setting and time
    zone the visibility rule depends on), so the same key gives the same text;
    a new day gives another key. The SQL and parameters are the ORM's own.
    """
    build, fields = _PAGE_QUERIES[kind]
    sql, params = (
        _windowed(build(key), fields=fields, offset=offset, size=size).query.get_compiler(DEFAULT_DB_ALIAS).as_sql()
    )
    return sql, tuple(params)


def _run_page(kind: str, *, build: Callable[[], QuerySet], key: tuple | None, page: int, size: int) -> Page:
    """A page by the compiled SQL where there is one (PostgreSQL, no gewijzigdSinds), else by the ORM.

    `build` makes the ORM queryset; the compiled path builds it only for a page past the end (its count).
    """
    offset = _offset(page, size)
    fields = _PAGE_QUERIES[kind][1]
    if key is None or not compiled.available():
        rows = list(_windowed(build(), fields=fields, offset=offset, size=size))
    else:
        day_key = (*key, timezone.localdate(), settings.SHARING_ENDS_AFTER_INZET_DAYS, settings.TIME_ZONE)
        sql, params = _compiled_page(kind, day_key, offset, size)
        with compiled.cursor() as prepared:
            prepared.execute(sql, params)
            names = [column.name for column in prepared.description]
            rows = [dict(zip(names, row, strict=True)) for row in prepared.fetchall()]
    return _page(rows, offset=offset, count=lambda: build().count())


CHILD_FIELDS = ("id", "family_id", "first_name", "last_name", "date_of_birth")
AGREEMENT_FIELDS = ("id", "plan__family_id", "plan__number", "description", "due_on", "status")
INZET_FIELDS = (
    "id",
    "family_id",
    "child_id",
    "product_category",
    "product_code",
    "description",
    "volume",
    "unit",
    "frequency",
    "requested_on",
    "promised_start",
    "actual_start",
    "end_on",
    "end_reason",
    "status",
    "version",
    "updated_at",
)


def _children(key: tuple) -> QuerySet:
    partner_id, family_id, *_ = key
    return partner_children(partner=Partner(pk=partner_id), family_id=family_id)


def _agreements(key: tuple) -> QuerySet:
    partner_id, family_id, *_ = key
    return partner_agreements(partner=Partner(pk=partner_id), family_id=family_id).select_related(None)


def _inzetten(key: tuple) -> QuerySet:
    partner_id, family_id, status, *_ = key
    return partner_inzetten(partner=Partner(pk=partner_id), family_id=family_id, status=status)


# Per list: its queryset from the key (for the compiled SQL) and the fields of its rows.
_PAGE_QUERIES: dict[str, tuple[Callable[[tuple], QuerySet], tuple[str, ...]]] = {
    "jeugdigen": (_children, CHILD_FIELDS),
    "afspraken": (_agreements, AGREEMENT_FIELDS),
    "inzetten": (_inzetten, INZET_FIELDS),
}


def child_page(
    *, partner: Partner, family_id: int | None, changed_since: dt.datetime | None, page: int, size: int
) -> Page:
    """One page of the selector's children (`selectors.partner_children`), as plain rows."""

    def build() -> QuerySet:
        return partner_children(partner=partner, family_id=family_id, changed_since=changed_since)

    key = None if changed_since is not None else (partner.pk, family_id)
    return _run_page("jeugdigen", build=build, key=key, page=page, size=size)


def agreement_page(*, partner: Partner, family_id: int | None, page: int, size: int) -> Page:
    key = (partner.pk, family_id)
    return _run_page("afspraken", build=lambda: _agreements(key), key=key, page=page, size=size)


def inzet_page(
    *,
    partner: Partner,
    page: int,
    size: int,
    family_id: int | None = None,
    status: str | None = None,
    changed_since: dt.datetime | None = None,
) -> Page:
    def build() -> QuerySet:
        return partner_inzetten(partner=partner, family_id=family_id, status=status, changed_since=changed_since)

    key = None if changed_since is not None else (partner.pk, family_id, status)
    return _run_page("inzetten", build=build, key=key, page=page, size=size)


__all__ = ["Page", "agreement_page", "child_page", "family_page", "inzet_page", "shared_parts_by_family"]
