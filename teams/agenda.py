"""Standing items of the team session's agenda, contributed by other apps.

The kwesties app will register the team's open kwesties here (a fourth,
standing part of every session). Until an app registers a provider, the
agenda has no such part: no placeholder list is shown.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class StandingItem:
    title: str
    template: str  # rendered with {"item": item, "session": session}
    context: dict = field(default_factory=dict)


_providers: dict[str, Callable[..., StandingItem | None]] = {}


def register(name: str, provider: Callable[..., StandingItem | None]) -> None:
    """`provider(session=..., user=...)` returns a StandingItem, or None when it has nothing."""
    _providers[name] = provider


def standing_items(*, session, user) -> list[StandingItem]:
    items = [provider(session=session, user=user) for provider in _providers.values()]
    return [item for item in items if item is not None]
