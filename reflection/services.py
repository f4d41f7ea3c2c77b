"""Writes for the reflectie-instrument: hold a reflection, reflect, complete, add, share, remind.

Each is atomic and leaves a ReflectionEvent with its author. A concept may be
changed by the senior who holds it (ratings, source, goals) and by the worker
(their own reflection); once afgerond it is frozen and both may only append.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Team, TeamRole, User
from core.concurrency import check_base_version, check_history_version, mark_saved
from notifications.services import notification_send

from .models import (
    ChecklistItem,
    ChecklistVersion,
    EventKind,
    Reflection,
    ReflectionEvent,
    ReflectionRating,
    ReflectionReminder,
    ReflectionShare,
    Source,
    Status,
)
from .selectors import (
    checklist_items,
    checklist_version_current,
    reflection_due_workers,
    senior_ids_of_worker,
    senior_team_ids,
    seniors_by_worker,
    worker_reflection_events,
)


def _event(reflection: Reflection, kind: str, actor: User, text: str = "") -> ReflectionEvent:
    return ReflectionEvent.objects.create(reflection=reflection, kind=kind, author=actor, text=text)


def _locked(reflection: Reflection) -> Reflection:
    return Reflection.objects.select_for_update().get(pk=reflection.pk)


def _team_for(*, senior: User, worker: User, team: Team | None = None) -> Team:
    """A team in which `senior` is an active senior and `worker` an active gezinsmanager."""
    teams = Membership.objects.active().filter(
        user=worker, role=TeamRole.GEZINSMANAGER, team_id__in=senior_team_ids(user=senior)
    )
    if team is not None:
        teams = teams.filter(team=team)
    membership = teams.select_related("team").order_by("team__name").first()
    if membership is None or senior.pk == worker.pk:
        raise PermissionDenied(
            _("Alleen een senior van het team van deze medewerker houdt een reflectie met hem of haar.")
        )
    return membership.team


def _check_content(
    *, held_on: dt.date | None, source: str, ratings: dict, items: list[ChecklistItem], complete: bool, today: dt.date
) -> None:
    errors = {}
    if held_on is None:
        errors["held_on"] = _("Vul de datum van de reflectie in.")
    elif held_on > today:
        errors["held_on"] = _("Een reflectie wordt achteraf vastgelegd: kies vandaag of een eerdere dag.")
    if source not in Source.values:
        errors["source"] = _("Kies de bron.")
    if complete:
        for item in items:
            adherence, competence, _note = ratings.get(item.pk, (None, None, ""))
            if adherence is None:
                errors[f"adherence_{item.pk}"] = _("Kies een waarde (of niet van toepassing) om af te ronden.")
            if competence is None:
                errors[f"competence_{item.pk}"] = _("Kies een waarde (of niet van toepassing) om af te ronden.")
    if errors:
        raise ValidationError(errors)


def _write(reflection: Reflection, *, ratings: dict, items: list[ChecklistItem]) -> None:
    existing = {r.item_id: r for r in reflection.ratings.all()}
    for item in items:
        adherence, competence, note = ratings.get(item.pk, (None, None, ""))
        rating = existing.get(item.pk) or ReflectionRating(reflection=reflection, item=item)
        rating.adherence, rating.competence, rating.note = adherence, competence, (note or "").strip()
        rating.save()


@transaction.atomic
def reflection_create(
    *,
    actor: User,
    worker: User,
    held_on: dt.date,
    source: str,
    source_description: str = "",
    learning_goals: str = "",
    ratings: dict,
    complete: bool = False,
    team: Team | None = None,
) -> Reflection:
    """A senior records a reflection held with one of the workers of their team.

    `ratings` maps a checklist item id to (adherence, competence, note); a
    missing or None value means "not yet rated", allowed only in a concept.
    """
    team = _team_for(senior=actor, worker=worker, team=team)
    version = checklist_version_current()
    if version is None:
        raise ValidationError(_("Er is nog geen checklist in gebruik; vraag functioneel beheer die klaar te zetten."))
    items = checklist_items(version=version)
    _check_content(
        held_on=held_on, source=source, ratings=ratings, items=items, complete=complete, today=timezone.localdate()
    )
    reflection = Reflection.objects.create(
        worker=worker,
        senior=actor,
        team=team,
        version=version,
        held_on=held_on,
        source=source,
        source_description=source_description.strip(),
        learning_goals=learning_goals.strip(),
    )
    _write(reflection, ratings=ratings, items=items)
    _event(reflection, EventKind.CREATED, actor)
    if complete:
        _complete(reflection, actor)
    return reflection


@transaction.atomic
def reflection_update(
    *,
    actor: User,
    reflection: Reflection,
    held_on: dt.date,
    source: str,
    source_description: str = "",
    learning_goals: str = "",
    ratings: dict,
    complete: bool = False,
    base_version: int | None = None,
) -> Reflection:
    """The senior who holds a concept changes it, and may complete it.

    From the concept version the form showed (`base_version`): a save from an
    older page (another tab, a second device in the conversation) is refused
    with both versions shown, not silently laid over the newer one.
    """
    reflection = _locked(reflection)
    if reflection.senior_id != actor.pk:
        raise PermissionDenied(_("Alleen de senior die de reflectie houdt, vult deze in."))
    if reflection.is_done:
        raise ValidationError(_("Deze reflectie is afgerond; voeg een aanvulling toe."))
    items = checklist_items(version=reflection.version)  # the version it was held with, never a newer one
    _check_concept_base(reflection, base_version=base_version, items=items, actor=actor)
    _check_content(
        held_on=held_on, source=source, ratings=ratings, items=items, complete=complete, today=timezone.localdate()
    )
    reflection.held_on, reflection.source = held_on, source
    reflection.source_description = source_description.strip()
    reflection.learning_goals = learning_goals.strip()
    saved = mark_saved(reflection, actor=actor)
    reflection.save(update_fields=["held_on", "source", "source_description", "learning_goals", *saved])
    _write(reflection, ratings=ratings, items=items)
    _event(reflection, EventKind.SAVED, actor)
    if complete:
        _complete(reflection, actor)
    return reflection


def _check_concept_base(
    reflection: Reflection, *, base_version: int | None, items: list[ChecklistItem], actor: User
) -> None:
    """`core.concurrency.check_base_version` with the saved ratings, named as the senior's form names them."""
    if base_version is None or base_version == reflection.edit_version:
        return
    saved = {r.item_id: r for r in reflection.ratings.all()}
    extra: dict[str, tuple[str, Any]] = {}
    for item in items:
        rating = saved.get(item.pk)
        extra[f"adherence_{item.pk}"] = (_("%(item)s: trouw") % {"item": item.title}, rating and rating.adherence)
        extra[f"competence_{item.pk}"] = (
            _("%(item)s: vaardigheid") % {"item": item.title},
            rating and rating.competence,
        )
        extra[f"note_{item.pk}"] = (_("%(item)s: toelichting") % {"item": item.title}, rating.note if rating else "")
    fields = ["held_on", "source", "source_description", "learning_goals"]
    check_base_version(reflection, base_version=base_version, fields=fields, extra=extra, actor=actor)


def _complete(reflection: Reflection, actor: User) -> None:
    reflection.status = Status.DONE
    reflection.completed_at = timezone.now()
    reflection.save(update_fields=["status", "completed_at"])
    _event(reflection, EventKind.COMPLETED, actor)


@transaction.atomic
def reflection_worker_reflect(
    *, actor: User, reflection: Reflection, text: str, base_version: int | None = None
) -> Reflection:
    """The worker writes their own reflection while it is a concept.

    From the version the page showed (`base_version`, the number of times it
    was saved then): a save from another tab or device in between is refused
    with the saved text beside the typed one, instead of silently replaced.
    """
    reflection = _locked(reflection)
    if reflection.worker_id != actor.pk:
        raise PermissionDenied(_("Alleen de medewerker zelf schrijft de eigen reflectie."))
    if reflection.is_done:
        raise ValidationError(_("Deze reflectie is afgerond; voeg een aanvulling toe."))
    check_history_version(
        history=worker_reflection_events(reflection=reflection),
        base_version=base_version,
        actor=actor,
        values={"worker_reflection": reflection.worker_reflection},
    )
    reflection.worker_reflection = text.strip()
    reflection.save(update_fields=["worker_reflection"])
    _event(reflection, EventKind.WORKER_REFLECTION, actor)
    return reflection


@transaction.atomic
def reflection_add_addendum(*, actor: User, reflection: Reflection, text: str) -> ReflectionEvent:
    """After afronden the worker or the senior who held it adds or corrects by appending, never by editing."""
    if actor.pk not in (reflection.worker_id, reflection.senior_id):
        raise PermissionDenied(_("Alleen de medewerker en de senior vullen de reflectie aan."))
    if not reflection.is_done:
        raise ValidationError(_("Een concept past u gewoon aan; een aanvulling is voor een afgeronde reflectie."))
    if not text.strip():
        raise ValidationError({"text": _("Schrijf de aanvulling of correctie.")})
    return _event(reflection, EventKind.ADDENDUM, actor, text.strip())


@transaction.atomic
def reflection_share_with_current_seniors(*, actor: User, reflections: Iterable[Reflection]) -> int:
    """The worker lets their current senior(s) read earlier reflections held with a former senior."""
    # One share at a time per worker: a double click must not trip the unique constraint.
    list(User.objects.select_for_update().filter(pk=actor.pk).values_list("pk", flat=True))
    seniors = senior_ids_of_worker(worker_id=actor.pk)
    reflections = list(reflections)
    if any(reflection.worker_id != actor.pk for reflection in reflections):
        raise PermissionDenied(_("Alleen de medewerker zelf deelt de eigen reflecties."))
    already = set(
        ReflectionShare.objects.filter(reflection__in=reflections, senior_id__in=seniors).values_list(
            "reflection_id", "senior_id"
        )
    )
    new = [
        ReflectionShare(reflection=reflection, senior_id=senior_id, shared_by=actor)
        for reflection in reflections
        for senior_id in seniors
        if senior_id != reflection.senior_id and (reflection.pk, senior_id) not in already
    ]
    # Two queries plus two inserts, however many reflections; one SHARED event per new reader.
    ReflectionShare.objects.bulk_create(new)
    ReflectionEvent.objects.bulk_create(
        [ReflectionEvent(reflection=share.reflection, kind=EventKind.SHARED, author=actor) for share in new]
    )
    return len(new)


@transaction.atomic
def reflection_reminders_send(*, today: dt.date | None = None) -> int:
    """Remind each worker whose reflection is due, and their senior(s), once per due period; returns how many.

    Only the worker and the seniors of the worker's team are told, never the
    teamleider: it is a nudge to plan a conversation, not a report on anyone.
    The ReflectionReminder row (unique per worker and due day) makes a second
    run on the same or a later day send nothing until a new reflection starts a
    new period. E-mails leave only after the commit (notification_send).
    """
    today = today or timezone.localdate()
    due = reflection_due_workers(today=today)
    already = set(
        ReflectionReminder.objects.filter(worker_id__in=[d["worker_id"] for d in due]).values_list(
            "worker_id", "due_on"
        )
    )
    recorded = []
    for row in due:
        if (row["worker_id"], row["due_on"]) in already:
            continue
        try:
            with transaction.atomic():  # a concurrent run that recorded it first wins; this one skips it
                ReflectionReminder.objects.create(worker_id=row["worker_id"], due_on=row["due_on"])
        except IntegrityError:
            continue
        recorded.append(row)
    if not recorded:
        return 0
    worker_ids = [d["worker_id"] for d in recorded]
    users = User.objects.in_bulk(worker_ids)
    seniors = seniors_by_worker(worker_ids=worker_ids, on=today)
    mine, overview = reverse("reflection:mine"), reverse("reflection:senior")
    for row in recorded:
        worker = users[row["worker_id"]]
        notification_send(
            user=worker,
            text=_("Uw laatste reflectie is meer dan drie maanden geleden: plan een reflectie met uw senior."),
            url=mine,
            email_subject=_("Tijd voor een reflectie"),
        )
        for senior in seniors.get(worker.pk, []):
            notification_send(
                user=senior,
                text=_("De reflectie met %(worker)s is aan de beurt (meer dan drie maanden geleden).")
                % {"worker": worker},
                url=overview,
                email_subject=_("Tijd voor een reflectie"),
            )
    return len(recorded)


@transaction.atomic
def checklist_version_copy(*, actor: User, version: ChecklistVersion) -> ChecklistVersion:
    """A new, not yet published version with a copy of the items: how functioneel beheer changes the checklist.

    The old version stays as it was, so reflections held with it keep their words.
    """
    last = ChecklistVersion.objects.select_for_update().filter(checklist=version.checklist).order_by("-number").first()
    new = ChecklistVersion.objects.create(
        checklist=version.checklist,
        number=(last.number if last else 0) + 1,
        change_note=_("Kopie van versie %(number)s door %(user)s") % {"number": version.number, "user": actor},
    )
    ChecklistItem.objects.bulk_create(
        [
            ChecklistItem(version=new, code=i.code, position=i.position, title=i.title, guidance=i.guidance)
            for i in version.items.order_by("position", "id")
        ]
    )
    return new
