"""Reads that may be a moment stale go to the read replica; everything else stays on the primary.

The replica (settings.REPLICA_ALIAS, configured by DATABASE_REPLICA_URL) is a PostgreSQL streaming
replica: a few milliseconds behind the primary, refusing every write. So the choice is explicit and
narrow. Reads go to it only

- inside `using_replica()` (a context, also for a Celery task or a command), or for the GET/HEAD
  pages named in settings.REPLICA_VIEWS (`ReplicaReadsMiddleware`): figures, stored reports and the
  board's pages, which nobody reads to decide a write;
- and never inside a transaction: a read in `transaction.atomic()` is one that precedes (or checks)
  a write, and must see the primary's own state, locks included.

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
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)

SAFE_METHODS = ("GET", "HEAD")


def replica_configured() -> bool:
    return settings.REPLICA_ALIAS in settings.DATABASES


@contextmanager
def using_replica() -> Iterator[None]:
    """Reads in this block may come from the replica (when there is one, and outside transactions)."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def read_alias() -> str:
    """The database a read issued here and now goes to: the replica only when every condition holds."""
    if not _replica_reads.get() or not replica_configured():
        return DEFAULT_DB_ALIAS
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    return settings.REPLICA_ALIAS


class ReplicaRouter:
    """Django's database router for the primary ("default") and the optional replica."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
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
        token = _replica_reads.set(False)
        try:
            return self.get_response(request)
        finally:
            _replica_reads.reset(token)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., HttpResponse], view_args: tuple, view_kwargs: dict
    ) -> None:
        match = request.resolver_match
        if request.method in SAFE_METHODS and match is not None and match.view_name in self.views:
            _replica_reads.set(True)
        return None
