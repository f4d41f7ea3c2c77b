"""Casework's own contributions to the family timeline."""

from django.utils.translation import gettext as _

from core.dates import noon

from ..extensions import TIMELINE
from ..models import AgreementStatusChange, Assignment, PhaseChange
from . import TimelineEntry
from .contacts import contact_timeline


def _sliced(qs, limit):
    return list(qs[:limit] if limit else qs)


def contacts(*, family, limit, user=None):
    return [
        TimelineEntry(at=noon(c.date), kind="contact", title=c.kind_label, author=c.author, obj=c)
        for c in contact_timeline(family=family, limit=limit)
    ]


def phases(*, family, limit, user=None):
    qs = PhaseChange.objects.filter(family=family).select_related("author").order_by("-on", "-id")
    return [
        TimelineEntry(
            at=noon(p.on),
            kind="phase",
            title=_("Fase: %(phase)s") % {"phase": p.get_to_phase_display()},
            author=p.author,
            body=p.note,
        )
        for p in _sliced(qs, limit)
    ]


def assignments(*, family, limit, user=None):
    qs = Assignment.objects.filter(family=family).select_related("author", "manager").order_by("-start", "-id")
    return [
        TimelineEntry(
            at=noon(a.start),
            kind="assignment",
            title=_("Gezinsmanager: %(name)s") % {"name": a.manager},
            author=a.author,
            body=a.reason,
        )
        for a in _sliced(qs, limit)
    ]


def plans(*, family, limit, user=None):
    qs = family.plan_versions.select_related("author").order_by("-number")
    versions = _sliced(qs, limit)
    family.__dict__["_plan_versions_read"] = versions  # the page's current plan comes from these (selectors.py)
    return [
        TimelineEntry(
            at=p.created_at,
            kind="plan",
            title=_("Gezinsplan versie %(n)s") % {"n": p.number},
            author=p.author,
            body=p.change_note,
            obj=p,
        )
        for p in versions
    ]


def agreement_changes(*, family, limit, user=None):
    qs = (
        AgreementStatusChange.objects.filter(family=family).select_related("author", "agreement").order_by("-at", "-id")
    )
    return [
        TimelineEntry(
            at=c.at,
            kind="agreement",
            title=_("Afspraak %(status)s") % {"status": c.get_to_status_display()},
            author=c.author,
            body=c.agreement.description,
        )
        for c in _sliced(qs, limit)
    ]


def register_all() -> None:
    TIMELINE.register("casework.contacts", contacts)
    TIMELINE.register("casework.phases", phases)
    TIMELINE.register("casework.assignments", assignments)
    TIMELINE.register("casework.plans", plans)
    TIMELINE.register("casework.agreements", agreement_changes)
