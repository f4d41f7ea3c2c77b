"""Requests to the court: prepared with their due date, submitted, decided (a granted extension adds its
period at once) or withdrawn."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from casework.models import Family, Measure, Member
from casework.services.checks import log_change
from core.concurrency import check_base_version, mark_saved
from privacy.models import Action, Channel

from ..models import (
    CourtRequest,
    CourtRuling,
    RequestKind,
    RequestStatus,
)
from ..selectors import request_due_on
from .common import GRANTING_OUTCOMES, check_ruling, require_court_write
from .measures import measure_add_period


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
    family = require_court_write(actor=actor, family=family)
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
    family = require_court_write(actor=actor, family=Family(pk=request.family_id))
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
    check_ruling(family=family, ruling=ruling)
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
        measure_add_period(actor=actor, family=family, measure=measure, ruling=ruling, end=new_end, channel=channel)
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
