"""Small builders for the partner tests: a partner, an inzet with its first status row, a basis."""

import datetime as dt
import itertools

from django.utils import timezone

from casework.partners.models import (
    BasisKind,
    Inzet,
    InzetStatus,
    InzetStatusChange,
    Partner,
    PartnerKind,
    SharingBasis,
)

_seq = itertools.count(1)


def make_partner(name: str | None = None, **extra) -> Partner:
    return Partner.objects.create(name=name or f"Jeugdhulp Test {next(_seq)}", kind=PartnerKind.ZORGAANBIEDER, **extra)


def make_inzet(
    *, family, partner, days_ago: int = 30, promised_in: int | None = 10, status=InzetStatus.AANGEVRAAGD, **extra
):
    """An inzet requested `days_ago`, promised to start `promised_in` days after that (None: no promise)."""
    requested = timezone.localdate() - dt.timedelta(days=days_ago)
    promised = requested + dt.timedelta(days=promised_in) if promised_in is not None else None
    values = {
        "product_category": "45",
        "product_code": "45A48",
        "description": "Gezinsbehandeling",
        "requested_on": requested,
        "promised_start": promised,
        "status": status,
    }
    values.update(extra)
    inzet = Inzet.objects.create(family=family, partner=partner, **values)
    InzetStatusChange.objects.create(
        inzet=inzet, family=family, to_status=InzetStatus.AANGEVRAAGD, on=requested, author=family.manager
    )
    return inzet


def make_basis(*, family, partner, **extra) -> SharingBasis:
    values = {
        "kind": BasisKind.WETTELIJKE_TAAK,
        "legal_reference": "artikel 7.3.1 Jeugdwet",
        "purpose": "Afstemmen van de hulp",
        "start_on": timezone.localdate() - dt.timedelta(days=60),
        "author": family.manager,
    }
    values.update(extra)
    return SharingBasis.objects.create(family=family, partner=partner, **values)
