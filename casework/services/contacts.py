"""Writes of contacts with the two scores: recording, correcting within the window, addenda."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.concurrency import check_base_version, mark_saved
from privacy.models import Action, Channel

from ..models import (
    Contact,
    ContactAddendum,
    ContactRevision,
    Family,
    Member,
    NetworkPerson,
)
from .checks import log_change, require_write
from .summary import family_summary_refresh

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

# --- contacts with the two scores ----------------------------------------------------


def _check_contact_date(day: dt.date, family: Family) -> None:
    if day > timezone.localdate():
        raise ValidationError({"date": _("Een gesprek kan niet in de toekomst liggen.")})
    if day < family.opened_on:
        raise ValidationError({"date": _("De datum ligt vóór de aanmelding van het gezin.")})


def _check_participants(
    family: Family, participants: Iterable[Member], network_participants: Iterable[NetworkPerson]
) -> None:
    if any(m.family_id != family.pk for m in participants) or any(
        n.family_id != family.pk for n in network_participants
    ):
        raise ValidationError(_("Deelnemers moeten bij dit gezin horen."))


def _add_participants(
    contact: Contact, participants: Iterable[Member], network_participants: Iterable[NetworkPerson]
) -> None:
    """A new contact has no participants yet: insert the links, without reading the (empty) set first."""
    members = Contact.participants.through
    network = Contact.network_participants.through
    members.objects.bulk_create([members(contact=contact, member=m) for m in {m.pk: m for m in participants}.values()])
    network.objects.bulk_create(
        [network(contact=contact, networkperson=n) for n in {n.pk: n for n in network_participants}.values()]
    )


@transaction.atomic
def contact_record(
    *,
    actor: User,
    family: Family,
    data: dict[str, Any],
    participants: Iterable[Member] = (),
    network_participants: Iterable[NetworkPerson] = (),
    channel: str = Channel.WEB,
) -> Contact:
    """Record a conversation and its two scores.

    The family row is locked first (the lock the summary's refresh relies on) and the right to write
    is decided under it (`require_write`), so an assignment ended meanwhile refuses the contact.
    """
    family = require_write(actor=actor, family=family)
    _check_contact_date(data["date"], family)
    _check_participants(family, participants, network_participants)
    contact = Contact(family=family, author=actor, **{k: data.get(k, "") for k in CONTACT_FIELDS})
    # The family and author are the objects in hand (no query to see they exist); the scores' range is
    # checked by the fields' validators here and by the table's CHECK constraints on insert, so the
    # constraints are not asked of the database a second time first.
    contact.full_clean(exclude=["family", "author"], validate_constraints=False)
    contact.save()
    _add_participants(contact, participants, network_participants)
    family_summary_refresh(family_id=family.pk)
    log_change(actor=actor, family=family, action=Action.CREATE, what="contactmoment vastgelegd", channel=channel)
    return contact


def contact_correctable_until(*, contact: Contact) -> dt.datetime:
    """End of the day after the contact was recorded (local time)."""
    recorded = timezone.localtime(contact.created_at).date()
    last_day = recorded + dt.timedelta(days=settings.CONTACT_CORRECTION_DAYS)
    return timezone.make_aware(dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time.min))


def contact_can_correct(*, user: User, contact: Contact, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return contact.author_id == user.id and now < contact_correctable_until(contact=contact)


def contact_snapshot(contact: Contact) -> dict[str, Any]:
    snap = {k: getattr(contact, k) for k in CONTACT_FIELDS}
    snap["date"] = contact.date.isoformat()
    snap["participants"] = [str(m) for m in contact.participants.all()]
    snap["network_participants"] = [str(n) for n in contact.network_participants.all()]
    return snap


@transaction.atomic
def contact_correct(
    *,
    actor: User,
    contact: Contact,
    data: dict[str, Any],
    participants: Iterable[Member] = (),
    network_participants: Iterable[NetworkPerson] = (),
    base_version: int | None = None,
    channel: str = Channel.WEB,
) -> Contact:
    """Let the author fix a contact shortly after; the old values are kept.

    A correction starts from the version on the author's screen: a second
    correction from an older screen (another tab, another device) is refused
    with both versions shown instead of silently replacing the first.
    """
    # The family row's lock first (the one the summary's refresh relies on), and the right decided under it;
    # then the contact's. Family before its rows, as every write on a family takes them: an addendum holds
    # the family and, at its commit, a key-share on the contact, so the other order would deadlock with it.
    family_id = Contact.objects.values_list("family_id", flat=True).get(pk=contact.pk)
    family = require_write(actor=actor, family=Family(pk=family_id))
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    contact.family = family
    if not contact_can_correct(user=actor, contact=contact):
        raise PermissionDenied(_("Dit contactmoment kan niet meer worden gecorrigeerd; voeg een aanvulling toe."))
    fields = [*CONTACT_FIELDS, "participants", "network_participants"]
    check_base_version(contact, base_version=base_version, fields=fields, actor=actor)
    mark_saved(contact, actor=actor)
    _check_contact_date(data["date"], family)
    _check_participants(family, participants, network_participants)
    ContactRevision.objects.create(contact=contact, previous=contact_snapshot(contact), author=actor)
    for key in CONTACT_FIELDS:
        setattr(contact, key, data.get(key, ""))
    contact.corrected_at = timezone.now()
    contact.full_clean()
    contact.save()
    contact.participants.set(participants)
    contact.network_participants.set(network_participants)
    family_summary_refresh(family_id=family.pk)
    log_change(
        actor=actor,
        family=family,
        action=Action.CHANGE,
        what="contactmoment gecorrigeerd",
        channel=channel,
    )
    return contact


@transaction.atomic
def contact_add_addendum(*, actor: User, contact: Contact, text: str, channel: str = Channel.WEB) -> ContactAddendum:
    family = require_write(actor=actor, family=Family(pk=contact.family_id))
    if not text.strip():
        raise ValidationError({"text": _("Schrijf de aanvulling.")})
    addendum = ContactAddendum.objects.create(contact=contact, text=text.strip(), author=actor)
    log_change(actor=actor, family=family, action=Action.CREATE, what="aanvulling op contactmoment", channel=channel)
    return addendum
