"""How long a family's file (and each of its documents) is kept: its retention class and "bewaren tot".

The classes are data (`privacy.RetentionClass`, kept by functioneel beheer). A
file with help has the Jeugdwet's class counted from the end of the help; a
file with an OTS or a (provisional) guardianship also the longer class counted
from the youngest child's coming of age; each document brings its own. The
longest decides for the whole file. While the help goes on the date is not yet
known: it counts from the end.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.dates import add_months
from privacy.models import RetentionClass, RetentionCountsFrom

from .documents.models import Document
from .models import Family, MeasureKind, Member, MemberRole

DEFAULT_CODE = "jeugdwet-20"
LONG_CODE = "ots-voogdij-30"
LONG_KINDS = (MeasureKind.OTS, MeasureKind.VOOGDIJ, MeasureKind.VOORLOPIGE_VOOGDIJ)
ADULT_YEARS = 18


@dataclass(frozen=True)
class Retention:
    retention_class: RetentionClass | None
    until: dt.date | None  # None while the help goes on, or while a date it counts from is not known
    unknown: bool = False  # the help ended, but a date the class counts from is missing in the file

    def label(self) -> str:
        if self.retention_class is None:
            return _("geen bewaarklasse ingesteld")
        if self.unknown:
            return _("%(cls)s; de datum is nog niet te berekenen (einddatum hulp of geboortedatum ontbreekt)") % {
                "cls": self.retention_class
            }
        if self.until is None:
            return _("%(cls)s; de termijn loopt vanaf het einde van de hulp") % {"cls": self.retention_class}
        return _("tot %(d)s (%(cls)s)") % {"d": f"{self.until:%d-%m-%Y}", "cls": self.retention_class}


def _youngest_adult_on(family: Family) -> dt.date | None:
    born = (
        Member.objects.filter(family=family, role=MemberRole.JEUGDIGE, date_of_birth__isnull=False)
        .order_by("-date_of_birth")
        .values_list("date_of_birth", flat=True)
        .first()
    )
    return add_months(born, ADULT_YEARS * 12) if born else None


def retention_until(
    *, retention_class: RetentionClass, family: Family, youngest_adult_on: dt.date | None
) -> dt.date | None:
    """The last day this class keeps the file: its years from the moment it counts from (None: not yet known)."""
    if not family.is_closed or family.closed_on is None:
        return None  # the help goes on (or its end is not recorded): every class counts from its end or later
    start = family.closed_on
    if retention_class.counts_from == RetentionCountsFrom.YOUNGEST_ADULT:
        if youngest_adult_on is None:
            return None  # never guess a shorter term: unknown until a child's date of birth is there
        start = max(youngest_adult_on, family.closed_on)
    return add_months(start, retention_class.years * 12)


def file_classes(*, family: Family) -> list[RetentionClass]:
    """Every class that applies: the Jeugdwet's, the longer one with an OTS or guardianship, the documents'."""
    codes = {DEFAULT_CODE}
    if Member.objects.filter(family=family, measures__kind__in=LONG_KINDS).exists():
        codes.add(LONG_CODE)
    classes = {c.pk: c for c in RetentionClass.objects.filter(code__in=codes)}
    kept = Document.objects.filter(family=family).values("retention_class")
    classes.update({c.pk: c for c in RetentionClass.objects.filter(pk__in=kept)})
    return list(classes.values())


def family_retention(*, family: Family) -> Retention:
    """The file's class and date: the longest of the classes that apply (four queries)."""
    classes = file_classes(family=family)
    if not classes:
        return Retention(retention_class=None, until=None)
    adult = _youngest_adult_on(family)
    dated = [(retention_until(retention_class=c, family=family, youngest_adult_on=adult), c) for c in classes]
    if any(until is None for until, _c in dated):
        longest = max(classes, key=lambda c: (c.years, c.counts_from == RetentionCountsFrom.YOUNGEST_ADULT))
        return Retention(retention_class=longest, until=None, unknown=family.is_closed)
    until, longest = max(dated, key=lambda pair: (pair[0], pair[1].years))
    return Retention(retention_class=longest, until=until)


def documents_with_retention(*, family: Family, documents: list[Document]) -> list[Document]:
    """Each document with `kept_until`: its own class's date for this file (one query for all of them)."""
    adult = _youngest_adult_on(family) if documents else None
    for document in documents:
        document.kept_until = retention_until(  # type: ignore[attr-defined]  # shown by the documents list
            retention_class=document.retention_class, family=family, youngest_adult_on=adult
        )
    return documents
