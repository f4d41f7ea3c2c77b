"""Who may see and run a team session (DESIGN.md section 4).

Team members see their own team's sessions once the agenda is published; the
session's leading roles (teamleider, gedragswetenschapper, senior) and the
team's teamleider see and edit them from the start. Nobody outside the team,
the board included, sees a session: it holds family content.
"""

from accounts.models import Membership, TeamRole, User

from ..models import SessionStatus, TeamSession


def team_role_set(*, user: User, team_id: int) -> set[str]:
    return set(Membership.objects.active().filter(user=user, team_id=team_id).values_list("role", flat=True))


def can_edit_session(*, user: User, session: TeamSession, roles: set[str] | None = None) -> bool:
    if session.status == SessionStatus.CLOSED:
        return False
    roles = team_role_set(user=user, team_id=session.team_id) if roles is None else roles
    leading = {TeamRole.TEAMLEIDER, TeamRole.GEDRAGSWETENSCHAPPER, TeamRole.SENIOR}
    # A leader of this session must still hold a leading role in the team.
    return TeamRole.TEAMLEIDER in roles or (user.pk in session.leaders and bool(roles & leading))


def can_see_session(*, user: User, session: TeamSession, roles: set[str] | None = None) -> bool:
    roles = team_role_set(user=user, team_id=session.team_id) if roles is None else roles
    if not roles:
        return False
    return session.status != SessionStatus.CONCEPT or user.pk in session.leaders or TeamRole.TEAMLEIDER in roles


def can_create_session(*, user: User, team_id: int) -> bool:
    return TeamRole.TEAMLEIDER in team_role_set(user=user, team_id=team_id)
