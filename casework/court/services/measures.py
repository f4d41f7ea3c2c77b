"""Rulings and a measure's periods: the first, each extension from the day after the end, and the end."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from casework.models import Family, Measure, MeasureKind, Member
from casework.services.checks import log_change
from core.concurrency import check_base_version, mark_saved
from core.dates import add_months
from privacy.models import Action, Channel

from ..models import (
    CourtRequest,
    CourtRuling,
    MeasurePeriod,
    PeriodKind,
    RequestKind,
    RequestStatus,
)
from ..selectors import COURT_KINDS
from .common import GRANTING_OUTCOMES, OPEN_ENDED_KINDS, check_ruling, require_court_write


@transaction.atomic
def ruling_record(
    *,
    actor: User,
    family: Family,
    court: str,
    case_number: str,
    ruled_on: dt.date,
    outcome: str,
    requested: str = "",
    granted: str = "",
    channel: str = Channel.WEB,
) -> CourtRuling:
    """A beschikking as the court gave it: what was asked and what was granted, under its case number."""
    family = require_court_write(actor=actor, family=family)
    if ruled_on > timezone.localdate():
        raise ValidationError({"ruled_on": _("De datum van de beschikking ligt in de toekomst.")})
    ruling = CourtRuling(
        family=family,
        court=court.strip(),
        case_number=case_number.strip(),
        ruled_on=ruled_on,
        outcome=outcome,
        requested=requested,
        granted=granted,
        author=actor,
    )
    ruling.full_clean()
    ruling.save()
    log_change(actor=actor, family=family, action=Action.CREATE, what="beschikking vastgelegd", channel=channel)
    return ruling


def _check_period(*, kind: str, start: dt.date, end: dt.date | None, ruling: CourtRuling | None) -> None:
    if kind in OPEN_ENDED_KINDS:
        if end is not None:
            raise ValidationError({"end": _("Een voogdij heeft geen einddatum; laat het einde leeg.")})
    elif end is None:
        raise ValidationError({"end": _("Vul de einddatum van deze periode in.")})
    if end is not None and end < start:
        raise ValidationError({"end": _("De einddatum ligt vóór de begindatum.")})
    if kind == MeasureKind.OTS and end is not None and end > add_months(start, 12) - dt.timedelta(days=1):
        raise ValidationError({"end": _("Een ondertoezichtstelling duurt per periode hoogstens een jaar.")})
    if kind in COURT_KINDS and ruling is None:
        raise ValidationError({"ruling": _("Kies de beschikking die deze periode toewijst.")})
    if ruling is not None and ruling.outcome not in GRANTING_OUTCOMES:
        raise ValidationError({"ruling": _("Deze beschikking wees het verzoek niet toe; kies de toewijzende.")})


@transaction.atomic
def measure_open(
    *,
    actor: User,
    family: Family,
    child: Member,
    kind: str,
    start: dt.date,
    end: dt.date | None = None,
    ruling: CourtRuling | None = None,
    channel: str = Channel.WEB,
) -> Measure:
    """A new measure for a child with its first period (and the ruling that granted it)."""
    family = require_court_write(actor=actor, family=family)
    if child.family_id != family.pk or not child.is_child:
        raise ValidationError({"child": _("Een maatregel hoort bij een jeugdige uit dit gezin.")})
    check_ruling(family=family, ruling=ruling)
    _check_period(kind=kind, start=start, end=end, ruling=ruling)
    measure = Measure(
        child=child, kind=kind, start=start, end=end, court_decision_on=ruling.ruled_on if ruling else None
    )
    measure.full_clean()
    measure.save()
    MeasurePeriod.objects.create(
        measure=measure, kind=PeriodKind.EERSTE, ruling=ruling, start=start, end=end, author=actor
    )
    log_change(actor=actor, family=family, action=Action.CREATE, what="maatregel vastgelegd", channel=channel)
    return measure


def _locked_measure(*, actor: User, measure: Measure) -> tuple[Family, Measure]:
    """The family's lock first (as every write of the file), then the measure's."""
    family_id = Measure.objects.values_list("child__family_id", flat=True).get(pk=measure.pk)
    family = require_court_write(actor=actor, family=Family(pk=family_id))
    return family, Measure.objects.select_for_update(of=("self",)).select_related("child").get(pk=measure.pk)


@transaction.atomic
def measure_extend(
    *,
    actor: User,
    measure: Measure,
    ruling: CourtRuling,
    end: dt.date,
    base_version: int | None = None,
    channel: str = Channel.WEB,
) -> MeasurePeriod:
    """An extension: a new period from the day after the current end to `end`, granted by `ruling`."""
    family, measure = _locked_measure(actor=actor, measure=measure)
    check_base_version(measure, base_version=base_version, fields=["end"], actor=actor)
    pending = CourtRequest.objects.filter(
        measure=measure, kind=RequestKind.VERLENGING, status__in=(RequestStatus.VOORBEREIDING, RequestStatus.INGEDIEND)
    )
    if pending.exists():
        raise ValidationError(
            {"end": _("Er loopt een verzoek tot verlenging: leg de beslissing van de rechter vast bij dat verzoek.")}
        )
    return measure_add_period(actor=actor, family=family, measure=measure, ruling=ruling, end=end, channel=channel)


def measure_add_period(
    *, actor: User, family: Family, measure: Measure, ruling: CourtRuling, end: dt.date, channel: str
) -> MeasurePeriod:
    if measure.ended_on is not None:
        raise ValidationError({"end": _("Deze maatregel is beëindigd; een verlenging kan niet meer.")})
    if measure.end is None:
        raise ValidationError({"end": _("Deze maatregel heeft geen einde en kan niet worden verlengd.")})
    check_ruling(family=family, ruling=ruling)
    if MeasurePeriod.objects.filter(measure=measure, ruling=ruling).exists():
        raise ValidationError({"ruling": _("Deze beschikking wees al een periode van deze maatregel toe.")})
    start = measure.end + dt.timedelta(days=1)
    _check_period(kind=measure.kind, start=start, end=end, ruling=ruling)
    period = MeasurePeriod.objects.create(
        measure=measure, kind=PeriodKind.VERLENGING, ruling=ruling, start=start, end=end, author=actor
    )
    measure.end = end
    mark_saved(measure, actor=actor)
    measure.save()
    log_change(actor=actor, family=family, action=Action.CHANGE, what="maatregel verlengd", channel=channel)
    return period


@transaction.atomic
def measure_end(
    *,
    actor: User,
    measure: Measure,
    ended_on: dt.date,
    reason: str,
    note: str = "",
    base_version: int | None = None,
    channel: str = Channel.WEB,
) -> Measure:
    """The measure has really ended (its term ran out, the court lifted it, the child came of age)."""
    family, measure = _locked_measure(actor=actor, measure=measure)
    check_base_version(measure, base_version=base_version, fields=["ended_on"], actor=actor)
    if measure.ended_on is not None:
        raise ValidationError({"ended_on": _("Deze maatregel is al beëindigd.")})
    if ended_on < measure.start:
        raise ValidationError({"ended_on": _("De einddatum ligt vóór het begin van de maatregel.")})
    if ended_on > timezone.localdate():
        raise ValidationError({"ended_on": _("Een maatregel wordt beëindigd als het zover is, niet vooruit.")})
    if not reason:
        raise ValidationError({"end_reason": _("Kies waarom de maatregel is geëindigd.")})
    measure.ended_on, measure.end_reason, measure.end_note = ended_on, reason, note.strip()
    mark_saved(measure, actor=actor)
    measure.full_clean()
    measure.save()
    # A request still being prepared for this measure has nothing left to ask: withdrawn, each with its
    # version and author. One already with the court stays: the court decides on it.
    for request in CourtRequest.objects.select_for_update().filter(measure=measure, status=RequestStatus.VOORBEREIDING):
        request.status = RequestStatus.INGETROKKEN
        mark_saved(request, actor=actor)
        request.save()
        log_change(
            actor=actor, family=family, action=Action.CHANGE, what="verzoek rechtbank ingetrokken", channel=channel
        )
    log_change(actor=actor, family=family, action=Action.CHANGE, what="maatregel beëindigd", channel=channel)
    return measure
