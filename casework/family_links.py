"""Extra actions on the family page, contributed by other apps (e.g. "Kwestie inbrengen").

Casework cannot import the apps built on it; they register a provider here
from their AppConfig.ready(). A provider gets the family and the user and
returns (label, url) pairs; it must not query per family.
"""

from collections.abc import Callable

_providers: dict[str, Callable[..., list[tuple[str, str]]]] = {}


def register(name: str, provider: Callable[..., list[tuple[str, str]]]) -> None:
    _providers[name] = provider


def family_links(*, family, user) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    for provider in _providers.values():
        links.extend(provider(family=family, user=user))
    return links


_agreement_providers: dict[str, Callable[..., list[tuple[str, str]]]] = {}


def register_agreement_link(name: str, provider: Callable[..., list[tuple[str, str]]]) -> None:
    """`provider(agreement=..., family=..., user=...)`, e.g. "raise a kwestie about this partner"."""
    _agreement_providers[name] = provider


def agreement_links(*, agreement, family, user) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    for provider in _agreement_providers.values():
        links.extend(provider(agreement=agreement, family=family, user=user))
    return links


_inzet_providers: dict[str, Callable[..., list[tuple[str, str]]]] = {}


def register_inzet_link(name: str, provider: Callable[..., list[tuple[str, str]]]) -> None:
    """`provider(inzet=..., family=..., user=...)`, e.g. "raise a kwestie: this help did not start".

    Called for each inzet shown (family page, "Mijn gezinnen"), so it must not query.
    """
    _inzet_providers[name] = provider


def inzet_links(*, inzet, family, user) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    for provider in _inzet_providers.values():
        links.extend(provider(inzet=inzet, family=family, user=user))
    return links
