"""Helpers for the reflection tests: hold a reflection through the real service."""

import datetime as dt

from django.utils import timezone

from reflection import services
from reflection.selectors import checklist_items, checklist_version_current


def ratings(adherence=3, competence=2, note="Goed gesprek met beide ouders.", version=None):
    version = version or checklist_version_current()
    return {item.pk: (adherence, competence, note) for item in checklist_items(version=version)}


def hold(senior, worker, *, done=True, days_ago=10, adherence=3, competence=2, **kwargs):
    return services.reflection_create(
        actor=senior,
        worker=worker,
        held_on=timezone.localdate() - dt.timedelta(days=days_ago),
        source="casenote",
        source_description="Casenote over een huisbezoek",
        learning_goals="Vader vaker zelf aan het woord laten.",
        ratings=ratings(adherence, competence),
        complete=done,
        **kwargs,
    )
