"""Who may see and change a family (DESIGN.md section 4), in one place.

Reading: members of the family's team (gezinsmanager, senior,
gedragswetenschapper, teamleider) see its whole file. Bestuur, auditors and
functioneel beheer see no family by default; later issues add the recorded
reasons (bestuur, FamilyAccessGrant) and open audits (auditor).

Writing the file (contacts, plan, members, network, measures) is for the
family's own gezinsmanager. Assigning a gezinsmanager and closing the family
are the teamleider's.
"""

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import Membership, OrgRole, Team, User
from accounts.selectors import team_ids_for_user, team_ids_led_by

from .extensions import READ_RULES
from .models import Family, FamilyAccessGrant, Substitution


def readable_families_filter(*, user: User, for_lists: bool = False) -> Q:
    """The one rule for reading a family, as a filter usable in any query.

    Apps above casework add read-only reasons in `casework.extensions.READ_RULES`
    (audits: the sampled files of an open audit). `for_lists` leaves those out: they open single files
    for a purpose (an auditor reads the sampled files of an open audit), not a
    caseload, so such files never show up in "Mijn gezinnen" or team lists.
    """
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    rule = Q(team_id__in=team_ids_for_user(user=user))
    if user.org_role == OrgRole.BESTUUR:
        # The board reads a file only with a recorded reason, for a limited time.
        granted = FamilyAccessGrant.objects.filter(user=user, until__gt=timezone.now()).values("family_id")
        rule |= Q(pk__in=granted)
    for extra in [] if for_lists else READ_RULES:
        extra_q = extra(user=user)
        if extra_q is not None:
            rule |= extra_q
    return rule


def can_write_file(*, user: User, family: Family) -> bool:
    """The assigned gezinsmanager, or a colleague substituting today."""
    if family.is_closed or not user.is_authenticated or not user.is_active:
        return False
    # Writing never reaches further than reading: a gezinsmanager who left the
    # team loses the file even before the family is handed over.
    if not Membership.objects.active().filter(user=user, team_id=family.team_id).exists():
        return False
    if family.manager_id == user.id:
        return True
    return Substitution.objects.active().filter(family=family, substitute=user).exists()


def _leads_team(*, user: User, team_id: int) -> bool:
    return team_ids_led_by(user=user).filter(team_id=team_id).exists()


def can_manage(*, user: User, family: Family) -> bool:
    """Teamleider of the family's team: assignments, phase, closing."""
    return _leads_team(user=user, team_id=family.team_id)


def can_register_family(*, user: User, team: Team) -> bool:
    """Registering a family (aanmelding) is the teamleider's, in their own team."""
    return _leads_team(user=user, team_id=team.pk)


def can_change_phase(*, user: User, family: Family) -> bool:
    return can_write_file(user=user, family=family) or can_manage(user=user, family=family)


def can_read_access_log(*, user: User, family: Family) -> bool:
    """'Wie heeft dit dossier ingezien': the teamleider and functioneel beheer."""
    return user.is_beheer or can_manage(user=user, family=family)


def family_permissions(*, user: User, family: Family) -> dict[str, bool]:
    """What the pages may offer this user for this family (for showing buttons)."""
    manage = can_manage(user=user, family=family)
    write = can_write_file(user=user, family=family)
    return {
        "write": write,
        "manage": manage,
        "phase": write or manage,
        "access_log": user.is_beheer or manage,
    }


def families_readable_by(*, user: User, for_lists: bool = False) -> QuerySet[Family]:
    return Family.objects.filter(readable_families_filter(user=user, for_lists=for_lists))


def families_of_team_for_user(*, user: User, team: Team) -> QuerySet[Family]:
    """The families of `team` this user may read as a caseload (`readable_families_filter(for_lists=True)`).

    The one way a team page (the dashboard, a session's agenda) lists a team's
    families, instead of `Family.objects.filter(team=...)` behind a membership
    check of its own: so team pages and "Mijn gezinnen" cannot disagree about
    who reads which family, and a file opened for one purpose (an auditor's
    sample) never shows up in a team list.
    """
    return families_readable_by(user=user, for_lists=True).filter(team=team)


def families_of_teams(*, team_ids: Iterable[int] | None) -> QuerySet[Family]:
    """Every family of these teams (None: of all teams), for the team's own products, not for a person.

    The figures, the audit snapshot and the periodic reports are computed by the
    system for a team as a whole; who may *read* the result is decided where it
    is shown (the report's readers, the audit's team and auditors). Pages that
    list families for a person use `families_of_team_for_user` instead.
    """
    return Family.objects.all() if team_ids is None else Family.objects.filter(team_id__in=list(team_ids))


def families_of_team(*, team: Team) -> QuerySet[Family]:
    """Every family of one team, for the team's own products (see `families_of_teams`)."""
    return families_of_teams(team_ids=[team.pk])


def families_writable_by(*, user: User) -> QuerySet[Family]:
    """Open families whose file this user writes: assigned, or substituting today."""
    substituting = Substitution.objects.active().filter(substitute=user).values("family_id")
    return families_readable_by(user=user).filter(Q(manager=user) | Q(pk__in=substituting)).exclude(phase="afgesloten")
