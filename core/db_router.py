"""Reads that may be a moment stale go to the read replica; everything else stays on the primary.

The replica (settings.REPLICA_ALIAS, configured by DATABASE_REPLICA_URL) is a PostgreSQL streaming
replica: a few milliseconds behind the primary, refusing every write. So the choice is explicit and
narrow. Reads go to it only

- inside `using_replica()` (a context, also for a Celery task or a command), or for the GET/HEAD
  pages named in settings.REPLICA_VIEWS (`ReplicaReadsMiddleware`): figures, stored reports and the
  board's pages, which nobody reads to decide a write;
- and never inside a transaction: a read in `transaction.atomic()` is one that precedes (or checks)
  a write, and must see the primary's own state, locks included (the one exception says so:
  `using_replica(in_transaction=True)`, a report's content read while its row is locked);
- and never while the replica is behind by more than settings.REPLICA_MAX_LAG_SECONDS or cannot be
  reached (`core.replica_lag`, measured at most every few seconds per process): then the page is
  served from the primary.

Who may see what is never decided on the replica. The models of settings.REPLICA_PRIMARY_ONLY
(memberships, accounts, sessions, the second factor, the board's grants, substitutions, audit
assignments) are read on the primary also inside `using_replica()`, and an access fact that a query
on another model embeds as a subquery (`primary_values`: the user's teams in a team page's query) is
read on the primary first and passed in as values.

Writes always go to the primary, also of an object that was read from the replica (Django would send
those to the database they came from).

The access log. Its rule is that a row is written in the same transaction as the read it records; for
a read on another server that is impossible. The row of a replica read is written on the primary in its
own transaction (the insert commits by itself, outside any atomic block) before the page is rendered
and sent: if the log write fails, the view fails and nothing is shown. A row without its page is
possible (the page fails after the log), a page without its row is not.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse

from .replica_lag import replica_fresh

# Off; on (outside transactions); on also inside a transaction (`using_replica(in_transaction=True)`).
OFF, ON, ON_IN_TRANSACTION = 0, 1, 2
_replica_reads: ContextVar[int] = ContextVar("replica_reads", default=OFF)
_PRIMARY_ONLY = frozenset(label.lower() for label in settings.REPLICA_PRIMARY_ONLY)

SAFE_METHODS = ("GET", "HEAD")


def replica_configured() -> bool:
    return settings.REPLICA_ALIAS in settings.DATABASES


@contextmanager
def using_replica(*, in_transaction: bool = False) -> Iterator[None]:
    """Reads in this block may come from the replica (when there is one, fresh, and outside transactions).

    `in_transaction` lets them go there also inside a transaction on the primary: only for reads that
    decide nothing about the primary's state and read nothing the transaction wrote, e.g. the content
    of a report over a closed period, computed while its own row is locked on the primary.
    """
    token = _replica_reads.set(ON_IN_TRANSACTION if in_transaction else ON)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def read_alias() -> str:
    """The database a read issued here and now goes to: the replica only when every condition holds."""
    mode = _replica_reads.get()
    if mode == OFF or not replica_configured():
        return DEFAULT_DB_ALIAS
    if mode == ON and connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    if not replica_fresh():
        return DEFAULT_DB_ALIAS
    return settings.REPLICA_ALIAS


def _primary_only(model: type[Model]) -> bool:
    meta = model._meta
    return meta.label_lower in _PRIMARY_ONLY or meta.app_label in _PRIMARY_ONLY


def replica_may_serve() -> bool:
    """Whether a read issued here and now may go to the replica (`read_alias`, without a query when not)."""
    return _replica_reads.get() != OFF and read_alias() != DEFAULT_DB_ALIAS


def primary_values(queryset: QuerySet, field: str) -> QuerySet | list[Any]:
    """`queryset`'s `field` as a subquery for another query, or, when reads may go to the replica, as
    values read on the primary: an access fact (a membership, a grant) is never taken from the replica
    inside a query on another model, which the router would send there as a whole."""
    if not replica_may_serve():
        return queryset.values(field)
    return list(queryset.using(DEFAULT_DB_ALIAS).order_by().values_list(field, flat=True))


class ReplicaRouter:
    """Django's database router for the primary ("default") and the optional replica."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        if _primary_only(model):
            return DEFAULT_DB_ALIAS
        return read_alias()

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        # The replica holds the same rows as the primary: a user read there may be the author of a row
        # written on the primary.
        same = {DEFAULT_DB_ALIAS, settings.REPLICA_ALIAS}
        if obj1._state.db in same and obj2._state.db in same:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        # The replica receives the schema by streaming from the primary.
        return False if db == settings.REPLICA_ALIAS else None


class ReplicaReadsMiddleware:
    """Turns `using_replica()` on for the view of a page in settings.REPLICA_VIEWS (GET/HEAD only).

    It goes by the resolved URL name, so the list of pages that may read stale data is one reviewed
    setting, not a decorator hidden in each view. The flag is reset when the response leaves this
    middleware; the outer middleware (sessions, messages) read and write the primary.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.views = frozenset(settings.REPLICA_VIEWS)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _replica_reads.set(OFF)
        try:
            return self.get_response(request)
        finally:
            _replica_reads.reset(token)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., HttpResponse], view_args: tuple, view_kwargs: dict
    ) -> None:
        match = request.resolver_match
        if request.method in SAFE_METHODS and match is not None and match.view_name in self.views:
            _replica_reads.set(ON)
        return None
