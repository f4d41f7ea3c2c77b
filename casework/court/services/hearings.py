"""Hearings (zittingen): planned for a request, moved when the court moves them, and how they went."""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from casework.models import Family, Member
from casework.services.checks import log_change
from core.concurrency import check_base_version, mark_saved
from privacy.models import Action, Channel

from ..models import CourtRequest, CourtRuling, Hearing, HearingOutcome
from .common import check_ruling, require_court_write


def _check_parts(*, family: Family, request: CourtRequest | None, invited: Iterable[Member]) -> list[Member]:
    if request is not None and request.family_id != family.pk:
        raise ValidationError({"request": _("Dit verzoek hoort niet bij dit gezin.")})
    members = list(invited)
    if any(m.family_id != family.pk for m in members):
        raise ValidationError({"invited_members": _("Kies gezinsleden uit dit gezin.")})
    return members


@transaction.atomic
def hearing_plan(
    *,
    actor: User,
    family: Family,
    kind: str,
    starts_at: dt.datetime,
    court: str,
    location: str = "",
    request: CourtRequest | None = None,
    invited_members: Iterable[Member] = (),
    invited_others: str = "",
    channel: str = Channel.WEB,
) -> Hearing:
    """A hearing the court has set; it appears in the worker's and the team's agenda."""
    family = require_court_write(actor=actor, family=family)
    members = _check_parts(family=family, request=request, invited=invited_members)
    if not court.strip():
        raise ValidationError({"court": _("Vul de rechtbank in.")})
    hearing = Hearing(
        family=family,
        kind=kind,
        starts_at=starts_at,
        court=court.strip(),
        location=location.strip(),
        request=request,
        invited_others=invited_others,
        author=actor,
    )
    hearing.full_clean()
    hearing.save()
    hearing.invited_members.set(members)
    log_change(actor=actor, family=family, action=Action.CREATE, what="zitting gepland", channel=channel)
    return hearing


def _locked(*, actor: User, hearing: Hearing, base_version: int | None, fields: list[str]) -> tuple[Family, Hearing]:
    family = require_court_write(actor=actor, family=Family(pk=hearing.family_id))
    locked = Hearing.objects.select_for_update().get(pk=hearing.pk)
    check_base_version(locked, base_version=base_version, fields=fields, actor=actor)
    return family, locked


@transaction.atomic
def hearing_change(
    *,
    actor: User,
    hearing: Hearing,
    starts_at: dt.datetime,
    court: str,
    location: str = "",
    invited_members: Iterable[Member] = (),
    invited_others: str = "",
    base_version: int | None = None,
    channel: str = Channel.WEB,
) -> Hearing:
    """The court moved the hearing, or the invitations changed."""
    fields = ["starts_at", "court", "location", "invited_others"]
    family, hearing = _locked(actor=actor, hearing=hearing, base_version=base_version, fields=fields)
    if hearing.outcome:
        raise ValidationError({"starts_at": _("Deze zitting is al geweest; leg een nieuwe zitting vast.")})
    members = _check_parts(family=family, request=None, invited=invited_members)
    hearing.starts_at, hearing.court, hearing.location = starts_at, court.strip(), location.strip()
    hearing.invited_others = invited_others
    mark_saved(hearing, actor=actor)
    hearing.full_clean()
    hearing.save()
    hearing.invited_members.set(members)
    log_change(actor=actor, family=family, action=Action.CHANGE, what="zitting gewijzigd", channel=channel)
    return hearing


@transaction.atomic
def hearing_record_outcome(
    *,
    actor: User,
    hearing: Hearing,
    outcome: str,
    outcome_note: str = "",
    ruling: CourtRuling | None = None,
    base_version: int | None = None,
    channel: str = Channel.WEB,
) -> Hearing:
    """How the hearing went, with the ruling when the court gave it there (or later, the same form)."""
    family, hearing = _locked(actor=actor, hearing=hearing, base_version=base_version, fields=["outcome"])
    check_ruling(family=family, ruling=ruling)
    if outcome != HearingOutcome.INGETROKKEN and hearing.starts_at > timezone.now():
        raise ValidationError({"outcome": _("Deze zitting moet nog plaatsvinden; leg de uitkomst daarna vast.")})
    if not outcome:
        raise ValidationError({"outcome": _("Kies de uitkomst van de zitting.")})
    hearing.outcome, hearing.outcome_note, hearing.ruling = outcome, outcome_note, ruling or hearing.ruling
    mark_saved(hearing, actor=actor)
    hearing.full_clean()
    hearing.save()
    log_change(actor=actor, family=family, action=Action.CHANGE, what="uitkomst zitting", channel=channel)
    return hearing
