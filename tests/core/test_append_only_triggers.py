"""A new append-only model gets the database triggers without a line of its own (core.triggers)."""

from django.db import models
from django.db.migrations.state import ModelState
from django.test.utils import isolate_apps

from core.models import AppendOnlyModel
from core.triggers import ROWS, TRUNCATE


@isolate_apps("core")
def test_a_new_append_only_model_and_its_migration_state_carry_both_triggers():
    class LaterHistory(AppendOnlyModel):
        note = models.CharField(max_length=20)

        class Meta:
            app_label = "core"
            ordering = ["id"]

    class Ordinary(models.Model):
        class Meta:
            app_label = "core"

        def __str__(self) -> str:
            return str(self.pk)

    assert [t.name for t in LaterHistory._meta.triggers] == [ROWS, TRUNCATE]
    assert [t.name for t in ModelState.from_model(LaterHistory).options["triggers"]] == [ROWS, TRUNCATE]
    assert not getattr(Ordinary._meta, "triggers", [])
    rows, truncate = LaterHistory._meta.triggers
    assert str(rows.operation) == "UPDATE OR DELETE" and str(rows.level) == "ROW"
    assert str(truncate.operation) == "TRUNCATE" and str(truncate.level) == "STATEMENT"
