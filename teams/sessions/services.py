"""Writes for team sessions. Atomic; each change to a family's file is access-logged.

What the team decides about a family is part of that family's file: adding a
family to the agenda, the answers to the kernvragen, the decision and its
actions all leave an access-log row for that family.
"""

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Team, TeamRole, User
from casework.models import Family, Phase
from core.concurrency import check_base_version, mark_saved, saved_at_text
from privacy.models import Action, Channel
from privacy.services import access_log_record

from ..models import (
    CaseDiscussion,
    Decision,
    DecisionApproval,
    FollowUpAction,
    HeavyKind,
    SessionKind,
    SessionStatus,
    TeamSession,
)
from . import access
from .selectors import decision_approval_roles

SESSION_FIELDS = ["starts_at", "location", "teamleider", "gedragswetenschapper", "senior"]
AGENDA_FIELDS = ["supervision_topic", "supervision_notes", "team_matters"]
# The counter of the kernvragen and decision (core.concurrency: a part with its own version); the
# preparation (question, casenote, recording) keeps the row's own `version`.
ANSWERS = "answers"
PREPARATION_FIELDS = ["question", "casenote", "recording_ref"]
KERNVRAGEN_FIELDS = ["safe_now", "centrale_lijn", "raise_scores", "who_does_what", "new_direction"]


def _require_edit(*, actor: User, session: TeamSession) -> None:
    if session.status == SessionStatus.CLOSED:
        raise ValidationError(_("Deze sessie is afgesloten."))
    if not access.can_edit_session(user=actor, session=session):
        raise PermissionDenied(_("Alleen de teamleider en de voorzitters van deze sessie kunnen dit wijzigen."))


def _require_held(*, session: TeamSession, what: str) -> None:
    """A decision (or closing) belongs to the session's day or later: recorded before it, the timeline would
    read "Besluit teamsessie 08-12 · 01-12", a decision the team never took together."""
    if not session.is_held:
        day = timezone.localtime(session.starts_at).date()
        raise ValidationError(
            _("Deze sessie is op %(d)s: %(what)s kan op die dag of daarna.") % {"d": f"{day:%d-%m-%Y}", "what": what}
        )


def _active_member(*, user: User | None, team_id: int, roles: Sequence[str] | None = None) -> bool:
    qs = Membership.objects.active().filter(user=user, team_id=team_id)
    if roles:
        qs = qs.filter(role__in=roles)
    return user is not None and user.is_active and qs.exists()


def _check_leaders(*, team_id: int, data: dict[str, Any]) -> None:
    wanted = {
        "teamleider": [TeamRole.TEAMLEIDER],
        "gedragswetenschapper": [TeamRole.GEDRAGSWETENSCHAPPER],
        "senior": [TeamRole.SENIOR],
    }
    for field, roles in wanted.items():
        person = data.get(field)
        if person is not None and not _active_member(user=person, team_id=team_id, roles=roles):
            raise ValidationError({field: _("Kies iemand met deze rol in het team.")})


def session_default_leaders(*, team: Team) -> dict[str, User | None]:
    """The three leading roles, filled from the team's memberships."""
    leaders: dict[str, User | None] = {}
    for field, role in [
        ("teamleider", TeamRole.TEAMLEIDER),
        ("gedragswetenschapper", TeamRole.GEDRAGSWETENSCHAPPER),
        ("senior", TeamRole.SENIOR),
    ]:
        membership = Membership.objects.active().filter(team=team, role=role).select_related("user").first()
        leaders[field] = membership.user if membership else None
    return leaders


@transaction.atomic
def session_create(
    *, actor: User, team: Team, starts_at: dt.datetime, kind: str = SessionKind.TEAMSESSIE, **data: Any
) -> TeamSession:
    if not access.can_create_session(user=actor, team_id=team.pk):
        raise PermissionDenied(_("Alleen de teamleider plant een teamsessie."))
    leaders = session_default_leaders(team=team)
    leaders.update({k: v for k, v in data.items() if k in ("teamleider", "gedragswetenschapper", "senior") and v})
    leaders["teamleider"] = leaders["teamleider"] or actor
    _check_leaders(team_id=team.pk, data=leaders)
    session = TeamSession.objects.create(
        team=team,
        kind=kind,
        starts_at=starts_at,
        location=data.get("location", ""),
        created_by=actor,
        **leaders,
    )
    members = Membership.objects.active().filter(team=team).values_list("user_id", flat=True)
    session.attendees.set(set(members))
    return session


@transaction.atomic
def session_update(
    *,
    actor: User,
    session: TeamSession,
    data: dict[str, Any],
    attendees: Collection[User] | None = None,
    base_version: int | None = None,
) -> TeamSession:
    """Change the date, leading roles, attendees, supervision and team matters (from the version shown)."""
    session = TeamSession.objects.select_for_update().get(pk=session.pk)
    _require_edit(actor=actor, session=session)
    check_base_version(
        session, base_version=base_version, fields=[*SESSION_FIELDS, *AGENDA_FIELDS, "attendees"], actor=actor
    )
    mark_saved(session, actor=actor)
    _check_leaders(team_id=session.team_id, data=data)
    if "teamleider" in data and data["teamleider"] is None:
        raise ValidationError({"teamleider": _("Een teamsessie heeft een teamleider.")})
    moved = (
        "starts_at" in data
        and timezone.localtime(data["starts_at"]).date() != timezone.localtime(session.starts_at).date()
    )
    if moved and Decision.objects.filter(discussion__session=session).exists():
        # Its decisions carry its date: moving it would date them on a day the team did not meet.
        raise ValidationError({"starts_at": _("Er zijn al besluiten vastgelegd; de datum van deze sessie ligt vast.")})
    for key in SESSION_FIELDS + AGENDA_FIELDS:
        if key in data:
            setattr(session, key, data[key])
    session.save()
    if attendees is not None:
        outsiders = [u for u in attendees if not _active_member(user=u, team_id=session.team_id)]
        if outsiders:
            raise ValidationError({"attendees": _("Alleen teamleden kunnen aanwezig zijn.")})
        session.attendees.set(attendees)
    return session


@transaction.atomic
def session_publish(*, actor: User, session: TeamSession) -> TeamSession:
    """Publish the agenda to the whole team, so everyone can prepare."""
    session = TeamSession.objects.select_for_update().get(pk=session.pk)
    _require_edit(actor=actor, session=session)
    if session.status == SessionStatus.CONCEPT:
        session.status = SessionStatus.PUBLISHED
        session.published_at = timezone.now()
        session.save(update_fields=["status", "published_at"])
    return session


@transaction.atomic
def discussion_add(
    *,
    actor: User,
    session: TeamSession,
    family: Family,
    presenter: User | None = None,
    question: str,
    casenote: str = "",
    recording_ref: str = "",
    channel: str = Channel.WEB,
) -> CaseDiscussion:
    """Put a family on the agenda (casusinbreng). Its gezinsmanager brings it by default."""
    session = TeamSession.objects.select_for_update().get(pk=session.pk)
    _require_edit(actor=actor, session=session)
    if family.team_id != session.team_id:
        raise ValidationError({"family": _("Kies een gezin van dit team.")})
    if family.phase == Phase.AFGESLOTEN:
        raise ValidationError({"family": _("Dit gezin is afgesloten.")})
    presenter = presenter or family.manager
    if not _active_member(user=presenter, team_id=session.team_id):
        raise ValidationError({"presenter": _("Kies een teamlid.")})
    if not question.strip():
        raise ValidationError({"question": _("Schrijf de vraag aan het team.")})
    position = (session.discussions.aggregate(p=Max("position"))["p"] or 0) + 1
    try:
        with transaction.atomic():
            discussion = CaseDiscussion.objects.create(
                session=session,
                family=family,
                presenter=presenter,
                question=question.strip(),
                casenote=casenote,
                recording_ref=recording_ref,
                position=position,
                added_by=actor,
            )
    except IntegrityError:
        raise ValidationError({"family": _("Dit gezin staat al op de agenda van deze sessie.")}) from None
    access_log_record(
        user=actor, family_id=family.pk, action=Action.CREATE, what="op agenda teamsessie", channel=channel
    )
    return discussion


def discussion_can_prepare(*, user: User, discussion: CaseDiscussion) -> bool:
    """The presenter writes their own casenote; the session's leaders may too."""
    session = discussion.session
    if session.status == SessionStatus.CLOSED:
        return False
    return discussion.presenter_id == user.pk or access.can_edit_session(user=user, session=session)


@transaction.atomic
def discussion_prepare(
    *,
    actor: User,
    discussion: CaseDiscussion,
    data: dict[str, Any],
    base_version: int | None = None,
    channel: str = Channel.WEB,
) -> CaseDiscussion:
    discussion = CaseDiscussion.objects.select_for_update().select_related("session").get(pk=discussion.pk)
    if not discussion_can_prepare(user=actor, discussion=discussion):
        raise PermissionDenied(_("Alleen wie de casus inbrengt en de voorzitters kunnen dit wijzigen."))
    check_base_version(discussion, base_version=base_version, fields=PREPARATION_FIELDS, actor=actor)
    mark_saved(discussion, actor=actor)
    if not (data.get("question") or "").strip():
        raise ValidationError({"question": _("Schrijf de vraag aan het team.")})
    for key in PREPARATION_FIELDS:
        setattr(discussion, key, data.get(key) or "")
    discussion.save()
    access_log_record(
        user=actor, family_id=discussion.family_id, action=Action.CHANGE, what="casusinbreng", channel=channel
    )
    return discussion


@transaction.atomic
def discussion_answer(
    *,
    actor: User,
    discussion: CaseDiscussion,
    data: dict[str, Any],
    base_version: int | None = None,
    channel: str = Channel.WEB,
) -> CaseDiscussion:
    """Record the team's answers to the kernvragen (and, in a complex case meeting, the new direction)."""
    discussion = CaseDiscussion.objects.select_for_update().select_related("session").get(pk=discussion.pk)
    _require_edit(actor=actor, session=discussion.session)
    _check_discussion_base(discussion, base_version=base_version, actor=actor)
    mark_saved(discussion, actor=actor, counter=ANSWERS)
    for key in KERNVRAGEN_FIELDS:
        if key in data:
            setattr(discussion, key, data[key] or "")
    discussion.save()
    access_log_record(
        user=actor, family_id=discussion.family_id, action=Action.CHANGE, what="kernvragen", channel=channel
    )
    return discussion


def _check_discussion_base(discussion: CaseDiscussion, *, base_version: int | None, actor: User) -> None:
    """Kernvragen and decision are refused when someone saved them first; both are shown.

    They have their own counter (ANSWERS): a casenote saved meanwhile is another
    part of the discussion and makes no kernvragen edit stale.
    """
    decision = Decision.objects.filter(discussion=discussion).first()
    extra = {"besluit": (_("Besluit (al vastgelegd)"), decision.text)} if decision else {}
    complex_case = discussion.session.kind == SessionKind.COMPLEX  # only there is a new direction asked
    fields = [f for f in KERNVRAGEN_FIELDS if complex_case or f != "new_direction"]
    check_base_version(discussion, base_version=base_version, fields=fields, extra=extra, actor=actor, counter=ANSWERS)


@transaction.atomic
def decision_record(
    *,
    actor: User,
    discussion: CaseDiscussion,
    text: str,
    heavy: str = HeavyKind.NONE,
    actions: Sequence[dict[str, Any]] = (),
    base_version: int | None = None,
    channel: str = Channel.WEB,
) -> Decision:
    """The team's besluit, with follow-up actions. Recorded once; a heavy one waits for approval."""
    discussion = CaseDiscussion.objects.select_for_update().select_related("session").get(pk=discussion.pk)
    session = discussion.session
    _require_edit(actor=actor, session=session)
    _check_discussion_base(discussion, base_version=base_version, actor=actor)
    if hasattr(discussion, "decision"):
        raise ValidationError(_("Voor deze casus is al een besluit vastgelegd."))
    _require_held(session=session, what=_("een besluit vastleggen"))
    if not text.strip():
        raise ValidationError({"text": _("Schrijf het besluit.")})
    if heavy not in HeavyKind.values:
        raise ValidationError({"heavy": _("Kies een geldige soort besluit.")})
    for action in actions:
        if not (action.get("description") or "").strip():
            raise ValidationError(_("Elke actie heeft een omschrijving."))
        if not action.get("due_on"):
            raise ValidationError(_("Elke actie heeft een datum."))
        if not _active_member(user=action.get("owner"), team_id=session.team_id):
            raise ValidationError(_("Een actie is voor een teamlid."))
    decision = Decision.objects.create(
        discussion=discussion, family_id=discussion.family_id, text=text.strip(), heavy=heavy, recorded_by=actor
    )
    discussion.save(update_fields=mark_saved(discussion, actor=actor, counter=ANSWERS))  # the decision is an answer
    FollowUpAction.objects.bulk_create(
        [
            FollowUpAction(
                decision=decision,
                family_id=discussion.family_id,
                description=a["description"].strip(),
                owner=a["owner"],
                due_on=a["due_on"],
            )
            for a in actions
        ]
    )
    access_log_record(
        user=actor, family_id=discussion.family_id, action=Action.CREATE, what="besluit teamsessie", channel=channel
    )
    return decision


@transaction.atomic
def decision_approve(
    *, actor: User, decision: Decision, role: str, note: str = "", channel: str = Channel.WEB
) -> DecisionApproval:
    decision = Decision.objects.select_for_update().select_related("discussion__session").get(pk=decision.pk)
    if not decision.is_heavy:
        raise ValidationError(_("Alleen een zwaarwegend besluit vraagt om instemming."))
    if role not in decision_approval_roles(user=actor, decision=decision):
        raise PermissionDenied(_("U kunt niet (meer) instemmen in deze rol."))
    approval = DecisionApproval.objects.create(decision=decision, role=role, user=actor, note=note)
    access_log_record(
        user=actor, family_id=decision.family_id, action=Action.CHANGE, what="instemming besluit", channel=channel
    )
    return approval


@transaction.atomic
def action_complete(*, actor: User, action: FollowUpAction, channel: str = Channel.WEB) -> FollowUpAction:
    action = (
        FollowUpAction.objects.select_for_update().select_related("decision__discussion__session").get(pk=action.pk)
    )
    session = action.decision.discussion.session
    if action.owner_id != actor.pk and TeamRole.TEAMLEIDER not in access.team_role_set(
        user=actor, team_id=session.team_id
    ):
        raise PermissionDenied(_("Alleen wie de actie heeft of de teamleider kan haar afronden."))
    if action.done_at is None:
        action.done_at = timezone.now()
        action.done_by = actor
        action.save(update_fields=["done_at", "done_by"])
        access_log_record(
            user=actor, family_id=action.family_id, action=Action.CHANGE, what="actie afgerond", channel=channel
        )
    return action


@transaction.atomic
def session_close(*, actor: User, session: TeamSession) -> TeamSession:
    """Close the session. A complex case meeting needs a new direction for every family."""
    session = TeamSession.objects.select_for_update().get(pk=session.pk)
    if session.status == SessionStatus.CLOSED:  # closed from another page meanwhile: say when
        raise ValidationError(_("Deze sessie is %(when)s al afgesloten.") % {"when": saved_at_text(session.closed_at)})
    _require_edit(actor=actor, session=session)
    _require_held(session=session, what=_("de sessie afsluiten"))
    if session.kind == SessionKind.COMPLEX:
        missing = [str(d.family) for d in session.discussions.select_related("family") if not d.new_direction.strip()]
        if missing:
            raise ValidationError(
                _("Nog geen nieuwe richting voor: %(families)s. Niemand gaat weg zonder nieuwe richting.")
                % {"families": ", ".join(missing)}
            )
    session.status = SessionStatus.CLOSED
    session.closed_at = timezone.now()
    session.save(update_fields=["status", "closed_at"])
    return session
