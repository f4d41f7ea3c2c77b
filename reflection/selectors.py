"""Reads for the reflectie-instrument, through one access-checked path (access.py)."""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db.models import DateField, F, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from accounts.models import Membership, TeamRole, User

from .access import readable_reflections_filter
from .models import ChecklistItem, ChecklistVersion, EventKind, Reflection, ReflectionEvent, Status


def interval_days() -> int:
    return getattr(settings, "REFLECTION_INTERVAL_DAYS", 91)


def checklist_version_current() -> ChecklistVersion | None:
    """The newest version in use of an active checklist: the one a new reflection is held with.

    A version whose "in gebruik vanaf" lies in the future is not in use yet.
    """
    return (
        ChecklistVersion.objects.filter(checklist__active=True, published_on__lte=timezone.localdate())
        .select_related("checklist")
        .order_by("-published_on", "-number", "-id")
        .first()
    )


def checklist_items(*, version: ChecklistVersion) -> list[ChecklistItem]:
    return list(version.items.order_by("position", "id"))


def reflection_list_for_user(*, user: User) -> QuerySet[Reflection]:
    return Reflection.objects.filter(readable_reflections_filter(user=user)).select_related(
        "worker", "senior", "team", "version"
    )


def reflection_get_for_user(*, user: User, reflection_id: int, write: bool = False) -> Reflection:
    """One reflection, for its worker or their senior; anyone else gets 404, as if it did not exist.

    `write=True` asks for the people who may add to it: the worker and the senior
    who held it (a senior it was only shared with reads, but does not write).
    """
    reflection = reflection_list_for_user(user=user).filter(pk=reflection_id).first()
    if reflection is None or (write and user.pk not in (reflection.worker_id, reflection.senior_id)):
        raise Http404("Reflectie niet gevonden")
    return reflection


def reflection_list_mine(*, user: User) -> QuerySet[Reflection]:
    return reflection_list_for_user(user=user).filter(worker=user)


def reflection_list_held(*, user: User) -> QuerySet[Reflection]:
    """Reflections a senior reads as senior (held by them or shared with them), concepts first."""
    return reflection_list_for_user(user=user).exclude(worker=user).order_by("-status", "-held_on", "-id")


def senior_team_ids(*, user: User) -> QuerySet:
    return Membership.objects.active().filter(user=user, role=TeamRole.SENIOR).values("team_id")


def reflection_workers_of_senior(*, user: User) -> QuerySet[Membership]:
    """The gezinsmanagers in the senior's teams with the date of their last completed reflection.

    Only the date: a senior seeing when their own workers last reflected is
    fine, the content stays with whoever held it. Raises 404 for non-seniors.
    One query.
    """
    if not user.is_authenticated or not Membership.objects.active().filter(user=user, role=TeamRole.SENIOR).exists():
        raise Http404("Geen senior")
    last_done = (
        Reflection.objects.filter(worker_id=OuterRef("user_id"), status=Status.DONE)
        .order_by()
        .values("worker_id")
        .annotate(last=Max("held_on"))
        .values("last")
    )
    return (
        Membership.objects.active()
        .filter(team_id__in=senior_team_ids(user=user), role=TeamRole.GEZINSMANAGER, user__is_active=True)
        .exclude(user=user)
        .select_related("user", "team")
        .annotate(last_reflection=Subquery(last_done, output_field=DateField()))
        .order_by("team__name", "user__first_name", "user__last_name")
    )


def reflection_ratings(*, reflection: Reflection) -> list:
    return list(reflection.ratings.select_related("item").order_by("item__position", "item_id"))


def reflection_history(*, reflection: Reflection) -> list:
    return list(reflection.events.select_related("author").order_by("at", "id"))


def reflection_due_workers(*, today: dt.date) -> list[dict]:
    """Gezinsmanagers whose last completed reflection (or, without one, their start) is over the interval ago.

    Each row: worker id and the day the reflection fell due. That day names the
    due period, so a reminder is sent once per period. Computed in one query.
    """
    cutoff = today - dt.timedelta(days=interval_days())
    last_done = (
        Reflection.objects.filter(worker_id=OuterRef("pk"), status=Status.DONE)
        .order_by()
        .values("worker_id")
        .annotate(last=Max("held_on"))
        .values("last")
    )
    worker_memberships = Membership.objects.active(on=today).filter(role=TeamRole.GEZINSMANAGER)
    rows = (
        User.objects.filter(is_active=True, memberships__in=worker_memberships)
        .annotate(
            joined=Min("memberships__start", filter=Q(memberships__in=worker_memberships)),
            last=Subquery(last_done, output_field=DateField()),
        )
        .annotate(anchor=Coalesce("last", "joined"))
        .filter(anchor__lt=cutoff)
        .values("pk", "anchor")
        .order_by("pk")
    )
    return [{"worker_id": r["pk"], "due_on": r["anchor"] + dt.timedelta(days=interval_days())} for r in rows]


def senior_ids_of_worker(*, worker_id: int, on: dt.date | None = None) -> list[int]:
    """The active seniors of the teams the worker is an active member of (never the teamleider)."""
    teams = Membership.objects.active(on=on).filter(user_id=worker_id).values("team_id")
    return list(
        Membership.objects.active(on=on)
        .filter(team_id__in=teams, role=TeamRole.SENIOR, user__is_active=True)
        .exclude(user_id=worker_id)
        .values_list("user_id", flat=True)
        .distinct()
    )


def seniors_by_worker(*, worker_ids: Iterable[int], on: dt.date | None = None) -> dict[int, list[User]]:
    """For each worker, the active seniors of the teams they are an active member of. One query.

    The same rule as senior_ids_of_worker, for many workers at once (the reminders).
    """
    workers_teams = Membership.objects.active(on=on).filter(user_id__in=worker_ids)
    seniors = (
        Membership.objects.active(on=on)
        .filter(role=TeamRole.SENIOR, user__is_active=True, team__memberships__in=workers_teams)
        .annotate(worker_id=F("team__memberships__user_id"))
        .select_related("user")
        .order_by("user_id")
    )
    result: dict[int, list[User]] = {}
    for membership in seniors:
        found = result.setdefault(membership.worker_id, [])
        if membership.user_id != membership.worker_id and membership.user not in found:
            found.append(membership.user)
    return result


def worker_reflection_events(*, reflection: Reflection) -> QuerySet[ReflectionEvent]:
    """Each save of the worker's own reflection: the version its form starts from (core.concurrency)."""
    return reflection.events.filter(kind=EventKind.WORKER_REFLECTION)
