"""Periodic work for the partner API. Thin: the rule lives in services."""

import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task(name="api.clear_expired_tokens")
def clear_expired_tokens() -> int:
    """Remove expired access tokens (see services.access_tokens_clear_expired); returns how many."""
    deleted = services.access_tokens_clear_expired()
    logger.info("%s expired API access tokens removed", deleted)
    return deleted
