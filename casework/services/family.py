"""Writes to the family itself: registration, assignment, phase, substitutions, members, network, measures,
and the board's recorded reason to open a file."""

import datetime as dt
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import OrgRole, Team, User
from core.concurrency import check_base_version, check_history_version, mark_saved
from privacy.models import Action, Channel

from .. import access
from ..court.models import MeasurePeriod
from ..models import (
    Assignment,
    Family,
    FamilyAccessGrant,
    Measure,
    Member,
    NetworkPerson,
    Phase,
    PhaseChange,
    Substitution,
)
from .checks import lock_family, log_change, require_case_carrier, require_manage, require_write

# --- family, assignment and phase -------------------------------------------------


def _family_insert(*, name: str, reference: str, city: str, team: Team, manager: User, opened_on: dt.date) -> Family:
    return Family.objects.create(
        name=name,
        reference=reference,
        city=city,
        team=team,
        manager=manager,
        phase=Phase.AANMELDING,
        phase_since=opened_on,
        opened_on=opened_on,
    )


@transaction.atomic
def family_create(
    *,
    actor: User,
    team: Team,
    manager: User,
    name: str,
    reference: str,
    city: str = "",
    opened_on: dt.date | None = None,
    channel: str = Channel.WEB,
) -> Family:
    """Register a family (aanmelding) with its first gezinsmanager."""
    opened_on = opened_on or timezone.localdate()
    if not access.can_register_family(user=actor, team=team):
        raise PermissionDenied(_("Alleen de teamleider van dit team kan een gezin aanmelden."))
    if Family.objects.filter(reference=reference).exists():
        raise ValidationError({"reference": _("Er is al een gezin met dit dossiernummer.")})
    require_case_carrier(team=team, manager=manager)
    try:
        with transaction.atomic():
            family = _family_insert(
                name=name, reference=reference, city=city, team=team, manager=manager, opened_on=opened_on
            )
    except IntegrityError:  # the same number registered at the same moment
        raise ValidationError({"reference": _("Er is al een gezin met dit dossiernummer.")}) from None
    PhaseChange.objects.create(family=family, to_phase=Phase.AANMELDING, on=opened_on, author=actor)
    Assignment.objects.create(family=family, manager=manager, start=opened_on, author=actor)
    log_change(actor=actor, family=family, action=Action.CREATE, what="gezin aangemeld", channel=channel)
    return family


@transaction.atomic
def family_assign(
    *, actor: User, family: Family, manager: User, reason: str = "", channel: str = Channel.WEB
) -> Assignment:
    """Hand the family to another gezinsmanager; the old assignment stays as history."""
    family = require_manage(
        actor=actor, family=family, refusal=_("Alleen de teamleider van dit team kan een gezinsmanager toewijzen.")
    )
    if manager.pk == family.manager_id:
        raise ValidationError({"manager": _("Deze gezinsmanager is al toegewezen.")})
    require_case_carrier(team=family.team, manager=manager)
    assignment = Assignment.objects.create(
        family=family, manager=manager, start=timezone.localdate(), reason=reason, author=actor
    )
    family.manager = manager
    family.save(update_fields=["manager"])
    log_change(actor=actor, family=family, action=Action.CHANGE, what="gezinsmanager toegewezen", channel=channel)
    return assignment


PHASE_ORDER = [p.value for p in Phase]
# A part of the family file saved through `_save_family_part`: a member, a network person, a measure.
T = TypeVar("T", Member, NetworkPerson, Measure)


@transaction.atomic
def family_change_phase(
    *,
    actor: User,
    family: Family,
    to_phase: str,
    on: dt.date | None = None,
    note: str = "",
    base_version: int | None = None,
    channel: str = Channel.WEB,
) -> PhaseChange:
    """Move the family to another ISC phase. Closing and reopening are the teamleider's.

    From the phase the page showed (`base_version`, the number of phase changes
    then): a change decided on a page opened before someone else moved (or
    closed) the family is refused, naming who and when, rather than laid over it.
    """
    family = lock_family(family=family)
    facts = access.family_access_locked(user=actor, family=family)
    if not (facts.write(family) or facts.leads):
        raise PermissionDenied(_("U kunt de fase van dit gezin niet wijzigen."))
    check_history_version(history=family.phase_changes.all(), base_version=base_version, actor=actor, at="created_at")
    on = on or timezone.localdate()
    if to_phase not in PHASE_ORDER:
        raise ValidationError({"to_phase": _("Kies een fase.")})
    if to_phase == family.phase:
        raise ValidationError({"to_phase": _("Het gezin is al in deze fase.")})
    if Phase.AFGESLOTEN in (to_phase, family.phase) and not facts.leads:
        # A heavy decision: closing (and reopening) is taken with the teamleider.
        raise ValidationError({"to_phase": _("Afsluiten en heropenen doet de teamleider.")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("Een faseovergang kan niet in de toekomst liggen.")})
    if on < family.phase_since:
        raise ValidationError({"on": _("De datum ligt vóór het begin van de huidige fase.")})
    change = PhaseChange.objects.create(
        family=family, from_phase=family.phase, to_phase=to_phase, on=on, note=note, author=actor
    )
    family.phase = to_phase
    family.phase_since = on
    family.closed_on = on if to_phase == Phase.AFGESLOTEN else None
    family.save(update_fields=["phase", "phase_since", "closed_on"])
    log_change(actor=actor, family=family, action=Action.CHANGE, what="fase gewijzigd", channel=channel)
    return change


@transaction.atomic
def substitution_create(
    *,
    actor: User,
    family: Family,
    substitute: User,
    start: dt.date,
    end: dt.date,
    reason: str = "",
    channel: str = Channel.WEB,
) -> Substitution:
    """Let a colleague write the file for a period (holiday, illness)."""
    family = require_manage(
        actor=actor, family=family, refusal=_("Alleen de teamleider van dit team kan een vervanging regelen.")
    )
    if end < start:
        raise ValidationError({"end": _("De einddatum ligt vóór de begindatum.")})
    if end < timezone.localdate():
        raise ValidationError({"end": _("Deze periode is al voorbij.")})
    if substitute.pk == family.manager_id:
        raise ValidationError({"substitute": _("Kies een ander dan de eigen gezinsmanager.")})
    try:
        require_case_carrier(team=family.team, manager=substitute)
    except ValidationError:
        raise ValidationError({"substitute": _("Kies een gezinsmanager van dit team.")}) from None
    substitution = Substitution.objects.create(
        family=family, substitute=substitute, start=start, end=end, reason=reason, author=actor
    )
    log_change(actor=actor, family=family, action=Action.CREATE, what="vervanging geregeld", channel=channel)
    return substitution


@transaction.atomic
def substitution_end(*, actor: User, substitution: Substitution, channel: str = Channel.WEB) -> Substitution:
    """End a substitution now (the gezinsmanager is back early)."""
    family = require_manage(
        actor=actor,
        family=Family(pk=substitution.family_id),
        refusal=_("Alleen de teamleider van dit team kan een vervanging beëindigen."),
    )
    substitution = Substitution.objects.select_for_update().get(pk=substitution.pk)
    if substitution.ended_at is not None:
        return substitution
    substitution.ended_at = timezone.now()
    substitution.ended_by = actor
    substitution.save(update_fields=["ended_at", "ended_by"])
    log_change(
        actor=actor,
        family=family,
        action=Action.CHANGE,
        what="vervanging beëindigd",
        channel=channel,
    )
    return substitution


# --- members, network, measures ---------------------------------------------------


def _save_family_part(
    *, actor: User, family: Family, obj: T, data: dict[str, Any], base_version: int | None, what: str, channel: str
) -> T:
    """Add a part, or change one only if nobody saved it since the editor opened it (`core.concurrency`)."""
    family = require_write(actor=actor, family=family)
    creating = obj.pk is None
    if not creating:
        obj = type(obj).objects.select_for_update().get(pk=obj.pk)
        check_base_version(obj, base_version=base_version, fields=data.keys(), actor=actor)
        mark_saved(obj, actor=actor)
    for key, value in data.items():
        setattr(obj, key, value)
    obj.full_clean()
    obj.save()
    log_change(
        actor=actor, family=family, action=Action.CREATE if creating else Action.CHANGE, what=what, channel=channel
    )
    return obj


@transaction.atomic
def member_save(
    *,
    actor: User,
    family: Family,
    data: dict[str, Any],
    member: Member | None = None,
    base_version: int | None = None,
    channel: str = Channel.WEB,
) -> Member:
    """Add or change a family member. A child with a legal measure stays a child."""
    member = member or Member(family=family)
    if member.family_id != family.pk:
        raise PermissionDenied
    if data.get("role") == "jeugdige" and not data.get("date_of_birth"):
        raise ValidationError({"date_of_birth": _("Vul de geboortedatum van de jeugdige in.")})
    if member.pk and data.get("role") != "jeugdige" and member.measures.exists():
        raise ValidationError({"role": _("Deze jeugdige heeft een maatregel; een maatregel hoort bij een jeugdige.")})
    return _save_family_part(
        actor=actor, family=family, obj=member, data=data, base_version=base_version, what="gezinslid", channel=channel
    )


@transaction.atomic
def network_person_save(
    *,
    actor: User,
    family: Family,
    data: dict[str, Any],
    person: NetworkPerson | None = None,
    base_version: int | None = None,
    channel: str = Channel.WEB,
) -> NetworkPerson:
    person = person or NetworkPerson(family=family)
    if person.family_id != family.pk:
        raise PermissionDenied
    return _save_family_part(
        actor=actor, family=family, obj=person, data=data, base_version=base_version, what="netwerk", channel=channel
    )


@transaction.atomic
def measure_save(
    *,
    actor: User,
    family: Family,
    child: Member,
    data: dict[str, Any],
    measure: Measure | None = None,
    base_version: int | None = None,
    channel: str = Channel.WEB,
) -> Measure:
    if child.family_id != family.pk or not child.is_child:
        raise ValidationError({"child": _("Een maatregel hoort bij een jeugdige uit dit gezin.")})
    measure = measure or Measure(child=child)
    if data.get("end") and data.get("start") and data["end"] < data["start"]:
        raise ValidationError({"end": _("De einddatum ligt vóór de begindatum.")})
    if measure.pk is not None:
        _check_court_measure_unchanged(actor=actor, family=family, measure=measure, data=data)
    saved = _save_family_part(
        actor=actor, family=family, obj=measure, data=data, base_version=base_version, what="maatregel", channel=channel
    )
    # The measure's dates are its (only) period's: casework.court keeps the two equal.
    period = saved.periods.first()
    if period is None:
        MeasurePeriod.objects.create(measure=saved, start=saved.start, end=saved.end, author=actor)
    elif (period.start, period.end) != (saved.start, saved.end):
        period.start, period.end = saved.start, saved.end
        mark_saved(period, actor=actor)
        period.save()
    return saved


def _check_court_measure_unchanged(*, actor: User, family: Family, measure: Measure, data: dict[str, Any]) -> None:
    """A measure granted by a ruling, or extended, changes its kind and dates only through court work.

    Read again from the database under the family's lock: a ModelForm has already put the typed values on
    the object it was given, so the object cannot tell what is stored.
    """
    require_write(actor=actor, family=family)
    stored = Measure.objects.select_for_update().get(pk=measure.pk)
    periods = list(stored.periods.all())
    changed = any(k in data and data[k] != getattr(stored, k) for k in ("kind", "start", "end"))
    if changed and (len(periods) > 1 or any(p.ruling_id for p in periods)):
        raise ValidationError(
            {
                "end": _(
                    "Deze maatregel rust op een beschikking of is verlengd: wijzig soort en data op de "
                    "rechtbankpagina (verlenging of beëindiging)."
                )
            }
        )


GRANT_HOURS = 24


@transaction.atomic
def family_access_grant_record(
    *, actor: User, family: Family, reason: str, hours: int = GRANT_HOURS, channel: str = Channel.WEB
) -> FamilyAccessGrant:
    """A bestuurder opens a family's file for a day, with a recorded reason."""
    if actor.org_role != OrgRole.BESTUUR or not actor.is_active:
        raise PermissionDenied(_("Alleen het bestuur opent een dossier met een vastgelegde reden."))
    if not reason.strip():
        raise ValidationError({"reason": _("Schrijf waarom u dit dossier wilt inzien.")})
    grant = FamilyAccessGrant.objects.create(
        family=family, user=actor, reason=reason.strip(), until=timezone.now() + dt.timedelta(hours=hours)
    )
    # The reason itself stays in the grant: the log text is read by beheer too.
    log_change(actor=actor, family=family, action=Action.VIEW, what="dossier geopend met reden", channel=channel)
    return grant
