"""The family's timeline: everything that happened, newest first.

Casework contributes its own events; other apps (team sessions, kwesties)
register a provider from their AppConfig.ready(), so the family page can show
their events without casework importing them. Each provider makes a fixed
number of queries (usually one) whatever the family's history.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone


@dataclass
class TimelineEntry:
    at: dt.datetime
    kind: str  # template fragment name: "contact", "phase", "assignment", ...
    title: str
    author: Any = None
    body: str = ""
    obj: Any = None
    extra: dict = field(default_factory=dict)


Provider = Callable[..., list[TimelineEntry]]
_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    """Add a source of timeline entries. `provider(family=..., limit=..., user=...)`.

    `user` is who looks: a provider shows only what that person may read.
    """
    _providers[name] = provider


def family_timeline(*, family, limit: int | None = 100, user=None) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    for provider in _providers.values():
        entries.extend(provider(family=family, limit=limit, user=user))
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[:limit] if limit else entries


def day_start(day: dt.date) -> dt.datetime:
    """A date as an aware datetime, so dated and timed events sort together."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))
