"""The append-only base: history rows that are inserted once and never change.

Scores, phase changes, plan versions, escalations, assignments and the access
log are kept, not overwritten (DESIGN.md section 3). The model and its
queryset refuse updates and deletes in Python; every subclass's table also gets
database triggers that refuse UPDATE, DELETE and TRUNCATE (core.triggers, attached
automatically), and the app's database role may only SELECT and INSERT there
(core.db_roles).
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from core import triggers


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an append-only record."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError(f"{self.model.__name__} is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{self.model.__name__} is append-only")

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        raise AppendOnlyError(f"{self.model.__name__} is append-only")


class AppendOnlyModel(models.Model):
    """Base for history rows: insert once, never change, never delete."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} is append-only")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{type(self).__name__} is append-only")


# Every concrete subclass, now and future, gets the append-only triggers (core.triggers).
triggers.connect(AppendOnlyModel)


class IdempotencyKey(models.Model):
    """One claimed one-time token: the create it stood for happened, and where it led.

    A form that creates something carries a token; the create claims it in its
    own transaction (DESIGN.md section 3: every create is idempotent). The row
    is unique per user and token (web forms) or per API client and key (the
    Idempotency-Key header), so a second post with the same token waits on the
    unique index while the first is busy and then finds this row instead of
    making a second one. A create that fails rolls back with its claim, so the
    token stays free for the corrected post. Rows expire after
    IDEMPOTENCY_KEY_DAYS (core.idempotency.idempotency_keys_expire).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    client_id = models.CharField(max_length=100, blank=True)
    key = models.CharField(max_length=255)
    kind = models.CharField(max_length=60)
    request_hash = models.CharField(max_length=64, blank=True)
    result_url = models.CharField(max_length=500, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "eenmalige sleutel"
        verbose_name_plural = "eenmalige sleutels"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=models.Q(user__isnull=False), name="core_idem_user_key_once"
            ),
            models.UniqueConstraint(
                fields=["client_id", "key"], condition=models.Q(user__isnull=True), name="core_idem_client_key_once"
            ),
            models.CheckConstraint(
                condition=(models.Q(user__isnull=False) & models.Q(client_id=""))
                | (models.Q(user__isnull=True) & ~models.Q(client_id="")),
                name="core_idem_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"
