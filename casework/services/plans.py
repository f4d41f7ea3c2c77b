"""Writes to the gezinsplan: a new version, and the status of its agreements."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.concurrency import StaleEdit, check_history_version
from privacy.models import Action, Channel

from ..models import (
    Agreement,
    AgreementStatus,
    AgreementStatusChange,
    Family,
    PlanVersion,
)
from .checks import log_change, require_write

PLAN_FIELDS = [
    "zorgen",
    "krachten",
    "centrale_lijn",
    "goals",
    "safety_agreements",
    "agreed_with_parents_on",
    "change_note",
]


# --- gezinsplan -------------------------------------------------------------------


@transaction.atomic
def plan_version_create(
    *,
    actor: User,
    family: Family,
    data: dict[str, Any],
    agreements: list[dict[str, Any]],
    base_version: int | None = None,
    channel: str = Channel.WEB,
) -> PlanVersion:
    """Write a new version of the gezinsplan; earlier versions stay as they were.

    A new version must start from the current one (`base_version`, its number;
    0 for a family without a plan): otherwise it would silently drop what the
    person who saved in between wrote, so it is refused with StaleEdit.
    """
    family = require_write(actor=actor, family=family)
    _check_plan_base(family=family, base_version=base_version)
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
    log_change(actor=actor, family=family, action=Action.CREATE, what=f"gezinsplan versie {number}", channel=channel)
    return plan


def _check_plan_base(*, family: Family, base_version: int | None) -> None:
    """The plan's form of `core.concurrency.check_base_version`: its version is the current plan's number."""
    plan_id = family.current_plan_id
    current = PlanVersion.objects.select_related("author").get(pk=plan_id) if plan_id else None
    if base_version is None or base_version == (current.number if current else 0):
        return
    assert current is not None  # a base above 0 with no plan cannot pass the check above
    values: dict[str, Any] = {k: getattr(current, k) for k in PLAN_FIELDS if k != "change_note"}
    values["afspraken"] = [f"{a.description} ({a.owner_label})" for a in current.agreements.all()]
    raise StaleEdit(
        current_version=current.number,
        saved_by=str(current.author),
        saved_at=current.created_at,
        values=values,
        labels={"afspraken": _("Afspraken")},
    )


def _agreement(plan: PlanVersion, position: int, data: dict[str, Any]) -> Agreement:
    """One agreement of the new version; an open one past its date is refused, never carried on silently."""
    status = data.get("status") or AgreementStatus.OPEN
    due_on = data.get("due_on")
    if status == AgreementStatus.OPEN and due_on is not None and due_on < timezone.localdate():
        raise ValidationError(
            _(
                "De afspraak '%(what)s' staat over datum (uiterlijk %(d)s): kies een nieuwe datum, "
                "of zet haar op gedaan of niet gelukt."
            )
            % {"what": (data.get("description") or "").strip()[:80], "d": f"{due_on:%d-%m-%Y}"}
        )
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


def _empty(field: str) -> str | None:
    return None if field == "agreed_with_parents_on" else ""


@transaction.atomic
def agreement_set_status(
    *,
    actor: User,
    family: Family,
    agreement: Agreement,
    status: str,
    base_version: int | None = None,
    channel: str = Channel.WEB,
) -> Agreement:
    """Mark an agreement of the current plan done, not done, or cancelled.

    From the status the page showed (`base_version`: the agreement's number of
    status changes then), so a click on a page opened before a colleague marked
    it is refused naming them, not laid over their status.
    """
    # Lock the family as plan_version_create does, so a status change cannot land
    # on a version that a concurrent new version has just replaced.
    family = require_write(actor=actor, family=family)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    check_history_version(history=agreement.status_changes.all(), base_version=base_version, actor=actor)
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
    log_change(actor=actor, family=family, action=Action.CHANGE, what="status afspraak", channel=channel)
    return agreement
