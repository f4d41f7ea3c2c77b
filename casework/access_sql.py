"""The reading rule's id set compiled to SQL once per shape and day, run with the user's id put in.

Every list, worklist and link check filters families by `readable_families_filter`:
on "Mijn gezinnen" five queries each build and compile the same subqueries (the
user's teams, an open audit's sample, their UNION), which took longer in Python
than PostgreSQL took to run them. What the SQL looks like depends only on the
user's organisation role, whether it is for a list, the registered READ_RULES and
today's date (the memberships' dates are in it); so it is built once for that key
with a probe user whose id no real user has, and each call puts the real id in
place of the probe's. The SQL is the ORM's own (api/compiled.py does the same for
the partner API); only the user's id differs. Rules that depend on the moment (the
board's time-limited grants) are not compiled: the caller builds them each time.

Not on a page that may read from the replica, whose access facts are values, not subqueries.
PostgreSQL only (the compiled text is handed back as RawSQL in the caller's query;
on SQLite, `make run`, the caller builds the ORM query itself).
"""

import datetime as dt
from collections.abc import Callable
from functools import lru_cache

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import IntegerField, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from accounts.models import User
from core.db_router import replica_may_serve

from .extensions import READ_RULES

_PROBE_ID = -(10**15) - 12  # below any bigserial: no real user has it
Build = Callable[..., tuple[str, QuerySet | list]]


@lru_cache(maxsize=64)
def _compile(
    build: Build, *, org_role: str, for_lists: bool, rules: tuple, today: dt.date
) -> tuple[str, str, tuple, tuple[bool, ...]] | None:
    """(field, SQL, parameters, which parameters are the user's id) for the probe user; None if not cacheable."""
    probe = User(pk=_PROBE_ID, org_role=org_role, is_active=True)
    field, ids = build(user=probe, for_lists=for_lists)
    if not isinstance(ids, QuerySet):  # values read on the primary (a replica page): nothing to compile
        return None
    sql, params = ids.query.get_compiler(DEFAULT_DB_ALIAS).as_sql()
    slots = tuple(isinstance(p, int) and not isinstance(p, bool) and p == _PROBE_ID for p in params)
    moments = [p for p in params if isinstance(p, dt.date)]
    # Only a rule whose SQL holds the user's id and no moment but today is the same SQL all day.
    if not any(slots) or any(isinstance(p, dt.datetime) or p != today for p in moments):
        return None
    return field, sql, tuple(params), slots


def compiled_readable_ids(*, user: User, for_lists: bool, build: Build) -> tuple[str, RawSQL] | None:
    """(the Family field, the ids as a subquery) of `build(user=, for_lists=)`, or None to build it in the ORM."""
    if connections[DEFAULT_DB_ALIAS].vendor != "postgresql":
        return None
    if replica_may_serve():
        # There the user's teams and samples come as values read on the primary
        # (core.db_router.primary_values), so the probe's SQL would hold the probe's (empty) teams.
        return None
    rules = () if for_lists else tuple(READ_RULES)
    compiled = _compile(build, org_role=user.org_role, for_lists=for_lists, rules=rules, today=timezone.localdate())
    if compiled is None:
        return None
    field, sql, params, slots = compiled
    values = [user.pk if is_user else param for param, is_user in zip(params, slots, strict=True)]
    # The ORM's own SQL with its own parameters (nothing from the request is in the text).
    return field, RawSQL(sql, values, output_field=IntegerField())  # noqa: S611
