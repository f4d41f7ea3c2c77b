"""Writes for court work: rulings, a measure's periods and end, requests to the court.

The rules a GI lives by, in one place for the pages and the demo:
- a measure's `start` is its first period's start and its `end` the last period's end, so every list and
  signal reads the measure alone; an extension is a new period that starts the day after the last one
  ends, granted by its own ruling;
- a request to extend is due EXTENSION_REQUEST_LEAD_WEEKS before the end (`due_on`), and a granted
  extension that the court decides adds the period at once;
- only who writes the family's file records any of it, under the family's lock, with an access-log row.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from casework.models import Family, Measure, MeasureKind, Member
from casework.services.checks import log_change, require_write
from core.concurrency import check_base_version, mark_saved
from privacy.models import Action, Channel

from .models import (
    CourtRequest,
    CourtRuling,
    MeasurePeriod,
    PeriodKind,
    RequestKind,
    RequestStatus,
    RulingOutcome,
)
from .selectors import request_due_on

GRANTING_OUTCOMES = (RulingOutcome.TOEGEWEZEN, RulingOutcome.DEELS)
# Kinds that need a ruling: everything but a voluntary trajectory (drang included under "vrijwillig").
COURT_KINDS = tuple(k for k in MeasureKind.values if k != MeasureKind.VRIJWILLIG)
OPEN_ENDED_KINDS = (MeasureKind.VOOGDIJ,)


def _write(*, actor: User, family: Family) -> Family:
    return require_write(
        actor=actor,
        family=family,
        refusal=_("Alleen de gezinsmanager van dit gezin legt het werk met de rechtbank vast."),
    )


def _check_ruling(*, family: Family, ruling: CourtRuling | None) -> None:
    if ruling is not None and ruling.family_id != family.pk:
        raise ValidationError({"ruling": _("Deze beschikking hoort niet bij dit gezin.")})


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
    family = _write(actor=actor, family=family)
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
    if kind == MeasureKind.OTS and end is not None and end > _one_year_on(start):
        raise ValidationError({"end": _("Een ondertoezichtstelling duurt per periode hoogstens een jaar.")})
    if kind in COURT_KINDS and ruling is None:
        raise ValidationError({"ruling": _("Kies de beschikking die deze periode toewijst.")})
    if ruling is not None and ruling.outcome not in GRANTING_OUTCOMES:
        raise ValidationError({"ruling": _("Deze beschikking wees het verzoek niet toe; kies de toewijzende.")})


def _one_year_on(day: dt.date) -> dt.date:
    """The last day of a year's period from `day` (1 March to 28 February; 29 February to 28 February)."""
    try:
        return day.replace(year=day.year + 1) - dt.timedelta(days=1)
    except ValueError:
        return dt.date(day.year + 1, 2, 28)


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
    family = _write(actor=actor, family=family)
    if child.family_id != family.pk or not child.is_child:
        raise ValidationError({"child": _("Een maatregel hoort bij een jeugdige uit dit gezin.")})
    _check_ruling(family=family, ruling=ruling)
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
    family = _write(actor=actor, family=Family(pk=family_id))
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
    return _add_period(actor=actor, family=family, measure=measure, ruling=ruling, end=end, channel=channel)


def _add_period(
    *, actor: User, family: Family, measure: Measure, ruling: CourtRuling, end: dt.date, channel: str
) -> MeasurePeriod:
    if measure.ended_on is not None:
        raise ValidationError({"end": _("Deze maatregel is beëindigd; een verlenging kan niet meer.")})
    if measure.end is None:
        raise ValidationError({"end": _("Deze maatregel heeft geen einde en kan niet worden verlengd.")})
    _check_ruling(family=family, ruling=ruling)
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
    CourtRequest.objects.filter(measure=measure, status=RequestStatus.VOORBEREIDING).update(
        status=RequestStatus.INGETROKKEN
    )
    log_change(actor=actor, family=family, action=Action.CHANGE, what="maatregel beëindigd", channel=channel)
    return measure


@transaction.atomic
def court_request_create(
    *,
    actor: User,
    family: Family,
    kind: str,
    measure: Measure | None = None,
    child: Member | None = None,
    court: str = "",
    case_number: str = "",
    due_on: dt.date | None = None,
    channel: str = Channel.WEB,
) -> CourtRequest:
    """A request in preparation; one to extend gets its due date from the measure's end."""
    family = _write(actor=actor, family=family)
    if measure is not None:
        measure = Measure.objects.select_related("child").get(pk=measure.pk)
        if measure.child.family_id != family.pk:
            raise ValidationError({"measure": _("Deze maatregel hoort niet bij dit gezin.")})
        child = child or measure.child
    if child is not None and (child.family_id != family.pk or not child.is_child):
        raise ValidationError({"child": _("Kies een jeugdige uit dit gezin.")})
    if kind == RequestKind.VERLENGING:
        if measure is None:
            raise ValidationError({"measure": _("Kies de maatregel die verlengd moet worden.")})
        if measure.ended_on is not None or measure.end is None:
            raise ValidationError(
                {"measure": _("Deze maatregel kan niet worden verlengd (beëindigd of zonder einde).")}
            )
        if measure.requests.filter(
            kind=kind, status__in=(RequestStatus.VOORBEREIDING, RequestStatus.INGEDIEND)
        ).exists():
            raise ValidationError({"measure": _("Voor deze maatregel loopt al een verzoek tot verlenging.")})
        due_on = due_on or request_due_on(end=measure.end)
    request = CourtRequest(
        family=family,
        kind=kind,
        measure=measure,
        child=child,
        due_on=due_on,
        court=court.strip(),
        case_number=case_number.strip(),
        author=actor,
    )
    request.full_clean()
    request.save()
    log_change(actor=actor, family=family, action=Action.CREATE, what="verzoek rechtbank vastgelegd", channel=channel)
    return request


def _locked_request(
    *, actor: User, request: CourtRequest, base_version: int | None, fields: list[str]
) -> tuple[Family, CourtRequest]:
    family = _write(actor=actor, family=Family(pk=request.family_id))
    locked = CourtRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
    check_base_version(locked, base_version=base_version, fields=fields, actor=actor)
    return family, locked


def _move(request: CourtRequest, *, to: str, allowed_from: tuple[str, ...], actor: User, data: dict[str, Any]) -> None:
    if request.status not in allowed_from:
        raise ValidationError(
            {"status": _("Dit verzoek is %(status)s; dat kan nu niet.") % {"status": request.get_status_display()}}
        )
    for key, value in data.items():
        setattr(request, key, value)
    request.status = to
    mark_saved(request, actor=actor)
    request.full_clean()
    request.save()


@transaction.atomic
def court_request_submit(
    *,
    actor: User,
    request: CourtRequest,
    submitted_on: dt.date,
    court: str,
    case_number: str = "",
    base_version: int | None = None,
    channel: str = Channel.WEB,
) -> CourtRequest:
    """The request went to the court on `submitted_on`."""
    family, request = _locked_request(actor=actor, request=request, base_version=base_version, fields=["status"])
    if submitted_on > timezone.localdate():
        raise ValidationError({"submitted_on": _("De datum van indienen ligt in de toekomst.")})
    if not court.strip():
        raise ValidationError({"court": _("Vul in bij welke rechtbank het verzoek is ingediend.")})
    data = {
        "submitted_on": submitted_on,
        "court": court.strip(),
        "case_number": case_number.strip() or request.case_number,
    }
    _move(request, to=RequestStatus.INGEDIEND, allowed_from=(RequestStatus.VOORBEREIDING,), actor=actor, data=data)
    log_change(actor=actor, family=family, action=Action.CHANGE, what="verzoek rechtbank ingediend", channel=channel)
    return request


@transaction.atomic
def court_request_decide(
    *,
    actor: User,
    request: CourtRequest,
    ruling: CourtRuling,
    new_end: dt.date | None = None,
    base_version: int | None = None,
    channel: str = Channel.WEB,
) -> CourtRequest:
    """The court ruled. A granted extension adds its period to the measure, to `new_end`, in the same step."""
    family, request = _locked_request(actor=actor, request=request, base_version=base_version, fields=["status"])
    _check_ruling(family=family, ruling=ruling)
    extends = request.kind == RequestKind.VERLENGING and ruling.outcome in GRANTING_OUTCOMES
    if extends and new_end is None:
        raise ValidationError({"new_end": _("Vul in tot wanneer de maatregel is verlengd.")})
    pending = (RequestStatus.VOORBEREIDING, RequestStatus.INGEDIEND)
    data = {
        "ruling": ruling,
        "case_number": request.case_number or ruling.case_number,
        "court": request.court or ruling.court,
    }
    _move(request, to=RequestStatus.BESLIST, allowed_from=pending, actor=actor, data=data)
    if extends and request.measure_id is not None:
        measure = Measure.objects.select_for_update(of=("self",)).get(pk=request.measure_id)
        assert new_end is not None  # checked above
        _add_period(actor=actor, family=family, measure=measure, ruling=ruling, end=new_end, channel=channel)
    log_change(actor=actor, family=family, action=Action.CHANGE, what="verzoek rechtbank beslist", channel=channel)
    return request


@transaction.atomic
def court_request_withdraw(
    *, actor: User, request: CourtRequest, base_version: int | None = None, channel: str = Channel.WEB
) -> CourtRequest:
    family, request = _locked_request(actor=actor, request=request, base_version=base_version, fields=["status"])
    pending = (RequestStatus.VOORBEREIDING, RequestStatus.INGEDIEND)
    _move(request, to=RequestStatus.INGETROKKEN, allowed_from=pending, actor=actor, data={})
    log_change(actor=actor, family=family, action=Action.CHANGE, what="verzoek rechtbank ingetrokken", channel=channel)
    return request
