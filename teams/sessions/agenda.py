"""Standing items of the team session's agenda, contributed by other apps.

The kwesties app registers the team's open kwesties in
`teams.extensions.SESSION_AGENDA` (a fourth, standing part of every session). Until an app registers a provider, the
agenda has no such part: no placeholder list is shown.
"""

from dataclasses import dataclass, field

from ..extensions import SESSION_AGENDA


@dataclass
class StandingItem:
    title: str
    template: str  # rendered with {"item": item, "session": session}
    context: dict = field(default_factory=dict)


def standing_items(*, session, user) -> list[StandingItem]:
    items = [provider(session=session, user=user) for provider in SESSION_AGENDA]
    return [item for item in items if item is not None]
