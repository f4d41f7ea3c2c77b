"""Open work for one person, contributed by other apps to "Mijn gezinnen".

Team sessions add their follow-up actions here (`casework.extensions.WORKLIST`, from their AppConfig.ready()),
so casework shows them without importing the teams app. A provider is called
with the user and returns WorkItems; it should make one query.
"""

import datetime as dt
from dataclasses import dataclass, field

from .extensions import WORKLIST


@dataclass
class WorkItem:
    title: str
    family_id: int
    family_name: str
    due_on: dt.date | None
    source: str
    url: str = ""
    pending: bool = False
    # What the date means, when it is not a deadline (e.g. "toegezegde start").
    due_label: str = ""
    # Further (label, url) actions on the item, e.g. "raise a kwestie about this partner".
    links: list[tuple[str, str]] = field(default_factory=list)


def worklist_for_user(*, user) -> list[WorkItem]:
    items: list[WorkItem] = []
    for provider in WORKLIST:
        items.extend(provider(user=user))
    return sorted(items, key=lambda i: (i.due_on is None, i.due_on or dt.date.max, i.family_name))
