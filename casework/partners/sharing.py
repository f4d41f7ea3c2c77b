"""Writes for the sharing basis (grondslag): on what basis a partner sees which parts of a family.

A subject of its own beside the inzet writes (`casework.partners.services`):
recording and withdrawing each leave a SharingBasisEvent with the author and
an access-log row.
"""

from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from casework import access
from casework.models import Family
from casework.services.checks import lock_family
from privacy.models import Action
from privacy.services import access_log_record

from .models import BasisKind, Partner, SharedPart, SharingBasis, SharingBasisEvent

BASIS_FIELDS = [
    "kind",
    "consent_by",
    "consent_on",
    "consent_for",
    "legal_reference",
    "purpose",
    *(part.field for part in SharedPart),
    "start_on",
    "end_on",
]


def _default(part: SharedPart) -> bool:
    """Whether a part is shared when the form does not say (the model field's default)."""
    return cast(models.BooleanField, SharingBasis._meta.get_field(part.field)).default


def can_record_basis(*, user: User, family: Family) -> bool:
    """The family's gezinsmanager (or substitute) and the team's teamleider record and withdraw bases."""
    return access.can_write_file(user=user, family=family) or (
        not family.is_closed and access.can_manage(user=user, family=family)
    )


def _require_basis_writer(*, actor: User, family: Family) -> Family:
    """`can_record_basis`, decided under the family's lock from the database (casework.services.checks)."""
    locked = lock_family(family=family)
    facts = access.family_access_locked(user=actor, family=locked)
    if not (facts.write(locked) or (not locked.is_closed and facts.leads)):
        raise PermissionDenied(_("Alleen de gezinsmanager of de teamleider legt een grondslag vast."))
    return locked


def _check_basis(values: dict[str, Any]) -> None:
    kind = values.get("kind")
    errors: dict[str, str] = {}
    if kind not in BasisKind.values:
        errors["kind"] = _("Kies de grondslag.")
    elif kind == BasisKind.TOESTEMMING:
        if not values.get("consent_by"):
            errors["consent_by"] = _("Vul in wie toestemming gaf.")
        if not values.get("consent_on"):
            errors["consent_on"] = _("Vul in wanneer de toestemming is gegeven.")
        elif values["consent_on"] > timezone.localdate():
            errors["consent_on"] = _("De datum van de toestemming kan niet in de toekomst liggen.")
        if not values.get("consent_for"):
            errors["consent_for"] = _("Vul in waarvoor toestemming is gegeven.")
        if values.get("consent_on") and values.get("start_on") and values["start_on"] < values["consent_on"]:
            # Sharing cannot rest on a consent that was not yet given.
            errors["start_on"] = _("Het delen kan niet ingaan vóór de datum van de toestemming.")
    elif not values.get("legal_reference"):
        errors["legal_reference"] = _("Vul de wettelijke taak of de uitspraak (datum en kenmerk) in.")
    if not values.get("purpose"):
        errors["purpose"] = _("Vul het doel van het delen in.")
    shares = [values.get(part.field, _default(part)) for part in SharedPart]
    if not any(shares):
        # A basis covering nothing would still show the partner that the family exists.
        errors[SharedPart.CHILDREN.field] = _("Kies minstens één deel dat de partner mag zien.")
    start, end = values.get("start_on"), values.get("end_on")
    if start and end and end < start:
        errors["end_on"] = _("De einddatum ligt vóór de begindatum.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def sharing_basis_record(*, actor: User, family: Family, partner: Partner, data: dict[str, Any]) -> SharingBasis:
    """Record on what basis a partner may see which parts of the file, for what purpose, until when."""
    family = _require_basis_writer(actor=actor, family=family)
    if not partner.active:
        # Same rule as new help: the pages offer only active partners, the service holds it for every caller.
        raise ValidationError({"partner": _("Deze partner is niet meer actief; kies een andere.")})
    values = {k: data[k] for k in BASIS_FIELDS if k in data and data[k] is not None}
    for key in ("consent_by", "consent_for", "legal_reference", "purpose"):
        values[key] = (values.get(key) or "").strip()
    values.setdefault("start_on", timezone.localdate())
    _check_basis(values)
    if values["kind"] != BasisKind.TOESTEMMING:
        # A consent field on a statutory basis would suggest a consent nobody gave.
        values.update(consent_by="", consent_on=None, consent_for="")
    basis = SharingBasis(family=family, partner=partner, author=actor, **values)
    basis.full_clean()
    basis.save()
    SharingBasisEvent.objects.create(
        basis=basis, family=family, kind=SharingBasisEvent.Kind.VASTGELEGD, note=basis.purpose, author=actor
    )
    access_log_record(
        user=actor,
        family_id=family.pk,
        action=Action.CREATE,
        what=f"grondslag vastgelegd voor {partner}",
        purpose=basis.purpose,
    )
    return basis


@transaction.atomic
def sharing_basis_withdraw(*, actor: User, basis: SharingBasis, reason: str) -> SharingBasis:
    """Withdraw a basis (consent taken back, order ended); from now on the partner sees nothing on it."""
    # The family's lock (taken by the writer check) before the basis's: family first, as every write on it.
    _require_basis_writer(
        actor=actor, family=Family(pk=SharingBasis.objects.values_list("family_id", flat=True).get(pk=basis.pk))
    )
    basis = SharingBasis.objects.select_for_update(of=("self",)).select_related("family", "partner").get(pk=basis.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Schrijf waarom de grondslag wordt ingetrokken.")})
    if len(reason) > 300:
        raise ValidationError({"reason": _("De reden is te lang (hoogstens 300 tekens).")})
    if basis.withdrawn_at is not None:
        raise ValidationError({"reason": _("Deze grondslag is al ingetrokken.")})
    basis.withdrawn_at = timezone.now()
    basis.withdrawn_by = actor
    basis.withdrawn_reason = reason
    basis.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    SharingBasisEvent.objects.create(
        basis=basis, family=basis.family, kind=SharingBasisEvent.Kind.INGETROKKEN, note=reason, author=actor
    )
    access_log_record(
        user=actor,
        family_id=basis.family_id,
        action=Action.CHANGE,
        what=f"grondslag ingetrokken voor {basis.partner}",
    )
    return basis
