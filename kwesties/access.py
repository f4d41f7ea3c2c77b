"""Who may read and act on a kwestie (DESIGN.md section 4, issue "Kwestiemanagement").

Reading follows the escalation path: the raiser always; the team once it
reached the team; the board once it reached the board. Acting (escalating,
handing back, resolving, closing) is for whoever holds the current level.
"""

from django.db.models import Q

from accounts.models import Membership, OrgRole, TeamRole, User
from accounts.selectors import team_ids_for_user

from .models import LEVEL_ORDER, Kwestie, Level


def _reached(level: str) -> list[str]:
    """The highest_level values at or above `level`."""
    return LEVEL_ORDER[LEVEL_ORDER.index(level) :]


def readable_kwesties_filter(*, user: User) -> Q:
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    rule = Q(raised_by=user)
    # On the primary also when the kwesties come from the replica (the board's page): accounts.selectors.
    rule |= Q(team_id__in=team_ids_for_user(user=user), highest_level__in=_reached(Level.TEAM))
    if user.org_role == OrgRole.BESTUUR:
        rule |= Q(highest_level__in=_reached(Level.BESTUUR))
    return rule


def holds_level(*, user: User, kwestie: Kwestie) -> bool:
    """Whether the user may act at the kwestie's current level."""
    level = kwestie.level
    if level == Level.GEZINSMANAGER:
        return kwestie.owner_id == user.pk
    members = Membership.objects.active().filter(user=user, team_id=kwestie.team_id)
    if level == Level.TEAM:
        return members.exists()
    if level == Level.TEAMLEIDER:
        return members.filter(role=TeamRole.TEAMLEIDER).exists()
    return user.org_role == OrgRole.BESTUUR  # bestuur, and extern: the board carries it outside
