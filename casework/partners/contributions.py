"""Casework's partner help on the family timeline and on "Mijn gezinnen"."""

from django.urls import reverse
from django.utils.translation import gettext as _

from casework.extensions import TIMELINE, WORKLIST
from casework.family_links import inzet_links
from casework.timeline import TimelineEntry
from casework.worklist import WorkItem
from core.dates import noon

from .models import InzetMessage
from .selectors import inzet_list_for_family, inzetten_start_overdue_for_user


def _sliced(qs, limit):
    return list(qs[:limit] if limit else qs)


def _author(row) -> str:
    """A person, or "via <partner> (systeem)" when the partner's system wrote it."""
    if row.author_id:
        return str(row.author)
    return _("via %(partner)s (systeem)") % {"partner": row.via_partner}


def inzet_status_changes(*, family, limit, user=None):
    """From the inzetten the family page reads anyway (each with its whole status history, its
    inzet and partner attached): no query of its own. A change belongs to its inzet's family
    (services.py writes `family=inzet.family`)."""
    changes = [c for inzet in inzet_list_for_family(family=family) for c in inzet.status_changes.all()]
    changes.sort(key=lambda c: (c.on, c.at, c.id), reverse=True)
    entries = []
    for c in changes[:limit] if limit else changes:
        title = _("Hulp van %(partner)s: %(what)s %(status)s") % {
            "partner": c.inzet.partner,
            "what": c.inzet.description,
            "status": c.get_to_status_display(),
        }
        body = " · ".join(x for x in (c.get_reason_display() if c.reason else "", c.note) if x)
        extra = {
            "url": reverse("casework:inzet_detail", kwargs={"family_id": family.pk, "inzet_id": c.inzet_id}),
            "link_text": _("naar de inzet"),
        }
        entries.append(
            TimelineEntry(at=noon(c.on), kind="inzet", title=title, author=_author(c), body=body, extra=extra)
        )
    return entries


def inzet_messages(*, family, limit, user=None):
    qs = (
        InzetMessage.objects.filter(family=family)
        .select_related("author", "via_partner", "inzet__partner")
        .order_by("-at", "-id")
    )
    return [
        TimelineEntry(
            at=m.at,
            kind="inzet-bericht",
            title=_("Bericht over %(what)s (%(partner)s)") % {"what": m.inzet.description, "partner": m.inzet.partner},
            author=_author(m),
            body=m.text,
        )
        for m in _sliced(qs, limit)
    ]


def overdue_start_worklist(*, user):
    """Help promised to start that did not: a signal, with one click to raise a kwestie about the partner."""
    items = []
    for inzet in inzetten_start_overdue_for_user(user=user):
        family = inzet.family
        items.append(
            WorkItem(
                title=_("%(what)s van %(partner)s is niet gestart")
                % {"what": inzet.description, "partner": inzet.partner},
                family_id=family.pk,
                family_name=family.name,
                due_on=inzet.promised_start,
                due_label=_("toegezegde start"),
                source=_("hulp van partners"),
                url=reverse("casework:inzet_detail", kwargs={"family_id": family.pk, "inzet_id": inzet.pk}),
                links=inzet_links(inzet=inzet, family=family, user=user),
            )
        )
    return items


def register_all() -> None:
    TIMELINE.register("casework.inzet_status", inzet_status_changes)
    TIMELINE.register("casework.inzet_messages", inzet_messages)
    WORKLIST.register("casework.inzet_start_overdue", overdue_start_worklist)
