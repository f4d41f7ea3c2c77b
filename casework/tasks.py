"""Periodic work of the family file. Thin: the rules live in casework.drafts.services and casework.rights."""

from celery import shared_task
from django.db import DatabaseError

from .drafts import services as drafts
from .rights import destruction


@shared_task(name="casework.drafts_cleanup", autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=5)
def drafts_cleanup() -> int:
    """Drop expired drafts and kept posts: typed family data is kept no longer than DRAFT_DAYS / KEPT_POST_HOURS."""
    return drafts.drafts_delete_expired()


@shared_task(
    name="casework.destruction_proposals_create", autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=5
)
def destruction_proposals_create() -> int:
    """Propose each closed file past its "bewaren tot" for destruction; two people decide (casework.rights)."""
    return destruction.destruction_proposals_create()
