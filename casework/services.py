"""Writes to the family file. Each is atomic and leaves an access-log row.

Views, API views and tasks call these; they never write models directly. The
`channel` says where the change came from (web, api, ...) for the access log.
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import OrgRole
from accounts.selectors import gezinsmanagers_of_team
from privacy.models import Action, Channel
from privacy.services import access_log_record

from . import access
from .models import (
    Agreement,
    AgreementStatus,
    AgreementStatusChange,
    Assignment,
    Contact,
    ContactAddendum,
    ContactRevision,
    Family,
    FamilyAccessGrant,
    Measure,
    Member,
    NetworkPerson,
    Phase,
    PhaseChange,
    PlanVersion,
    Substitution,
)

CONTACT_FIELDS = [
    "date",
    "kind",
    "other_participants",
    "note",
    "safety_score",
    "safety_why",
    "safety_raise",
    "lijn_score",
    "lijn_why",
    "lijn_raise",
]
PLAN_FIELDS = [
    "zorgen",
    "krachten",
    "centrale_lijn",
    "goals",
    "safety_agreements",
    "agreed_with_parents_on",
    "change_note",
]


def _log(*, actor, family: Family, action: str, what: str, channel: str) -> None:
    access_log_record(user=actor, family_id=family.pk, action=action, what=what, channel=channel)


def _require_write(*, actor, family: Family) -> None:
    if not access.can_write_file(user=actor, family=family):
        raise PermissionDenied(_("Alleen de gezinsmanager van dit gezin kan het dossier wijzigen."))


def _require_case_carrier(*, team, manager) -> None:
    """Only the team's gezinsmanagers and seniors carry families: the same list the forms offer."""
    if not gezinsmanagers_of_team(team=team).filter(pk=manager.pk).exists():
        raise ValidationError({"manager": _("Kies een gezinsmanager van dit team.")})


# --- family, assignment and phase -------------------------------------------------


def _family_insert(*, name, reference, city, team, manager, opened_on) -> Family:
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
    actor,
    team,
    manager,
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
    _require_case_carrier(team=team, manager=manager)
    try:
        with transaction.atomic():
            family = _family_insert(
                name=name, reference=reference, city=city, team=team, manager=manager, opened_on=opened_on
            )
    except IntegrityError:  # the same number registered at the same moment
        raise ValidationError({"reference": _("Er is al een gezin met dit dossiernummer.")}) from None
    PhaseChange.objects.create(family=family, to_phase=Phase.AANMELDING, on=opened_on, author=actor)
    Assignment.objects.create(family=family, manager=manager, start=opened_on, author=actor)
    _log(actor=actor, family=family, action=Action.CREATE, what="gezin aangemeld", channel=channel)
    return family


@transaction.atomic
def family_assign(*, actor, family: Family, manager, reason: str = "", channel: str = Channel.WEB) -> Assignment:
    """Hand the family to another gezinsmanager; the old assignment stays as history."""
    family = Family.objects.select_for_update().get(pk=family.pk)
    if not access.can_manage(user=actor, family=family):
        raise PermissionDenied(_("Alleen de teamleider van dit team kan een gezinsmanager toewijzen."))
    if manager.pk == family.manager_id:
        raise ValidationError({"manager": _("Deze gezinsmanager is al toegewezen.")})
    _require_case_carrier(team=family.team, manager=manager)
    assignment = Assignment.objects.create(
        family=family, manager=manager, start=timezone.localdate(), reason=reason, author=actor
    )
    family.manager = manager
    family.save(update_fields=["manager"])
    _log(actor=actor, family=family, action=Action.CHANGE, what="gezinsmanager toegewezen", channel=channel)
    return assignment


PHASE_ORDER = [p.value for p in Phase]


@transaction.atomic
def family_change_phase(
    *, actor, family: Family, to_phase: str, on: dt.date | None = None, note: str = "", channel: str = Channel.WEB
) -> PhaseChange:
    """Move the family to another ISC phase. Closing and reopening are the teamleider's."""
    family = Family.objects.select_for_update().get(pk=family.pk)
    if not access.can_change_phase(user=actor, family=family):
        raise PermissionDenied(_("U kunt de fase van dit gezin niet wijzigen."))
    on = on or timezone.localdate()
    if to_phase not in PHASE_ORDER:
        raise ValidationError({"to_phase": _("Kies een fase.")})
    if to_phase == family.phase:
        raise ValidationError({"to_phase": _("Het gezin is al in deze fase.")})
    if Phase.AFGESLOTEN in (to_phase, family.phase) and not access.can_manage(user=actor, family=family):
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
    _log(actor=actor, family=family, action=Action.CHANGE, what="fase gewijzigd", channel=channel)
    return change


@transaction.atomic
def substitution_create(
    *, actor, family: Family, substitute, start: dt.date, end: dt.date, reason: str = "", channel: str = Channel.WEB
) -> Substitution:
    """Let a colleague write the file for a period (holiday, illness)."""
    if not access.can_manage(user=actor, family=family):
        raise PermissionDenied(_("Alleen de teamleider van dit team kan een vervanging regelen."))
    if end < start:
        raise ValidationError({"end": _("De einddatum ligt vóór de begindatum.")})
    if end < timezone.localdate():
        raise ValidationError({"end": _("Deze periode is al voorbij.")})
    if substitute.pk == family.manager_id:
        raise ValidationError({"substitute": _("Kies een ander dan de eigen gezinsmanager.")})
    try:
        _require_case_carrier(team=family.team, manager=substitute)
    except ValidationError:
        raise ValidationError({"substitute": _("Kies een gezinsmanager van dit team.")}) from None
    substitution = Substitution.objects.create(
        family=family, substitute=substitute, start=start, end=end, reason=reason, author=actor
    )
    _log(actor=actor, family=family, action=Action.CREATE, what="vervanging geregeld", channel=channel)
    return substitution


@transaction.atomic
def substitution_end(*, actor, substitution: Substitution, channel: str = Channel.WEB) -> Substitution:
    """End a substitution now (the gezinsmanager is back early)."""
    family = substitution.family
    if not access.can_manage(user=actor, family=family):
        raise PermissionDenied(_("Alleen de teamleider van dit team kan een vervanging beëindigen."))
    if substitution.ended_at is not None:
        return substitution
    substitution.ended_at = timezone.now()
    substitution.ended_by = actor
    substitution.save(update_fields=["ended_at", "ended_by"])
    _log(
        actor=actor,
        family=family,
        action=Action.CHANGE,
        what="vervanging beëindigd",
        channel=channel,
    )
    return substitution


# --- members, network, measures ---------------------------------------------------


def _save_family_part(*, actor, family: Family, obj, data: dict[str, Any], what: str, channel: str):
    _require_write(actor=actor, family=family)
    creating = obj.pk is None
    for key, value in data.items():
        setattr(obj, key, value)
    obj.full_clean()
    obj.save()
    _log(actor=actor, family=family, action=Action.CREATE if creating else Action.CHANGE, what=what, channel=channel)
    return obj


@transaction.atomic
def member_save(
    *, actor, family: Family, data: dict[str, Any], member: Member | None = None, channel=Channel.WEB
) -> Member:
    """Add or change a family member. A child with a legal measure stays a child."""
    member = member or Member(family=family)
    if member.family_id != family.pk:
        raise PermissionDenied
    if data.get("role") == "jeugdige" and not data.get("date_of_birth"):
        raise ValidationError({"date_of_birth": _("Vul de geboortedatum van de jeugdige in.")})
    if member.pk and data.get("role") != "jeugdige" and member.measures.exists():
        raise ValidationError({"role": _("Deze jeugdige heeft een maatregel; een maatregel hoort bij een jeugdige.")})
    return _save_family_part(actor=actor, family=family, obj=member, data=data, what="gezinslid", channel=channel)


@transaction.atomic
def network_person_save(
    *, actor, family: Family, data: dict[str, Any], person: NetworkPerson | None = None, channel=Channel.WEB
) -> NetworkPerson:
    person = person or NetworkPerson(family=family)
    if person.family_id != family.pk:
        raise PermissionDenied
    return _save_family_part(actor=actor, family=family, obj=person, data=data, what="netwerk", channel=channel)


@transaction.atomic
def measure_save(
    *, actor, family: Family, child: Member, data: dict[str, Any], measure: Measure | None = None, channel=Channel.WEB
) -> Measure:
    if child.family_id != family.pk or not child.is_child:
        raise ValidationError({"child": _("Een maatregel hoort bij een jeugdige uit dit gezin.")})
    measure = measure or Measure(child=child)
    if data.get("end") and data.get("start") and data["end"] < data["start"]:
        raise ValidationError({"end": _("De einddatum ligt vóór de begindatum.")})
    return _save_family_part(actor=actor, family=family, obj=measure, data=data, what="maatregel", channel=channel)


# --- gezinsplan -------------------------------------------------------------------


@transaction.atomic
def plan_version_create(
    *, actor, family: Family, data: dict[str, Any], agreements: list[dict[str, Any]], channel: str = Channel.WEB
) -> PlanVersion:
    """Write a new version of the gezinsplan; earlier versions stay as they were."""
    family = Family.objects.select_for_update().get(pk=family.pk)
    _require_write(actor=actor, family=family)
    agreed = data.get("agreed_with_parents_on")
    if agreed and agreed > timezone.localdate():
        raise ValidationError({"agreed_with_parents_on": _("Deze datum ligt in de toekomst.")})
    number = (family.plan_versions.aggregate(n=Max("number"))["n"] or 0) + 1
    plan = PlanVersion(family=family, number=number, author=actor, **{k: data.get(k) or _empty(k) for k in PLAN_FIELDS})
    plan.full_clean()
    plan.save()
    Agreement.objects.bulk_create([_agreement(plan, i, a) for i, a in enumerate(agreements)])
    family.current_plan = plan
    family.save(update_fields=["current_plan"])
    _log(actor=actor, family=family, action=Action.CREATE, what=f"gezinsplan versie {number}", channel=channel)
    return plan


def _agreement(plan: PlanVersion, position: int, data: dict[str, Any]) -> Agreement:
    agreement = Agreement(
        plan=plan,
        position=position,
        description=(data.get("description") or "").strip(),
        owner_kind=data.get("owner_kind") or "",
        owner_name=data.get("owner_name") or "",
        partner=data.get("partner") if data.get("owner_kind") == "partner" else None,
        due_on=data.get("due_on"),
        status=data.get("status") or AgreementStatus.OPEN,
    )
    agreement.full_clean(exclude=["plan"])
    return agreement


def _empty(field: str):
    return None if field == "agreed_with_parents_on" else ""


@transaction.atomic
def agreement_set_status(
    *, actor, family: Family, agreement: Agreement, status: str, channel: str = Channel.WEB
) -> Agreement:
    """Mark an agreement of the current plan done, not done, or cancelled."""
    # Lock the family as plan_version_create does, so a status change cannot land
    # on a version that a concurrent new version has just replaced.
    family = Family.objects.select_for_update().get(pk=family.pk)
    _require_write(actor=actor, family=family)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.plan_id != family.current_plan_id:
        raise ValidationError(_("Alleen afspraken uit het huidige gezinsplan kunnen worden bijgewerkt."))
    if status not in AgreementStatus.values:
        raise ValidationError({"status": _("Kies een geldige status.")})
    if status == agreement.status:
        return agreement
    AgreementStatusChange.objects.create(
        agreement=agreement, family=family, from_status=agreement.status, to_status=status, author=actor
    )
    agreement.status = status
    agreement.save(update_fields=["status"])
    _log(actor=actor, family=family, action=Action.CHANGE, what="status afspraak", channel=channel)
    return agreement


# --- contacts with the two scores ----------------------------------------------------


def _check_contact_date(day: dt.date, family: Family) -> None:
    if day > timezone.localdate():
        raise ValidationError({"date": _("Een gesprek kan niet in de toekomst liggen.")})
    if day < family.opened_on:
        raise ValidationError({"date": _("De datum ligt vóór de aanmelding van het gezin.")})


def _check_participants(family: Family, participants, network_participants) -> None:
    if any(m.family_id != family.pk for m in participants) or any(
        n.family_id != family.pk for n in network_participants
    ):
        raise ValidationError(_("Deelnemers moeten bij dit gezin horen."))


@transaction.atomic
def contact_record(
    *,
    actor,
    family: Family,
    data: dict[str, Any],
    participants=(),
    network_participants=(),
    channel: str = Channel.WEB,
) -> Contact:
    """Record a conversation and its two scores."""
    _require_write(actor=actor, family=family)
    _check_contact_date(data["date"], family)
    _check_participants(family, participants, network_participants)
    contact = Contact(family=family, author=actor, **{k: data.get(k, "") for k in CONTACT_FIELDS})
    contact.full_clean()
    contact.save()
    contact.participants.set(participants)
    contact.network_participants.set(network_participants)
    _log(actor=actor, family=family, action=Action.CREATE, what="contactmoment vastgelegd", channel=channel)
    return contact


def contact_correctable_until(*, contact: Contact) -> dt.datetime:
    """End of the day after the contact was recorded (local time)."""
    recorded = timezone.localtime(contact.created_at).date()
    last_day = recorded + dt.timedelta(days=settings.CONTACT_CORRECTION_DAYS)
    return timezone.make_aware(dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time.min))


def contact_can_correct(*, user, contact: Contact, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return contact.author_id == user.id and now < contact_correctable_until(contact=contact)


def _contact_snapshot(contact: Contact) -> dict[str, Any]:
    snap = {k: getattr(contact, k) for k in CONTACT_FIELDS}
    snap["date"] = contact.date.isoformat()
    snap["participants"] = [str(m) for m in contact.participants.all()]
    snap["network_participants"] = [str(n) for n in contact.network_participants.all()]
    return snap


@transaction.atomic
def contact_correct(
    *,
    actor,
    contact: Contact,
    data: dict[str, Any],
    participants=(),
    network_participants=(),
    channel: str = Channel.WEB,
) -> Contact:
    """Let the author fix a contact shortly after; the old values are kept."""
    contact = Contact.objects.select_for_update().select_related("family").get(pk=contact.pk)
    family = contact.family
    _require_write(actor=actor, family=family)
    if not contact_can_correct(user=actor, contact=contact):
        raise PermissionDenied(_("Dit contactmoment kan niet meer worden gecorrigeerd; voeg een aanvulling toe."))
    _check_contact_date(data["date"], family)
    _check_participants(family, participants, network_participants)
    ContactRevision.objects.create(contact=contact, previous=_contact_snapshot(contact), author=actor)
    for key in CONTACT_FIELDS:
        setattr(contact, key, data.get(key, ""))
    contact.corrected_at = timezone.now()
    contact.full_clean()
    contact.save()
    contact.participants.set(participants)
    contact.network_participants.set(network_participants)
    _log(
        actor=actor,
        family=family,
        action=Action.CHANGE,
        what="contactmoment gecorrigeerd",
        channel=channel,
    )
    return contact


@transaction.atomic
def contact_add_addendum(*, actor, contact: Contact, text: str, channel: str = Channel.WEB) -> ContactAddendum:
    family = contact.family
    _require_write(actor=actor, family=family)
    if not text.strip():
        raise ValidationError({"text": _("Schrijf de aanvulling.")})
    addendum = ContactAddendum.objects.create(contact=contact, text=text.strip(), author=actor)
    _log(actor=actor, family=family, action=Action.CREATE, what="aanvulling op contactmoment", channel=channel)
    return addendum


GRANT_HOURS = 24


@transaction.atomic
def family_access_grant_record(
    *, actor, family: Family, reason: str, hours: int = GRANT_HOURS, channel: str = Channel.WEB
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
    _log(actor=actor, family=family, action=Action.VIEW, what="dossier geopend met reden", channel=channel)
    return grant
