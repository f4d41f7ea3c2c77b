"""Writes for partners' help (inzet); the sharing basis (grondslag) has its own, `casework.partners.sharing`.

Web pages and the partner API both call these, so the rules cannot drift apart:
who may change an inzet, which status may follow which, and that every change
leaves an append-only row with its author (a person here or a partner system)
and an access-log row with the channel it came through.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from casework.models import Family, Member
from casework.services.checks import lock_family, require_write
from core.concurrency import StaleEdit, check_base_version, mark_saved
from privacy.models import Action, Channel
from privacy.services import access_log_record

from .access import shared_parts
from .models import (
    EndReason,
    Inzet,
    InzetMessage,
    InzetStatus,
    InzetStatusChange,
    Partner,
)

# The inzet changed since the caller read it: the one stale-edit refusal of core.concurrency
# (the API answers 412 Precondition Failed, a page shows both versions).
StaleInzet = StaleEdit


TRANSITIONS: dict[str, tuple[str, ...]] = {
    InzetStatus.AANGEVRAAGD: (InzetStatus.WACHTLIJST, InzetStatus.GESTART, InzetStatus.AFGEWEZEN),
    InzetStatus.WACHTLIJST: (InzetStatus.GESTART, InzetStatus.AFGEWEZEN),
    InzetStatus.GESTART: (InzetStatus.GESTOPT,),
    InzetStatus.GESTOPT: (),
    InzetStatus.AFGEWEZEN: (),
}
ENDING_STATUSES = (InzetStatus.GESTOPT, InzetStatus.AFGEWEZEN)
INITIAL_STATUSES = (InzetStatus.AANGEVRAAGD, InzetStatus.WACHTLIJST)
INZET_FIELDS = [
    "child",
    "product_category",
    "product_code",
    "description",
    "volume",
    "unit",
    "frequency",
    "requested_on",
    "promised_start",
]
NULLABLE_FIELDS = ("child", "volume", "promised_start")
MESSAGE_MAX = 1000


def allowed_next_statuses(*, inzet: Inzet) -> tuple[str, ...]:
    """What the status form may offer: never a step the service would refuse."""
    return TRANSITIONS.get(inzet.status, ())


def _require_write(*, actor: User, family: Family) -> Family:
    return require_write(
        actor=actor,
        family=family,
        refusal=_("Alleen de gezinsmanager van dit gezin kan de hulp van partners wijzigen."),
    )


def _require_author(*, inzet: Inzet, actor: User | None, via_partner: Partner | None) -> None:
    """Exactly one author: a person who writes the file, or the inzet's own partner with a basis."""
    if (actor is None) == (via_partner is None):
        raise ValueError("Give exactly one of actor or via_partner.")
    if actor is not None:
        _require_write(actor=actor, family=inzet.family)
        return
    assert via_partner is not None  # exactly one of the two, checked above
    if via_partner.pk != inzet.partner_id or not via_partner.active:
        raise PermissionDenied(_("Deze inzet hoort niet bij deze partner."))
    # Under the family's lock, which withdrawing a basis takes too: a basis withdrawn meanwhile counts.
    lock_family(family=inzet.family)
    if not shared_parts(partner=via_partner, family_id=inzet.family_id).inzetten:
        raise PermissionDenied(_("Er is geen geldige grondslag om deze inzet te delen."))


def _partner_purpose(via_partner: Partner | None, purpose: str = "") -> str:
    """The purpose for the access log: the partner client's own doelbinding when the API passes it."""
    if purpose:
        return purpose[:200]
    return _("inzet bijwerken door %(partner)s") % {"partner": via_partner} if via_partner else ""


def _check_child(*, family: Family, child: Member | None) -> None:
    if child is not None and (child.family_id != family.pk or not child.is_child):
        raise ValidationError({"child": _("Kies een jeugdige uit dit gezin, of laat dit leeg voor het hele gezin.")})


def _check_inzet_dates(data: dict[str, Any]) -> None:
    requested, promised = data.get("requested_on"), data.get("promised_start")
    if requested and requested > timezone.localdate():
        raise ValidationError({"requested_on": _("De aanvraagdatum kan niet in de toekomst liggen.")})
    if requested and promised and promised < requested:
        raise ValidationError({"promised_start": _("De toegezegde start ligt vóór de aanvraagdatum.")})


def _check_volume(data: dict[str, Any]) -> None:
    """Volume, unit and frequency describe one amount: all three or none."""
    given = [bool(data.get(k)) for k in ("volume", "unit", "frequency")]
    if any(given) and not all(given):
        missing = next(k for k, g in zip(("volume", "unit", "frequency"), given, strict=True) if not g)
        raise ValidationError({missing: _("Vul omvang, eenheid en frequentie samen in, of laat ze alle drie leeg.")})


@transaction.atomic
def inzet_create(
    *, actor: User, family: Family, partner: Partner, data: dict[str, Any], channel: str = Channel.WEB
) -> Inzet:
    """The gezinsmanager records help asked of a partner; its first status row says who asked."""
    family = _require_write(actor=actor, family=family)
    if not partner.active:
        raise ValidationError({"partner": _("Deze partner is niet meer actief; kies een andere.")})
    status = data.get("status") or InzetStatus.AANGEVRAAGD
    if status not in INITIAL_STATUSES:
        raise ValidationError({"status": _("Een nieuwe inzet is aangevraagd of staat op de wachtlijst.")})
    _check_child(family=family, child=data.get("child"))
    _check_volume(data)
    values = {k: data[k] for k in INZET_FIELDS if k in data and data[k] is not None}
    values.setdefault("requested_on", timezone.localdate())
    _check_inzet_dates(values)
    inzet = Inzet(family=family, partner=partner, status=status, **values)
    inzet.full_clean()
    inzet.save()
    InzetStatusChange.objects.create(inzet=inzet, family=family, to_status=status, on=inzet.requested_on, author=actor)
    access_log_record(
        user=actor, family_id=family.pk, action=Action.CREATE, what="inzet partner vastgelegd", channel=channel
    )
    return inzet


@transaction.atomic
def inzet_update(
    *, actor: User, inzet: Inzet, data: dict[str, Any], channel: str = Channel.WEB, expected_version: int | None = None
) -> Inzet:
    """Change the details (promised start, volume, codes); the status moves only through status changes.

    Like a status change, a writer who read an older version is refused with
    StaleInzet instead of silently overwriting a change it never saw.
    """
    # The family's lock (and the right decided under it) before the inzet's: family first, as a message
    # on the inzet takes them, so the two cannot deadlock. An inzet never moves to another family.
    _require_write(actor=actor, family=Family(pk=Inzet.objects.values_list("family_id", flat=True).get(pk=inzet.pk)))
    inzet = Inzet.objects.select_for_update(of=("self",)).select_related("family").get(pk=inzet.pk)
    check_base_version(inzet, base_version=expected_version, fields=[k for k in INZET_FIELDS if k in data], actor=actor)
    if "child" in data:
        _check_child(family=inzet.family, child=data["child"])
    merged = {k: data[k] if k in data else getattr(inzet, k) for k in INZET_FIELDS}
    merged["requested_on"] = merged["requested_on"] or inzet.requested_on
    _check_volume(merged)
    _check_inzet_dates(merged)
    if merged["requested_on"] and inzet.actual_start and inzet.actual_start < merged["requested_on"]:
        raise ValidationError({"requested_on": _("De aanvraagdatum ligt na de werkelijke start.")})
    if merged["requested_on"] and inzet.end_on and inzet.end_on < merged["requested_on"]:
        # A rejection has no start; its end date must still not come before the request.
        raise ValidationError({"requested_on": _("De aanvraagdatum ligt na het einde van de inzet.")})
    for key, value in merged.items():
        setattr(inzet, key, value if value is not None or key in NULLABLE_FIELDS else "")
    mark_saved(inzet, actor=actor)
    inzet.updated_at = timezone.now()
    inzet.full_clean()
    inzet.save()
    access_log_record(
        user=actor, family_id=inzet.family_id, action=Action.CHANGE, what="inzet partner gewijzigd", channel=channel
    )
    return inzet


def _check_status_change(*, inzet: Inzet, to_status: str, on: dt.date, reason: str) -> None:
    if to_status not in InzetStatus.values:
        raise ValidationError({"to_status": _("Kies een geldige status.")})
    if to_status not in TRANSITIONS.get(inzet.status, ()):
        raise ValidationError(
            {
                "to_status": _("Van %(from)s naar %(to)s kan niet.")
                % {"from": inzet.get_status_display(), "to": InzetStatus(to_status).label}
            }
        )
    if on > timezone.localdate():
        raise ValidationError({"on": _("De datum kan niet in de toekomst liggen.")})
    if on < inzet.requested_on:
        raise ValidationError({"on": _("De datum ligt vóór de aanvraagdatum van deze inzet.")})
    if to_status == InzetStatus.GESTOPT and inzet.actual_start and on < inzet.actual_start:
        raise ValidationError({"on": _("De einddatum ligt vóór de werkelijke start.")})
    if to_status in ENDING_STATUSES:
        if not reason:
            raise ValidationError({"reason": _("Kies de reden waarom de inzet eindigt.")})
        if reason not in EndReason.values:
            raise ValidationError({"reason": _("Kies een reden uit de lijst.")})
    elif reason:
        raise ValidationError({"reason": _("Een reden hoort alleen bij stoppen of afwijzen.")})


@transaction.atomic
def inzet_change_status(
    *,
    inzet: Inzet,
    to_status: str,
    on: dt.date,
    reason: str = "",
    note: str = "",
    actor: User | None = None,
    via_partner: Partner | None = None,
    client_id: str = "",
    purpose: str = "",
    channel: str = Channel.WEB,
    expected_version: int | None = None,
) -> Inzet:
    """Move an inzet one step (aangevraagd → wachtlijst → gestart → gestopt), keeping who and when.

    The row is locked first, so two writers cannot both move it; a writer who
    read an older version (`expected_version`) is refused with StaleInzet rather
    than overwriting a change it never saw.
    """
    # Who may write first (a caller without the right must not learn the inzet's current version), under
    # the family's lock; then the inzet's lock: family first, as a message on the inzet takes them.
    current = Inzet.objects.select_related("family", "partner").get(pk=inzet.pk)
    _require_author(inzet=current, actor=actor, via_partner=via_partner)
    inzet = Inzet.objects.select_for_update(of=("self",)).select_related("family", "partner").get(pk=inzet.pk)
    if via_partner is not None and inzet.partner_id != via_partner.pk:  # moved to another partner meanwhile
        raise PermissionDenied(_("Deze inzet hoort niet bij deze partner."))
    check_base_version(
        inzet, base_version=expected_version, fields=["status", "actual_start", "end_on", "end_reason"], actor=actor
    )
    note = (note or "").strip()
    if len(note) > 300:
        raise ValidationError({"note": _("De toelichting is te lang (hoogstens 300 tekens).")})
    _check_status_change(inzet=inzet, to_status=to_status, on=on, reason=reason)
    InzetStatusChange.objects.create(
        inzet=inzet,
        family=inzet.family,
        from_status=inzet.status,
        to_status=to_status,
        on=on,
        reason=reason,
        note=note,
        author=actor,
        via_partner=via_partner,
        client_id=client_id[:100],
    )
    inzet.status = to_status
    if to_status == InzetStatus.GESTART:
        inzet.actual_start = on
    if to_status in ENDING_STATUSES:
        inzet.end_on = on
        inzet.end_reason = reason
    saved = mark_saved(inzet, actor=actor)  # no person when the partner's system moved it
    inzet.updated_at = timezone.now()
    inzet.save(update_fields=["status", "actual_start", "end_on", "end_reason", "updated_at", *saved])
    access_log_record(
        user=actor,
        family_id=inzet.family_id,
        action=Action.CHANGE,
        what=f"status inzet: {to_status}",
        channel=channel,
        client=client_id,
        purpose=_partner_purpose(via_partner, purpose),
    )
    return inzet


@transaction.atomic
def inzet_post_message(
    *,
    inzet: Inzet,
    text: str,
    actor: User | None = None,
    via_partner: Partner | None = None,
    client_id: str = "",
    purpose: str = "",
    channel: str = Channel.WEB,
) -> InzetMessage:
    """A short progress message on an inzet; it shows on the family's timeline."""
    inzet = Inzet.objects.select_related("family", "partner").get(pk=inzet.pk)
    _require_author(inzet=inzet, actor=actor, via_partner=via_partner)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Schrijf het bericht.")})
    if len(text) > MESSAGE_MAX:
        raise ValidationError({"text": _("Het bericht is te lang (hoogstens 1000 tekens).")})
    message = InzetMessage.objects.create(
        inzet=inzet, family=inzet.family, text=text, author=actor, via_partner=via_partner, client_id=client_id[:100]
    )
    access_log_record(
        user=actor,
        family_id=inzet.family_id,
        action=Action.CREATE,
        what="voortgangsbericht inzet",
        channel=channel,
        client=client_id,
        purpose=_partner_purpose(via_partner, purpose),
    )
    return message


__all__ = [
    "INITIAL_STATUSES",
    "INZET_FIELDS",
    "StaleInzet",
    "allowed_next_statuses",
    "inzet_change_status",
    "inzet_create",
    "inzet_post_message",
    "inzet_update",
]
