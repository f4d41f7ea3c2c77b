"""Reads for team sessions. One access-checked path, like casework's for families.

A session outside your team is "not found"; a session you may read but not run
answers 403 on a change.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import Membership, TeamRole, User
from casework.access import families_of_team_for_user, families_readable_by
from casework.models import Family, Phase

from ..dashboard.selectors import DashboardRow, dashboard_candidates
from ..models import ApprovalRole, CaseDiscussion, Decision, FollowUpAction, SessionStatus, TeamSession
from . import access


def session_list_for_user(*, user: User, team_id: int) -> QuerySet[TeamSession]:
    """The team's sessions this user may see: published ones, and all for the leaders."""
    roles = access.team_role_set(user=user, team_id=team_id)
    if not roles:
        raise Http404
    qs = TeamSession.objects.filter(team_id=team_id).select_related("teamleider", "gedragswetenschapper", "senior")
    if TeamRole.TEAMLEIDER not in roles:
        qs = qs.filter(
            ~Q(status=SessionStatus.CONCEPT) | Q(teamleider=user) | Q(gedragswetenschapper=user) | Q(senior=user)
        )
    return qs.order_by("-starts_at")


def session_get_for_user(*, user: User, session_id: int, edit: bool = False) -> TeamSession:
    session = (
        TeamSession.objects.select_related("team", "teamleider", "gedragswetenschapper", "senior")
        .filter(pk=session_id)
        .first()
    )
    roles = access.team_role_set(user=user, team_id=session.team_id) if session else set()
    if session is None or not access.can_see_session(user=user, session=session, roles=roles):
        raise Http404("Sessie niet gevonden")
    if edit and not access.can_edit_session(user=user, session=session, roles=roles):
        raise PermissionDenied("Alleen de teamleider en de voorzitters van deze sessie kunnen dit wijzigen.")
    session.__dict__["viewer_roles"] = roles  # the page's buttons ask the same, without asking the database again
    return session


def session_discussions(*, session: TeamSession) -> list[CaseDiscussion]:
    """The agenda's case discussions with their decision, approvals and actions, in five queries."""
    return list(
        session.discussions.select_related("family", "family__manager", "presenter", "decision__recorded_by")
        .prefetch_related(
            Prefetch("decision__approvals"),
            Prefetch("decision__actions", queryset=FollowUpAction.objects.select_related("owner")),
        )
        .order_by("position", "id")
    )


def discussion_get(*, session: TeamSession, discussion_id: int) -> CaseDiscussion:
    discussion = (
        CaseDiscussion.objects.select_related("family", "presenter", "session").filter(
            pk=discussion_id, session=session
        )
    ).first()
    if discussion is None:
        raise Http404
    return discussion


def session_family_choices(*, session: TeamSession, user: User) -> QuerySet[Family]:
    """Active families of the team, as this user reads them, not yet on this session's agenda."""
    return (
        families_of_team_for_user(user=user, team=session.team)
        .exclude(phase=Phase.AFGESLOTEN)
        .exclude(pk__in=session.discussions.values("family_id"))
        .select_related("manager")
        .order_by("name")
    )


def session_team_members(*, session: TeamSession) -> QuerySet[User]:
    return User.objects.filter(memberships__in=Membership.objects.active().filter(team_id=session.team_id)).distinct()


def decision_get_for_user(*, user: User, decision_id: int) -> Decision:
    decision = Decision.objects.select_related("discussion__session", "family").filter(pk=decision_id).first()
    if decision is None or not access.can_see_session(user=user, session=decision.discussion.session):
        raise Http404
    return decision


def action_get_for_user(*, user: User, action_id: int) -> FollowUpAction:
    action = FollowUpAction.objects.select_related("decision__discussion__session").filter(pk=action_id).first()
    if action is None or not access.team_role_set(user=user, team_id=action.decision.discussion.session.team_id):
        raise Http404
    return action


def decisions_for_family(*, family: Family, limit: int | None = None) -> list[Decision]:
    qs = (
        Decision.objects.filter(family=family)
        .select_related("recorded_by", "discussion__session")
        .prefetch_related("approvals", Prefetch("actions", queryset=FollowUpAction.objects.select_related("owner")))
        .order_by("-recorded_at")
    )
    return list(qs[:limit] if limit else qs)


def open_actions_for_user(*, user: User) -> list[FollowUpAction]:
    """The user's open follow-up actions, only for families they may still read."""
    readable = families_readable_by(user=user).values("pk")
    return list(
        FollowUpAction.objects.filter(owner=user, done_at__isnull=True, family_id__in=readable)
        .select_related("family", "decision")
        .prefetch_related("decision__approvals")
        .order_by("due_on", "id")
    )


def upcoming_session_for_team(*, team_id: int) -> TeamSession | None:
    return (
        TeamSession.objects.filter(team_id=team_id, starts_at__gte=timezone.now())
        .exclude(status=SessionStatus.CLOSED)
        .order_by("starts_at")
        .first()
    )


CANDIDATES_SHOWN = 15


def session_candidates(*, session: TeamSession, user: User, exclude: set[int]) -> list[DashboardRow]:
    """The most urgent signalled families not yet on this agenda: the list that helps fill it.

    A team of 80 families easily has dozens with a signal; a session discusses
    a few, so the preparation page shows the most urgent and the dashboard the rest.
    """
    rows = [row for row in dashboard_candidates(team=session.team, user=user) if row.family.pk not in exclude]
    return rows[:CANDIDATES_SHOWN]


def decision_is_final(*, decision: Decision) -> bool:
    """Final when not heavy, or when a gedragswetenschapper and a teamleider, two people, agreed."""
    if not decision.is_heavy:
        return True
    approvals = list(decision.approvals.all())
    roles = {a.role for a in approvals}
    people = {a.user_id for a in approvals}
    return roles >= {ApprovalRole.GEDRAGSWETENSCHAPPER, ApprovalRole.TEAMLEIDER} and len(people) >= 2


def decision_approval_roles(*, user: User, decision: Decision, roles: set[str] | None = None) -> list[str]:
    """The roles in which this user may still record agreement with a heavy decision.

    `roles` are the user's roles in the session's team, when the caller already has them.
    """
    if not decision.is_heavy:
        return []
    if roles is None:
        roles = access.team_role_set(user=user, team_id=decision.discussion.session.team_id)
    approvals = list(decision.approvals.all())
    if any(a.user_id == user.pk for a in approvals):
        return []  # two roles, two people: nobody agrees with themselves
    given = {a.role for a in approvals}
    mine: list[str] = []
    if TeamRole.GEDRAGSWETENSCHAPPER in roles and ApprovalRole.GEDRAGSWETENSCHAPPER not in given:
        mine.append(ApprovalRole.GEDRAGSWETENSCHAPPER)
    if TeamRole.TEAMLEIDER in roles and ApprovalRole.TEAMLEIDER not in given:
        mine.append(ApprovalRole.TEAMLEIDER)
    return mine
