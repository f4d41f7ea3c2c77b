"""What a partner organisation may see of a family, in one place (DESIGN.md section 4).

A partner sees a family only while an active sharing basis (grondslag) for
that partner exists, and only the parts that basis names. Pages that show
"who can see what and why" and the partner API both use these functions, so
they cannot disagree.

A basis is active on a day when it has started, has not reached its end date,
is not withdrawn, the partner is active, the family's file is not closed, and
it has not run out by itself: once the partner has had inzetten for the family
and none of them is still open, it ends `SHARING_ENDS_AFTER_INZET_DAYS` after
the last one ended (or after the basis started, if it was recorded later).
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone

from casework.models import Phase

from .models import OPEN_INZET_STATUSES, Inzet, Partner, SharingBasis


def _grace() -> dt.timedelta:
    return dt.timedelta(days=settings.SHARING_ENDS_AFTER_INZET_DAYS)


def sharing_bases_active(*, on: dt.date | None = None) -> QuerySet[SharingBasis]:
    """Active bases on a day, as one query (no loop over inzetten).

    - A closed file (phase afgesloten) shares nothing: nobody can withdraw a
      basis or stop an inzet there any more, so an inzet left open must not keep
      the family visible for ever. Reopening the file restores the bases that
      are still within their dates.
    - A partner that beheer made inactive sees nothing (its API clients are
      refused as well), and the family page says so.
    - A stopped or rejected inzet without an end date (written outside the
      services) counts as ended on the day it last changed, never as open.
    - The grace period runs from the later of the last end and the basis' own
      start, so a basis recorded after the earlier help ended is not born dead.
    The annotation `runs_out_from` is that later day (for the family page).
    """
    on = on or timezone.localdate()
    partner_inzetten = Inzet.objects.filter(family_id=OuterRef("family_id"), partner_id=OuterRef("partner_id"))
    open_inzet = partner_inzetten.filter(status__in=OPEN_INZET_STATUSES)
    ended_on = Coalesce("end_on", TruncDate("updated_at"))
    last_end = (
        partner_inzetten.exclude(status__in=OPEN_INZET_STATUSES)
        .order_by()
        .values("family_id")
        .annotate(last=Max(ended_on))
        .values("last")[:1]
    )
    return (
        SharingBasis.objects.filter(start_on__lte=on, withdrawn_at__isnull=True)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=on))
        .filter(partner__active=True)
        .exclude(family__phase=Phase.AFGESLOTEN)
        .annotate(has_inzet=Exists(partner_inzetten), has_open_inzet=Exists(open_inzet), last_inzet_end=last_end)
        .annotate(runs_out_from=Greatest("last_inzet_end", "start_on"))
        .filter(Q(has_inzet=False) | Q(has_open_inzet=True) | Q(runs_out_from__gte=on - _grace()))
    )


@dataclass(frozen=True)
class SharedParts:
    """The union of what the partner's active bases for one family cover."""

    children: bool = False
    agreements: bool = False
    inzetten: bool = False
    notes: bool = False
    scores: bool = False

    @property
    def any(self) -> bool:
        return self.children or self.agreements or self.inzetten or self.notes or self.scores


def shared_parts(*, partner: Partner, family_id: int, on: dt.date | None = None) -> SharedParts:
    bases = list(
        sharing_bases_active(on=on)
        .filter(partner=partner, family_id=family_id)
        .values("shares_children", "shares_agreements", "shares_inzetten", "shares_notes", "shares_scores")
    )
    if not bases:
        return SharedParts()
    return SharedParts(
        children=any(b["shares_children"] for b in bases),
        agreements=any(b["shares_agreements"] for b in bases),
        inzetten=any(b["shares_inzetten"] for b in bases),
        notes=any(b["shares_notes"] for b in bases),
        scores=any(b["shares_scores"] for b in bases),
    )


def family_ids_visible_to_partner(*, partner: Partner, on: dt.date | None = None, part: str | None = None):
    """Ids of the families a partner may see (optionally: for which a part is shared), as a subquery."""
    bases = sharing_bases_active(on=on).filter(partner=partner)
    if part is not None:
        bases = bases.filter(**{f"shares_{part}": True})
    return bases.values("family_id")


__all__ = [
    "SharedParts",
    "family_ids_visible_to_partner",
    "shared_parts",
    "sharing_bases_active",
]
