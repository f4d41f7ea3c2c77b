"""Periodic upkeep of what every app shares. Thin: the rule lives in core.idempotency."""

import logging

from celery import shared_task

from core.idempotency import idempotency_keys_expire

logger = logging.getLogger(__name__)


@shared_task(name="core.expire_idempotency_keys")
def expire_idempotency_keys() -> int:
    """Drop the one-time tokens of creates past IDEMPOTENCY_KEY_DAYS; returns how many."""
    deleted = idempotency_keys_expire()
    logger.info("%s expired idempotency keys removed", deleted)
    return deleted
