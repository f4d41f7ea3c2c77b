"""A Django cursor whose statements PostgreSQL prepares: for the few statements run on every API call.

Django's own cursors bind on the client and never prepare, so PostgreSQL
parses and plans each small query again; for the API's hot statements that
took longer than running them (`api.compiled` has the figures). This cursor is
still Django's wrapped one (logged, counted in tests, errors translated). With
PgBouncer in transaction mode (`DISABLE_SERVER_SIDE_CURSORS`) a prepared
statement may land on another server connection, so there the ordinary cursor
is used; on SQLite too.
"""

from functools import lru_cache
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper


@lru_cache(maxsize=1)
def _preparing_cursor_class() -> type:
    from django.db.backends.postgresql.base import ServerBindingCursor  # type: ignore[attr-defined]

    class PreparingCursor(ServerBindingCursor):
        """Django's server-side binding cursor whose every statement is prepared on the server."""

        def execute(self, query: Any, params: Any = None, *, prepare: bool = True, **kwargs: Any) -> Any:
            result = super().execute(query, params, prepare=prepare, **kwargs)
            # psycopg keeps no text of a prepared statement's run (its slot is untyped in the stubs).
            if getattr(self, "_query", None) is None:
                self._query = _Shown(self, query, params)
            return result

    return PreparingCursor


class _Shown:
    """The statement's text with its values in, for Django's query log (DEBUG, tests) only.

    Django reads a cursor's `_query.query` for the SQL it records; a prepared run leaves
    none, and the log would show `None` for the access log's INSERT. Composed only when read.
    """

    def __init__(self, cursor: Any, sql: Any, params: Any) -> None:
        self._cursor, self._sql, self._params = cursor, sql, params

    @property
    def query(self) -> bytes:
        from psycopg import ClientCursor

        return ClientCursor(self._cursor.connection).mogrify(self._sql, self._params).encode()


def cursor(connection: BaseDatabaseWrapper | None = None) -> Any:
    """A Django cursor (logged, wrapped, counted in tests like any other) that prepares repeated statements."""
    connection = connection or connections[DEFAULT_DB_ALIAS]
    settings = connection.settings_dict
    if connection.vendor != "postgresql" or settings.get("DISABLE_SERVER_SIDE_CURSORS"):
        return connection.cursor()
    from django.db.backends.postgresql.psycopg_any import register_tzloader  # type: ignore[import-untyped]
    from psycopg.pq import Format

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        if connection.connection.prepare_threshold is None:
            connection.connection.prepare_threshold = 5
        raw = _preparing_cursor_class()(connection.connection)
        # As Django's own create_cursor: the connection's time zone, unless its loader already has it.
        loader = connection.connection.adapters.get_loader(raw.adapters.types["timestamptz"].oid, Format.TEXT)
        if connection.timezone != loader.timezone:
            register_tzloader(connection.timezone, raw)
        return connection._prepare_cursor(raw)  # type: ignore[attr-defined]  # Django's own wrapping


__all__ = ["cursor"]
