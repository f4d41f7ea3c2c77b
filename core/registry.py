"""Named extension points: how an app contributes to a floor below it.

An app may import the apps below it, never the ones above (the layers contract
that `make lint` checks). When casework's family page must show a team
session's decision or a kwestie, the app above registers a contribution from
its `AppConfig.ready()` into a `Registry` that the lower app owns and reads.
One small class for every such point, so each has a name, one way to register
and one way to read, and a test can list what is plugged in where.
"""

from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    """Contributions by key, in the order they were registered.

    Registering the same key again replaces the contribution (a reloaded app
    config must not add it twice).
    """

    def __init__(self, name: str, doc: str = "") -> None:
        self.name = name
        self.__doc__ = doc or name
        self._items: dict[str, T] = {}

    def register(self, key: str, item: T) -> T:
        self._items[key] = item
        return item

    def unregister(self, key: str) -> None:
        """Only for tests that plug in a contribution of their own for a moment."""
        self._items.pop(key, None)

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._items.values()))

    def __len__(self) -> int:
        return len(self._items)

    def keys(self) -> list[str]:
        return list(self._items)

    def __repr__(self) -> str:
        return f"<Registry {self.name}: {', '.join(self._items) or 'empty'}>"
