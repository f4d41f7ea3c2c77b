"""When what a partner sees of a family last changed: the gewijzigdSinds filter of the API.

Each part counts only where the partner's basis shares it, so a change the
partner cannot see never shows up as a change signal.
"""

import datetime as dt

from django.db.models import Case, DateTimeField, Exists, F, Max, OuterRef, QuerySet, Subquery, Value, When
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast, Coalesce, Greatest, Least
from django.utils import timezone

from casework.models import Agreement, AgreementStatusChange, Member, MemberRole, PlanVersion
from casework.partners.models import Inzet, Partner, SharedPart, SharingBasis

from .visibility import visible_family_ids

NEVER = Value(dt.datetime(1970, 1, 1, tzinfo=dt.UTC), output_field=DateTimeField())


def _latest(queryset: QuerySet, field: str) -> Coalesce:
    """The newest `field` of related rows for the outer family, as a subquery (epoch when none)."""
    newest = queryset.order_by().values("family_id").annotate(m=Max(field)).values("m")[:1]
    return Coalesce(Subquery(newest, output_field=DateTimeField()), NEVER)


def _day_start(field: str, *, days: int = 0, now: dt.datetime | None = None):
    """A date field's day (plus `days`) as a timestamp, never later than now.

    The cast gives UTC midnight, which for today's date may still lie an hour
    or two ahead (Dutch midnight comes first); a change time is never in the
    future, so it is capped at the moment of the request.
    """
    start: Cast | CombinedExpression = Cast(field, DateTimeField())
    if days:
        start = start + Value(dt.timedelta(days=days))
    return Least(start, Value(now or timezone.now(), output_field=DateTimeField()))


def basis_moved_at(*, partner: Partner, today: dt.date, now: dt.datetime | None = None) -> Coalesce:
    """When a basis of this partner last changed what it shares: recorded, started, withdrawn or ended.

    A basis recorded last week that starts today makes the family visible
    today; a withdrawn or ended second basis can shrink what is shared. A
    partner synchronising with gewijzigdSinds must hear about each of these,
    so each counts as a change on its day (never a day still to come).
    """
    moved = Greatest(
        F("created_at"),
        Coalesce("withdrawn_at", NEVER),
        Case(
            When(start_on__lte=today, then=_day_start("start_on", now=now)), default=NEVER, output_field=DateTimeField()
        ),
        Case(
            When(end_on__lt=today, then=_day_start("end_on", days=1, now=now)),
            default=NEVER,
            output_field=DateTimeField(),
        ),
    )
    newest = (
        SharingBasis.objects.filter(family_id=OuterRef("pk"), partner=partner)
        .annotate(moved=moved)
        .order_by("-moved")
        .values("moved")[:1]
    )
    return Coalesce(Subquery(newest, output_field=DateTimeField()), NEVER)


def _plans_touching(*, partner: Partner) -> QuerySet[PlanVersion]:
    """Plan versions that changed this partner's agreements: they carry one, or the version before did.

    A new plan version copies each agreement (new ids) or drops it, so such a
    version is a change for the partner; a version about others' agreements is not.
    """
    carries = Agreement.objects.filter(plan_id=OuterRef("pk"), partner=partner)
    before_carried = Agreement.objects.filter(
        plan__family_id=OuterRef("family_id"), plan__number=OuterRef("number") - 1, partner=partner
    )
    return PlanVersion.objects.filter(Exists(carries) | Exists(before_carried))


def latest_children(*, family) -> Coalesce:
    """The newest change of a child (jeugdige) of the family."""
    return _latest(Member.objects.filter(family_id=family, role=MemberRole.JEUGDIGE), "updated_at")


def latest_inzetten(*, partner: Partner, family) -> Coalesce:
    """The newest change of one of this partner's inzetten in the family."""
    return _latest(Inzet.objects.filter(family_id=family, partner=partner), "updated_at")


def latest_plans(*, partner: Partner, family) -> Coalesce:
    """The newest plan version of the family that changed this partner's agreements."""
    return _latest(_plans_touching(partner=partner).filter(family_id=family), "created_at")


def latest_agreement_statuses(*, partner: Partner, family) -> Coalesce:
    """The newest status change of one of this partner's agreements in the family."""
    return _latest(AgreementStatusChange.objects.filter(family_id=family, agreement__partner=partner), "at")


def family_changed_at(*, partner: Partner):
    """When what this partner sees of a family last changed, as one SQL expression.

    The greatest of: the family's creation, a basis for this partner being
    recorded, starting, withdrawn or ended, one of its inzetten changing, a plan
    version that changed its agreements and a status change of one of its
    agreements, and a child added or changed, each only where the basis shares
    that part. Changes the partner cannot see do not move it. (The API's plain
    list, api.listing, takes the same parts one by one and the greatest in Python.)
    """
    family = OuterRef("pk")
    inzetten_shared = visible_family_ids(partner=partner, part=SharedPart.INZETTEN)
    agreements_shared = visible_family_ids(partner=partner, part=SharedPart.AGREEMENTS)
    children_shared = visible_family_ids(partner=partner, part=SharedPart.CHILDREN)
    return Greatest(
        F("created_at"),
        _only_if(children_shared, latest_children(family=family)),
        basis_moved_at(partner=partner, today=timezone.localdate()),
        _only_if(inzetten_shared, latest_inzetten(partner=partner, family=family)),
        _only_if(agreements_shared, latest_plans(partner=partner, family=family)),
        _only_if(agreements_shared, latest_agreement_statuses(partner=partner, family=family)),
    )


def _only_if(family_ids, expression):
    """`expression` for families in `family_ids` (an uncorrelated subquery, evaluated once), else the epoch."""
    return Case(When(pk__in=family_ids, then=expression), default=NEVER, output_field=DateTimeField())
