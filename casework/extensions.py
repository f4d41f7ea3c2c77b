"""Casework's extension points: where the apps above it plug into the family file.

Casework is the ground floor of the method and may not import the apps built
on it, yet the family page shows a team session's decision and "Mijn
gezinnen" a follow-up action. Each app above registers its contributions here
from its `AppConfig.ready()`, under a key named after itself
(`"kwesties.raise"`), and casework reads them. Every contribution makes a
fixed number of queries (usually one, or none where it is called per row), so
no page's query count grows with the data.
"""

from collections.abc import Callable
from typing import Any

from django.db.models import Q

from core.registry import Registry

Links = list[tuple[str, str]]

FAMILY_LINKS: Registry[Callable[..., Links]] = Registry(
    "casework.family_links",
    "Extra actions on the family page: `provider(family=, user=)` returns (label, url) pairs.",
)
AGREEMENT_LINKS: Registry[Callable[..., Links]] = Registry(
    "casework.agreement_links",
    "Actions on one plan agreement: `provider(agreement=, family=, user=)`, e.g. a kwestie about its partner.",
)
INZET_LINKS: Registry[Callable[..., Links]] = Registry(
    "casework.inzet_links",
    "Actions on one inzet: `provider(inzet=, family=, user=)`; called per inzet shown, so it must not query.",
)
TIMELINE: Registry[Callable[..., list[Any]]] = Registry(
    "casework.timeline",
    "Sources of the family timeline: `provider(family=, limit=, user=)` returns TimelineEntry rows "
    "that `user` may read.",
)
WORKLIST: Registry[Callable[..., list[Any]]] = Registry(
    "casework.worklist",
    "Open work in 'Mijn gezinnen': `provider(user=)` returns WorkItem rows, in one query.",
)
READ_RULES: Registry[Callable[..., Q | None]] = Registry(
    "casework.read_rules",
    "Extra reasons to read a file, read-only and never in caseload lists: `rule(user=)` returns a Q "
    "over Family, or None when it grants this user nothing.",
)
COURT_REQUEST_LINKS: Registry[Callable[..., Links]] = Registry(
    "casework.court_request_links",
    "Actions on one request to the court: `provider(request=, family=, user=)`, e.g. drafting its report "
    "(courtreports); called per request shown, so it must not query.",
)
DESTROY: Registry[Callable[..., None]] = Registry(
    "casework.destroy",
    "What an app keeps about a family outside the file's foreign keys, removed when the file is destroyed "
    "(casework.rights.destruction): `hook(family=, kwestie_ids=)`, in the destroying transaction; "
    "`kwestie_ids` are the kwesties about this family alone, blanked with it.",
)
