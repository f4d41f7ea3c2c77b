"""Periodic work of the family file. Thin: the rule lives in casework.drafts.services."""

from celery import shared_task
from django.db import DatabaseError

from .drafts import services as drafts


@shared_task(name="casework.drafts_cleanup", autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=5)
def drafts_cleanup() -> int:
    """Drop expired drafts and kept posts: typed family data is kept no longer than DRAFT_DAYS / KEPT_POST_HOURS."""
    return drafts.drafts_delete_expired()
