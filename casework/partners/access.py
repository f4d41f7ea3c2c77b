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

from .models import OPEN_INZET_STATUSES, Inzet, Partner, SharedPart, SharingBasis


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
    """The union of what the partner's active bases for one family cover: one flag per SharedPart."""

    children: bool = False
    agreements: bool = False
    inzetten: bool = False
    notes: bool = False
    scores: bool = False

    @property
    def any(self) -> bool:
        return any(getattr(self, part.value) for part in SharedPart)


def shared_parts(*, partner: Partner, family_id: int, on: dt.date | None = None) -> SharedParts:
    bases = list(
        sharing_bases_active(on=on)
        .filter(partner=partner, family_id=family_id)
        .values(*(part.field for part in SharedPart))
    )
    return SharedParts(**{part.value: any(b[part.field] for b in bases) for part in SharedPart})


def family_ids_visible_to_partner(
    *, partner: Partner, on: dt.date | None = None, part: SharedPart | None = None
) -> QuerySet:
    """Ids of the families a partner may see (optionally: for which a part is shared), as a subquery."""
    bases = sharing_bases_active(on=on).filter(partner=partner)
    if part is not None:
        bases = bases.filter(**{SharedPart(part).field: True})
    return bases.values("family_id")


__all__ = [
    "SharedParts",
    "family_ids_visible_to_partner",
    "shared_parts",
    "sharing_bases_active",
]
