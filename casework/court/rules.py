"""Which authorisation a stay (verblijf) rests on, decided in one place for the services and the signal.

A child living at home needs none. Gesloten jeugdhulp needs a machtiging
gesloten jeugdhulp. Every other placement out of home needs a machtiging
uithuisplaatsing, a (provisional) guardianship, or, in a voluntary
trajectory, the parents' consent that the trajectory records. The
authorisation must be the child's own and cover the day: begun, not past its
end, not ended.
"""

import datetime as dt

from django.utils.translation import gettext as _

from casework.models import Measure, MeasureKind

from .models import StayKind

OUT_OF_HOME = (MeasureKind.MUHP, MeasureKind.VOOGDIJ, MeasureKind.VOORLOPIGE_VOOGDIJ, MeasureKind.VRIJWILLIG)
CLOSED = (MeasureKind.MGJ,)


def kinds_that_authorise(stay_kind: str) -> tuple[str, ...]:
    """The measure kinds a stay of this kind may rest on (none for living at home)."""
    if stay_kind == StayKind.THUIS:
        return ()
    if stay_kind == StayKind.GESLOTEN:
        return CLOSED
    return OUT_OF_HOME


def covers(measure: Measure, day: dt.date) -> bool:
    """The measure applies on `day`: begun, not past its end, not ended before it."""
    if measure.start > day:
        return False
    if measure.end is not None and measure.end < day:
        return False
    return measure.ended_on is None or measure.ended_on >= day


def authorisation_problem(*, stay_kind: str, child_id: int, authorisation: Measure | None, on: dt.date) -> str:
    """Why this stay lacks a valid authorisation on `on`, in words; empty when it has one (or needs none)."""
    allowed = kinds_that_authorise(stay_kind)
    if not allowed:
        return ""
    if authorisation is None:
        return _("geen machtiging of maatregel vastgelegd")
    if authorisation.child_id != child_id:
        return _("de grondslag hoort bij een ander kind")
    if authorisation.kind not in allowed:
        if stay_kind == StayKind.GESLOTEN:
            return _("gesloten jeugdhulp vraagt een machtiging gesloten jeugdhulp")
        return _("%(kind)s is geen grondslag voor een verblijf buiten huis") % {
            "kind": authorisation.get_kind_display()
        }
    if not covers(authorisation, on):
        return _("de grondslag geldt niet op %(day)s") % {"day": f"{on:%d-%m-%Y}"}
    return ""
