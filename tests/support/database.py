"""Test-database plumbing: emptying tables between transactional tests past the append-only triggers.

Every append-only table refuses TRUNCATE (core.triggers), but a transactional test (``transaction=True``,
the browser tests) ends with Django's flush, which truncates every table. Only that flush runs with the
TRUNCATE triggers ignored (pgtrigger.ignore, for this connection and this statement); UPDATE and DELETE
stay refused everywhere, and so does a TRUNCATE that a test itself sends.
"""

from collections.abc import Iterator
from unittest import mock

import pgtrigger
import pytest
from django.db.backends.postgresql.operations import DatabaseOperations

from core.triggers import TRUNCATE, trigger_uris


@pytest.fixture(autouse=True, scope="session")
def _flush_past_append_only_triggers() -> Iterator[None]:
    flush = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(self: DatabaseOperations, sql_list: list[str]) -> None:
        with pgtrigger.ignore(*trigger_uris(names=(TRUNCATE,)), databases=[self.connection.alias]):
            flush(self, sql_list)

    with mock.patch.object(DatabaseOperations, "execute_sql_flush", execute_sql_flush):
        yield
