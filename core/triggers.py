"""The database half of append-only: triggers (django-pgtrigger) on every AppendOnlyModel table.

AppendOnlyModel refuses updates and deletes in Python, but a raw query, a cascade, a careless
migration or a future bug goes around Python. So every concrete subclass also gets two triggers:

- ``append_only_rows``: BEFORE UPDATE OR DELETE, FOR EACH ROW, raises;
- ``append_only_truncate``: BEFORE TRUNCATE, FOR EACH STATEMENT, raises (a TRUNCATE fires no row
  trigger, so without this one it would empty the table in one go).

They raise with SQLSTATE insufficient_privilege and "append-only table <name>: <operation> refused",
the words of the hand-made trigger the access log had before (privacy 0002), so callers and the backup
check see the same error.

The triggers attach themselves: a ``class_prepared`` handler adds them to the Meta.triggers of every
concrete AppendOnlyModel subclass as it is defined, so a new append-only model is covered without a
line of its own (``makemigrations`` then writes its AddTrigger operations). A subclass's own
Meta.triggers are kept. On SQLite (``make run``) pgtrigger's migration operations do nothing.

Triggers are a second line, not the wall. The table owner can still disable them, and any session can
set ``pgtrigger.ignore``; what stops the running app is its database role (core.db_roles): no UPDATE,
DELETE, TRUNCATE or TRIGGER on these tables, owner of nothing, no ``session_replication_role``.
"""

from typing import Any

import pgtrigger
from django.db import models
from django.db.models.signals import class_prepared

ROWS = "append_only_rows"
TRUNCATE = "append_only_truncate"

REFUSE = """
    RAISE EXCEPTION 'append-only table %: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
"""


class AppendOnlyGuard(pgtrigger.Trigger):
    """A trigger whose function refuses the operation it fires on."""

    def get_func(self, model: models.Model) -> str:
        return REFUSE


def append_only_triggers() -> list[pgtrigger.Trigger]:
    return [
        AppendOnlyGuard(
            name=ROWS, level=pgtrigger.Row, when=pgtrigger.Before, operation=pgtrigger.Update | pgtrigger.Delete
        ),
        AppendOnlyGuard(name=TRUNCATE, level=pgtrigger.Statement, when=pgtrigger.Before, operation=pgtrigger.Truncate),
    ]


def attach_to(model: type[models.Model]) -> None:
    """Give one concrete model the append-only triggers, in its Meta and in its migration state."""
    meta: Any = model._meta
    if meta.abstract or meta.proxy:
        return
    own = [t for t in getattr(meta, "triggers", []) if t.name not in (ROWS, TRUNCATE)]
    meta.triggers = [*own, *append_only_triggers()]
    # ModelState.from_model (migrations) reads the options from original_attrs.
    meta.original_attrs["triggers"] = meta.triggers


def connect(base: type[models.Model]) -> None:
    """Attach the triggers to every subclass of ``base`` defined from now on."""

    def on_class_prepared(sender: type[models.Model], **kwargs: Any) -> None:
        if issubclass(sender, base):
            attach_to(sender)

    class_prepared.connect(on_class_prepared, weak=False, dispatch_uid="core.triggers.append_only")


def trigger_uris(*, names: tuple[str, ...] = (ROWS, TRUNCATE)) -> list[str]:
    """The pgtrigger URIs ("app.Model:name") of the append-only triggers, for pgtrigger.ignore in tests."""
    return [trigger.get_uri(model) for model, trigger in pgtrigger.registered() if trigger.name in names]
