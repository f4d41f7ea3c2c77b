"""Reads of the four-eyes workflow: the proposals list, one proposal, and a team's record.

"Not yours" looks like "not found": a proposal outside what a user may see is
a 404, like a family outside their reach.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from ..models import Membership, Team, TeamRole, User
from ..selectors import team_ids_led_by
from .kinds import may_propose_grants
from .models import GrantEvent, GrantProposal, GrantStatus

RECENT = 30


def _with_people(qs: QuerySet) -> QuerySet:
    return qs.select_related("proposed_by", "decided_by", "subject_user", "team")


def grants_visible_to(*, user: User) -> QuerySet[GrantProposal]:
    """Beheer and the security officer see every proposal; a teamleider those of their team(s)."""
    if not user.is_active:
        return GrantProposal.objects.none()
    if may_propose_grants(user):
        return _with_people(GrantProposal.objects.all())
    return _with_people(GrantProposal.objects.filter(team_id__in=team_ids_led_by(user=user)))


def grant_lists_for_user(*, user: User) -> tuple[list[GrantProposal], list[GrantProposal]]:
    """Open proposals (oldest first: they waited longest) and the most recent decided ones."""
    visible = grants_visible_to(user=user)
    open_ = list(visible.filter(status=GrantStatus.OPEN).order_by("proposed_at", "id"))
    decided = list(visible.exclude(status=GrantStatus.OPEN).order_by("-decided_at", "-id")[:RECENT])
    return open_, decided


def grant_get_for_user(*, user: User, proposal_id: int) -> GrantProposal:
    try:
        return grants_visible_to(user=user).get(pk=proposal_id)
    except GrantProposal.DoesNotExist:
        raise Http404("Voorstel niet gevonden") from None


def grant_events_of(*, proposal: GrantProposal) -> QuerySet[GrantEvent]:
    return proposal.events.select_related("actor").order_by("at", "id")


def team_led_by_or_404(*, user: User, team_id: int | str | None) -> tuple[Team, list[Team]]:
    """The team (`?team=`, default the first) among the teams the user leads; anyone else gets 404."""
    teams = list(Team.objects.filter(id__in=team_ids_led_by(user=user)).order_by("name", "id"))
    if not user.is_active or not teams:
        raise Http404("Geen team")
    if team_id in (None, ""):
        return teams[0], teams
    team = next((t for t in teams if str(t.pk) == str(team_id)), None)
    if team is None:
        raise Http404("Team niet gevonden")
    return team, teams


def team_grant_events(*, team: Team) -> QuerySet[GrantEvent]:
    """Every step that concerns the team: its memberships, and grants to people who work in it now."""
    members = Membership.objects.active().filter(team=team).values("user_id")
    return (
        GrantEvent.objects.filter(Q(team=team) | Q(subject_user_id__in=members))
        .select_related("actor", "subject_user", "team")
        .order_by("-at", "-id")
    )


def team_open_grants(*, team: Team) -> QuerySet[GrantProposal]:
    return _with_people(GrantProposal.objects.filter(team=team, status=GrantStatus.OPEN).order_by("proposed_at"))


def leads_team(*, user: User, team: Team) -> bool:
    return Membership.objects.active().filter(user=user, team=team, role=TeamRole.TEAMLEIDER).exists()
