"""What a partner system may read, built only on `casework.partners.access`.

The pages that show "who can see what" and this API ask the same functions,
so they cannot disagree. Everything here is filtered by the partner first;
whatever a partner may not see simply is not in the queryset, so a lookup of
someone else's family answers 404, never 403.
"""

import datetime as dt
import operator
from functools import reduce

from django.db.models import BooleanField, Case, F, Q, QuerySet, Value, When
from django.utils import timezone

from casework.models import Agreement, AgreementOwner, Family, Member, MemberRole
from casework.partners.access import sharing_bases_active
from casework.partners.models import Inzet, Partner, SharedPart

from .changes import basis_moved_at, family_changed_at
from .visibility import visible_family_ids

# Postgres bigint: a larger id cannot exist, and must not reach the database as an overflow.
MAX_ID = 2**63 - 1
# What the API serves of a family; notes and scores it never serves, whatever a basis shares.
API_PARTS = (SharedPart.CHILDREN, SharedPart.AGREEMENTS, SharedPart.INZETTEN)


def family_ids_for_api(*, partner: Partner) -> QuerySet:
    """Families whose active basis shares at least one part the API shows (children, agreements, inzetten).

    A basis that shares nothing the API can show (nothing at all, or only notes
    or scores, which the API never serves) does not make the family appear:
    listing it would tell the partner about a family while sharing nothing.
    """
    return (
        sharing_bases_active()
        .filter(partner=partner)
        .filter(reduce(operator.or_, (Q(**{part.field: True}) for part in API_PARTS)))
        .values("family_id")
    )


def _shares(*, partner: Partner, part: SharedPart) -> Case:
    # An uncorrelated IN: PostgreSQL evaluates the active bases once per query, not once per family.
    return Case(
        When(pk__in=visible_family_ids(partner=partner, part=part), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def partner_families(*, partner: Partner, changed_since: dt.datetime | None = None) -> QuerySet[Family]:
    """Families with an active basis for this partner that shares something: id, change time, what is shared."""
    families = (
        Family.objects.filter(pk__in=family_ids_for_api(partner=partner))
        .annotate(
            changed_at=family_changed_at(partner=partner),
            **{part.field: _shares(partner=partner, part=part) for part in API_PARTS},
        )
        .only("id", "created_at")
        .order_by("id")
    )
    if changed_since is not None:
        families = families.filter(changed_at__gte=changed_since)  # type: ignore[misc]  # annotated above
    return families


def attach_own_inzet_ids(*, partner: Partner, families: list[Family]) -> list[Family]:
    """Give each family of a page the ids of this partner's inzetten there (where shared): one query.

    A second query rather than an array aggregate keeps the API working on
    SQLite too (the embedded default).
    """
    ids: dict[int, list[int]] = {family.pk: [] for family in families}
    rows = (
        partner_inzetten(partner=partner)
        .filter(family_id__in=list(ids))
        .order_by("family_id", "id")
        .values_list("family_id", "id")
    )
    for family_id, inzet_id in rows:
        ids[family_id].append(inzet_id)
    for family in families:
        family.own_inzet_ids = ids[family.pk]  # type: ignore[attr-defined]  # read by the serializer
    return families


def partner_family_get(*, partner: Partner, family_id: int) -> Family:
    if family_id > MAX_ID:
        raise Family.DoesNotExist
    return partner_families(partner=partner).get(pk=family_id)


def partner_children(
    *, partner: Partner, family_id: int | None = None, changed_since: dt.datetime | None = None
) -> QuerySet[Member]:
    """Children (jeugdigen) of families whose basis shares the children; parents never."""
    children = Member.objects.filter(
        role=MemberRole.JEUGDIGE, family_id__in=visible_family_ids(partner=partner, part=SharedPart.CHILDREN)
    ).order_by("id")
    if family_id is not None:
        children = children.filter(family_id=family_id)
    if changed_since is not None:
        changed = partner_families(partner=partner, changed_since=changed_since).values("pk")
        children = children.filter(family_id__in=changed)
    return children


def partner_child_get(*, partner: Partner, child_id: int) -> Member:
    if child_id > MAX_ID:
        raise Member.DoesNotExist
    return partner_children(partner=partner).get(pk=child_id)


def partner_agreements(*, partner: Partner, family_id: int | None = None) -> QuerySet[Agreement]:
    """Agreements this partner carries in each family's current plan, where the basis shares agreements."""
    agreements = (
        Agreement.objects.filter(
            partner=partner,
            owner_kind=AgreementOwner.PARTNER,
            plan__family_id__in=visible_family_ids(partner=partner, part=SharedPart.AGREEMENTS),
            plan_id=F("plan__family__current_plan_id"),
        )
        .select_related("plan")
        .order_by("id")
    )
    if family_id is not None:
        agreements = agreements.filter(plan__family_id=family_id)
    return agreements


def partner_agreement_get(*, partner: Partner, agreement_id: int) -> Agreement:
    if agreement_id > MAX_ID:
        raise Agreement.DoesNotExist
    return partner_agreements(partner=partner).get(pk=agreement_id)


def partner_inzetten(
    *,
    partner: Partner,
    family_id: int | None = None,
    status: str | None = None,
    changed_since: dt.datetime | None = None,
) -> QuerySet[Inzet]:
    """The partner's own inzetten, in families whose basis shares them.

    `changed_since` also returns inzetten that became visible (or less visible
    parts changed) through a basis since then, so a synchronising partner gets
    an inzet that was requested before its basis was recorded or started.
    """
    shared = visible_family_ids(partner=partner, part=SharedPart.INZETTEN)
    inzetten = Inzet.objects.filter(partner=partner, family_id__in=shared).order_by("id")
    if family_id is not None:
        inzetten = inzetten.filter(family_id=family_id)
    if status:
        inzetten = inzetten.filter(status=status)
    if changed_since is not None:
        basis_moved = (
            Family.objects.filter(pk__in=shared)
            .annotate(moved=basis_moved_at(partner=partner, today=timezone.localdate()))
            .filter(moved__gte=changed_since)
            .values("pk")
        )
        inzetten = inzetten.filter(Q(updated_at__gte=changed_since) | Q(family_id__in=basis_moved))
    return inzetten


def partner_inzet_get(*, partner: Partner, inzet_id: int) -> Inzet:
    if inzet_id > MAX_ID:
        raise Inzet.DoesNotExist
    return partner_inzetten(partner=partner).get(pk=inzet_id)
