"""The access log's list of families: one column, an array on PostgreSQL and delimited text on SQLite.

One log row records one page view or API call, and that may concern hundreds of families (a team list).
A row per family made the log grow by the families shown instead of by the views; an array keeps one row
and a GIN index still finds every row that concerns one family (``family_ids__has=<id>``).

``make run`` uses SQLite, which has no arrays: there the ids are stored as ``,1,2,3,`` (delimiters at
both ends) so that ``has`` is a LIKE on ``%,<id>,%`` that cannot match a longer id. The demo database
is small, so the scan is no concern there.
"""

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import Lookup


def _parse(value: Any) -> list[int]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [int(part) for part in value.strip(",").split(",") if part]
    return [int(part) for part in value]


class FamilyIdsField(models.Field):
    """A list of family ids (plain ints, no foreign key: the log must outlive the family)."""

    description = "family ids (bigint[] on PostgreSQL, delimited text elsewhere)"

    def db_type(self, connection: Any) -> str:
        return "bigint[]" if connection.vendor == "postgresql" else "text"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> list[int]:
        return _parse(value)

    def to_python(self, value: Any) -> list[int]:
        return _parse(value)

    def get_prep_value(self, value: Any) -> list[int] | None:
        if value is None:
            return None
        return _parse(value)

    def get_db_prep_value(self, value: Any, connection: Any, prepared: bool = False) -> Any:
        ids = value if prepared else self.get_prep_value(value)
        if ids is None or connection.vendor == "postgresql":
            return ids
        return to_delimited(ids)

    def value_to_string(self, obj: models.Model) -> str:
        return to_delimited(self.value_from_object(obj))


def to_delimited(ids: Iterable[int]) -> str:
    """The SQLite form: ``,1,2,3,``, or empty for no families."""
    ids = [int(i) for i in ids]
    return f",{','.join(map(str, ids))}," if ids else ""


@FamilyIdsField.register_lookup
class Has(Lookup):
    """``family_ids__has=<id>``: the row concerns this family.

    PostgreSQL: ``family_ids @> ARRAY[id]``, the operator the GIN index serves (``= ANY(family_ids)``
    reads the same but no index serves it). SQLite: a LIKE on the delimited text.
    """

    lookup_name = "has"
    prepare_rhs = False

    def _family_id(self) -> int:
        if isinstance(self.rhs, bool) or not isinstance(self.rhs, int):
            raise TypeError(f"family_ids__has takes one family id (an int), not {self.rhs!r}")
        return self.rhs

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} LIKE %s", [*lhs_params, f"%,{self._family_id()},%"]

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} @> ARRAY[%s]::bigint[]", [*lhs_params, self._family_id()]
