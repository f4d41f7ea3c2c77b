"""Periodic upkeep of the access log. Thin: the rule lives in privacy.partitions."""

import logging

from celery import shared_task

from privacy.partitions import access_log_partitions_ensure

logger = logging.getLogger(__name__)


@shared_task(name="privacy.access_log_partitions_ensure")
def ensure_access_log_partitions() -> list[str]:
    """Make the coming months' partitions (and move rows the DEFAULT partition took); returns the names made."""
    made = access_log_partitions_ensure()
    if made:
        logger.info("access log partitions made: %s", ", ".join(made))
    return made
