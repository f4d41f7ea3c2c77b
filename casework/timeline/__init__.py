"""The family's timeline: everything that happened, newest first.

Casework contributes its own events; other apps (team sessions, kwesties)
register a provider in `casework.extensions.TIMELINE` from their
AppConfig.ready(), so the family page can show their events without casework
importing them. Each provider makes a fixed
number of queries (usually one) whatever the family's history.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..extensions import TIMELINE


@dataclass
class TimelineEntry:
    at: dt.datetime
    kind: str  # template fragment name: "contact", "phase", "assignment", ...
    title: str
    author: Any = None
    body: str = ""
    obj: Any = None
    extra: dict = field(default_factory=dict)


def family_timeline(*, family, limit: int | None = 100, user=None) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    for provider in TIMELINE:
        entries.extend(provider(family=family, limit=limit, user=user))
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[:limit] if limit else entries
