"""The team session's extension points, filled by the apps above teams."""

from collections.abc import Callable
from typing import Any

from core.registry import Registry

SESSION_AGENDA: Registry[Callable[..., Any]] = Registry(
    "teams.session_agenda",
    "Standing parts of every session's agenda: `provider(session=, user=)` returns a StandingItem, "
    "or None when it has nothing (then no placeholder is shown).",
)
