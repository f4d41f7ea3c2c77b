"""Reads of the family file. Every page, API view and report reads through here.

`family_get_for_user` and `family_list_for_user` are the one access-checked
path: a family outside your reach is "not found" (404), never "forbidden", so
its existence does not leak; read-only access asks for a write get 403.
"""

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThan
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import User

from . import access
from .models import (
    Agreement,
    AgreementStatus,
    Contact,
    Family,
    Measure,
    Member,
    NetworkPerson,
    Phase,
    PlanVersion,
    Substitution,
)

if TYPE_CHECKING:
    # django-stubs' name for a model row with annotations; a dev requirement, so for the type checker only.
    from django_stubs_ext import WithAnnotations


def _contact_overdue(*, today: dt.date) -> Case:
    """The one "no recent contact" rule, for "Mijn gezinnen" and the team dashboard's signal alike.

    The last contact more than TEAM_SIGNALS["NO_CONTACT_DAYS"] days ago (a
    contact exactly that many days ago still counts as recent). A family never
    seen counts from its aanmelding: one waiting that long for a first visit is
    overdue too. An SQL expression, so the dashboard can filter on it.
    """
    before = today - dt.timedelta(days=settings.TEAM_SIGNALS["NO_CONTACT_DAYS"])
    overdue: LessThan[dt.date] = LessThan(Coalesce("last_contact_on", "opened_on"), before)
    return Case(When(overdue, then=Value(True)), default=Value(False), output_field=BooleanField())


class FigureAnnotations(TypedDict):
    """What `family_annotate_figures` adds to each family (a `FamilyWithFigures` to the type checker)."""

    last_safety: int | None
    prev_safety: int | None
    last_lijn: int | None
    prev_lijn: int | None
    last_contact_on: dt.date | None
    overdue_agreements: int
    contact_overdue: bool


if TYPE_CHECKING:
    FamilyWithFigures = WithAnnotations[Family, FigureAnnotations]


def family_annotate_figures(
    queryset: QuerySet[Family], *, today: dt.date | None = None
) -> "QuerySet[FamilyWithFigures]":
    """Add the figures a worker looks at first, computed by the database.

    The last two scores of both kinds and the last contact's date come from the
    family's `FamilySummary` row (one LEFT JOIN, no "latest contact" subquery per
    family; no row: no contact yet); whether contact is overdue
    (`_contact_overdue`) and the number of open agreements past due in the
    current plan depend on today, so they are computed here, the latter as a
    correlated subquery on the agreements' (plan, status, due_on) index. A list
    of any length costs one query.
    """
    today = today or timezone.localdate()
    overdue = (
        Agreement.objects.filter(plan=OuterRef("current_plan"), status=AgreementStatus.OPEN, due_on__lt=today)
        .order_by()
        .values("plan")
        .annotate(n=Count("id"))
        .values("n")
    )
    return queryset.annotate(
        last_safety=F("summary__last_safety"),
        prev_safety=F("summary__prev_safety"),
        last_lijn=F("summary__last_lijn"),
        prev_lijn=F("summary__prev_lijn"),
        last_contact_on=F("summary__last_contact_on"),
        overdue_agreements=Coalesce(Subquery(overdue, output_field=IntegerField()), Value(0)),
    ).annotate(contact_overdue=_contact_overdue(today=today))


@dataclass(frozen=True)
class FamilyFigures:
    """Derived, display-ready figures for one annotated family.

    `contact_overdue` is the annotation of `family_annotate_figures`, never
    recomputed here, so a page and the dashboard's signal cannot disagree.
    """

    safety_change: int | None
    lijn_change: int | None
    days_since_contact: int | None
    days_in_phase: int
    contact_overdue: bool


def _figures(get: "Callable[[str], Any]", *, today: dt.date) -> FamilyFigures:
    def change(last: int | None, prev: int | None) -> int | None:
        return None if last is None or prev is None else last - prev

    last_on = get("last_contact_on")
    return FamilyFigures(
        safety_change=change(get("last_safety"), get("prev_safety")),
        lijn_change=change(get("last_lijn"), get("prev_lijn")),
        days_since_contact=(today - last_on).days if last_on else None,
        days_in_phase=(today - get("phase_since")).days,
        contact_overdue=bool(get("contact_overdue")),
    )


def family_figures(*, family: Family, today: dt.date | None = None) -> FamilyFigures:
    return _figures(lambda name: getattr(family, name, None), today=today or timezone.localdate())


def family_row_figures(*, row: "Mapping[str, Any]", today: dt.date | None = None) -> FamilyFigures:
    """`family_figures` for a row of `family_list_values_for_user` (a dict, no model instance)."""
    return _figures(row.get, today=today or timezone.localdate())


def family_list_for_user(
    *, user: User, only_mine: bool = False, include_closed: bool = False, today: dt.date | None = None
) -> QuerySet[Family]:
    """The families this user may see as a caseload, with their figures, in one query."""
    qs = access.families_readable_by(user=user, for_lists=True).select_related("manager", "team")
    if only_mine:
        substituting = Substitution.objects.active().filter(substitute=user).values("family_id")
        qs = qs.filter(Q(manager=user) | Q(pk__in=substituting))
    if not include_closed:
        qs = qs.exclude(phase=Phase.AFGESLOTEN)
    return family_annotate_figures(qs, today=today).order_by("name", "id")


# What a list row shows, read as plain values: no model instance per family (or per manager) on a long list.
LIST_VALUES = (
    "id",
    "name",
    "reference",
    "phase",
    "phase_since",
    "closed_on",
    "manager_id",
    "manager__first_name",
    "manager__last_name",
    "manager__username",
    *FigureAnnotations.__annotations__,
)


def family_list_values_for_user(
    *, user: User, only_mine: bool = False, include_closed: bool = False, today: dt.date | None = None
) -> list[dict[str, Any]]:
    """`family_list_for_user` as dicts of `LIST_VALUES`, in the same order, in the same one query."""
    qs = family_list_for_user(user=user, only_mine=only_mine, include_closed=include_closed, today=today)
    return list(qs.values(*LIST_VALUES))


def family_ids_substituted_by(*, user: User) -> set[int]:
    return set(Substitution.objects.active().filter(substitute=user).values_list("family_id", flat=True))


def family_user_has_own(*, user: User) -> bool:
    """Whether the user carries families (assigned, or substituting today)."""
    substituting = Substitution.objects.active().filter(substitute=user).values("family_id")
    return (
        access.families_readable_by(user=user)
        .filter(Q(manager=user) | Q(pk__in=substituting))
        .exclude(phase=Phase.AFGESLOTEN)
        .exists()
    )


def family_get_for_user(
    *, user: User, family_id: int, write: bool = False, manage: bool = False, with_figures: bool = False
) -> Family:
    """The single access-checked way to fetch one family.

    `write` asks for the right to change the file (contacts, plan, members);
    `manage` for the teamleider's rights (assignment, closing); `with_figures`
    adds the annotations of `family_annotate_figures` in the same query.
    """
    # One family: its own access facts on its row (an index lookup, casework.access), not a filter over all.
    qs = access.family_access_annotate(Family.objects.select_related("manager", "team", "current_plan"), user=user)
    if with_figures:
        qs = family_annotate_figures(qs)
    try:
        family = qs.get(pk=family_id)
    except (Family.DoesNotExist, ValueError, TypeError):
        raise Http404("Gezin niet gevonden") from None
    if not access.family_access(user=user, family=family).read:
        raise Http404("Gezin niet gevonden")
    if write and not access.can_write_file(user=user, family=family):
        raise PermissionDenied("Alleen de gezinsmanager van dit gezin kan het dossier wijzigen.")
    if manage and not access.can_manage(user=user, family=family):
        raise PermissionDenied("Alleen de teamleider van dit team kan dit doen.")
    return family


def family_members(*, family: Family) -> list[Member]:
    """Members with their measures, two queries whatever the family's size."""
    return list(family.members.prefetch_related(Prefetch("measures", queryset=Measure.objects.order_by("-start"))))


def plan_version_list(*, family: Family) -> QuerySet[PlanVersion]:
    return family.plan_versions.select_related("author").order_by("-number")


def plan_version_get(*, family: Family, number: int) -> PlanVersion:
    try:
        return (
            family.plan_versions.select_related("author")
            .prefetch_related(Prefetch("agreements", queryset=Agreement.objects.select_related("partner")))
            .get(number=number)
        )
    except PlanVersion.DoesNotExist:
        raise Http404("Versie niet gevonden") from None


def plan_current_with_agreements(*, family: Family) -> PlanVersion | None:
    """The current plan with its agreements, each with `status_version` (its status changes counted).

    The family page offers "gedaan / niet gelukt" on every open agreement from that version
    (core.concurrency.history_version): counted in the agreements' query, not once per agreement.
    """
    if family.current_plan_id is None:
        return None
    agreements = Agreement.objects.select_related("partner").annotate(status_version=Count("status_changes"))
    # The family page's timeline has just read the newest versions (timeline/providers.py): the
    # current one is among them, so only its agreements are read here, not the version again.
    read = family.__dict__.get("_plan_versions_read") or []
    for plan in read:
        if plan.pk == family.current_plan_id:
            prefetch_related_objects([plan], Prefetch("agreements", queryset=agreements))
            return plan
    try:
        return (
            family.plan_versions.select_related("author")
            .prefetch_related(Prefetch("agreements", queryset=agreements))
            .get(pk=family.current_plan_id)
        )
    except PlanVersion.DoesNotExist:
        raise Http404("Versie niet gevonden") from None


def contact_score_series(*, family: Family) -> list[tuple[dt.date, int, int]]:
    """Both score series in time order, for the chart."""
    return list(family.contacts.order_by("date", "id").values_list("date", "safety_score", "lijn_score"))


def contact_list(*, family: Family, limit: int | None = None) -> list[Contact]:
    qs = (
        family.contacts.select_related("author")
        .prefetch_related("participants", "network_participants", "addenda__author", "revisions__author")
        .order_by("-date", "-id")
    )
    return list(qs[:limit] if limit else qs)


def family_get_for_access_log(*, user: User, family_id: int) -> Family:
    """The family whose access log this user may read, or 404.

    The teamleider reads it through the normal path. Functioneel beheer sees no
    family data but must be able to answer "who opened this file"; it gets the
    family's id and dossier number only, nothing of its content.
    """
    if user.is_beheer:
        family = Family.objects.only("id", "reference", "team_id").filter(pk=family_id).first()
        if family is None:
            raise Http404("Gezin niet gevonden")
        return family
    family = family_get_for_user(user=user, family_id=family_id)
    if not access.can_read_access_log(user=user, family=family):
        raise PermissionDenied("Alleen de teamleider en functioneel beheer zien wie dit dossier heeft ingezien.")
    return family


def substitution_list(*, family: Family) -> list[Substitution]:
    """Current and coming substitutions, for the family page."""
    return list(
        family.substitutions.filter(end__gte=timezone.localdate(), ended_at__isnull=True)
        .select_related("substitute")
        .order_by("start")
    )


# --- objects inside a family the caller already holds ----------------------------------
# Each lookup is scoped to that family, so an id from another family is "not found".


def contact_get(*, family: Family, contact_id: int) -> Contact:
    return get_object_or_404(Contact.objects.select_related("author"), pk=contact_id, family=family)


def contact_form_reminders(*, family: Family) -> dict[str, Any]:
    """What the worker needs in view while scoring (the method: a measurement helps at the moment it is
    taken): the last scores with their reasons, the centrale lijn and the plan's open agreements. Two queries;
    the plan came with the family."""
    last = (
        Contact.objects.filter(family=family)
        .order_by("-date", "-id")
        .only("date", "safety_score", "safety_why", "safety_raise", "lijn_score", "lijn_why", "lijn_raise")
        .first()
    )
    plan = family.current_plan
    shown = 8
    agreements = (
        list(
            plan.agreements.filter(status=AgreementStatus.OPEN)
            .select_related("partner")
            .order_by("due_on", "pk")[: shown + 1]
        )
        if plan is not None
        else []
    )
    return {
        "last_contact": last,
        "centrale_lijn": plan.centrale_lijn if plan else "",
        "open_agreements": agreements[:shown],
        "more_agreements": len(agreements) > shown,
    }


def member_get(*, family: Family, member_id: int) -> Member:
    return get_object_or_404(Member, pk=member_id, family=family)


def network_person_get(*, family: Family, person_id: int) -> NetworkPerson:
    return get_object_or_404(NetworkPerson, pk=person_id, family=family)


def measure_get(*, family: Family, measure_id: int) -> Measure:
    return get_object_or_404(Measure, pk=measure_id, child__family=family)


def agreement_get(*, family: Family, agreement_id: int) -> Agreement:
    return get_object_or_404(Agreement, pk=agreement_id, plan__family=family)


def substitution_get(*, family: Family, substitution_id: str | int) -> Substitution:
    try:
        substitution_id = int(substitution_id)
    except (TypeError, ValueError):
        raise Http404 from None
    return get_object_or_404(Substitution.objects.select_related("family"), pk=substitution_id, family=family)


def family_id_for_reference(*, reference: str) -> int | None:
    """Functioneel beheer's look-up of a dossier number: the id and nothing else."""
    return Family.objects.filter(reference=reference).values_list("id", flat=True).first()
