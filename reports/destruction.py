"""A destroyed file's names and texts leave the stored reports too; their counts stay.

The weekly report keeps lists that name families (signals, overdue actions and agreements) and
kwesties by title, copied at the time (reports.content.week); the board report kwestie titles.
When a file is destroyed (casework.rights.destruction) the entries about it keep their numbers
and dates and lose their words, in the destroying transaction.
"""

from typing import Any

from django.db.models import Q

from casework.models import Family

from .models import Report

FAMILY_WORDS = ("family", "reference", "description", "title")


def _scrub(value: Any, *, family_id: int, kwestie_ids: set[int]) -> bool:
    """Blank in place what names this family; True when something changed."""
    changed = False
    if isinstance(value, list):
        for item in value:
            changed |= _scrub(item, family_id=family_id, kwestie_ids=kwestie_ids)
    elif isinstance(value, dict):
        kwestie = value.get("kwestie_id", value.get("id") if "title" in value else None)
        words: tuple[str, ...] = FAMILY_WORDS if value.get("family_id") == family_id else ()
        words = words or (("title",) if kwestie in kwestie_ids else ())
        for key in words:
            if isinstance(value.get(key), str) and value[key]:
                value[key], changed = "", True
        for item in value.values():
            changed |= _scrub(item, family_id=family_id, kwestie_ids=kwestie_ids)
    return changed


def reports_forget_family(*, family: Family, kwestie_ids: list[int]) -> None:
    """The team's reports and the board's (no team): one read of each, a write only where it named the family."""
    kwesties = set(kwestie_ids)
    reports = Report.objects.filter(Q(team_id=family.team_id) | Q(team_id__isnull=True))
    for report in reports.select_for_update(of=("self",)).only("pk", "data"):
        if _scrub(report.data, family_id=family.pk, kwestie_ids=kwesties):
            Report.objects.filter(pk=report.pk).update(data=report.data)
