"""Who may see and change a family (DESIGN.md section 4), in one place.

Reading: members of the family's team (gezinsmanager, senior,
gedragswetenschapper, teamleider) see its whole file. Bestuur, auditors and
functioneel beheer see no family by default; later issues add the recorded
reasons (bestuur, FamilyAccessGrant) and open audits (auditor).

Writing the file (contacts, plan, members, network, measures) is for the
family's own gezinsmanager. Assigning a gezinsmanager and closing the family
are the teamleider's.

Two forms of the same rule, because they are served by different indexes:

- for many families (lists, API, reports) `readable_families_filter` is
  `id IN (one UNION of id sets)`: each reason is its own indexed set (the
  teams' families by team, the grants by user, an open audit's sample), and a
  top-level IN becomes a semi-join (a caseload list with no other reason is
  just `team_id IN (the user's teams)`). The OR of subqueries it replaces made
  PostgreSQL test every family of the organisation against every reason.
- for one family (the family page and each of its subpages) `family_access`
  checks that family's own facts (membership of its team, leading it,
  substituting, a grant, each extra reason) as EXISTS on that one row, in the
  query that fetches it; the facts are kept on the family object, so the
  page's buttons, the services it calls and the links other apps add ask no
  further query.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.models import Membership, OrgRole, Team, TeamRole, User
from accounts.selectors import team_ids_for_user, user_leads_team

from .access_sql import compiled_readable_ids
from .extensions import READ_RULES
from .models import Family, FamilyAccessGrant, Substitution

_FACTS = "_access_facts"  # where family_access keeps the facts on the family object
_PREFIX = "access_"  # the annotations family_access_annotate adds


def _active_user(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def readable_families_filter(*, user: User, for_lists: bool = False) -> Q:
    """The one rule for reading a family, as a filter usable in any query.

    Apps above casework add read-only reasons in `casework.extensions.READ_RULES`
    (audits: the sampled files of an open audit). `for_lists` leaves those out: they open single files
    for a purpose (an auditor reads the sampled files of an open audit), not a
    caseload, so such files never show up in "Mijn gezinnen" or team lists.
    """
    if not _active_user(user):
        return Q(pk__in=[])
    # A destroyed file (casework.rights.destruction) is nobody's to read: its row stays only for the figures.
    kept = Q(destroyed_at__isnull=True)
    if user.org_role != OrgRole.BESTUUR:  # the board's grants depend on the moment: built each time
        compiled = compiled_readable_ids(user=user, for_lists=for_lists, build=readable_id_set)
        if compiled is not None:
            field, raw = compiled
            return Q(**{f"{field}__in": raw}) & kept
    field, ids = readable_id_set(user=user, for_lists=for_lists)
    return Q(**{f"{field}__in": ids}) & kept


def readable_id_set(*, user: User, for_lists: bool) -> tuple[str, QuerySet | list]:
    """The rule of `readable_families_filter` as (the Family field, the ids it must be among)."""
    # Each branch is an indexed id set; `order_by()` drops Family's default ordering, which a
    # compound SELECT may not carry (SQLite refuses it, PostgreSQL would sort for nothing).
    teams = team_ids_for_user(user=user)
    branches: list[QuerySet] = []
    if user.org_role == OrgRole.BESTUUR:
        # The board reads a file only with a recorded reason, for a limited time.
        branches.append(
            FamilyAccessGrant.objects.filter(user=user, until__gt=timezone.now()).order_by().values("family_id")
        )
    for extra in [] if for_lists else READ_RULES:
        extra_q = extra(user=user)
        if extra_q is not None:
            branches.append(Family.objects.filter(extra_q).order_by().values("pk"))
    if not branches:  # a caseload list of a team member: the team index alone serves it
        return "team_id", teams
    ids = Family.objects.filter(team_id__in=teams).order_by().values("pk")
    return "pk", ids.union(*branches, all=True)


@dataclass(frozen=True)
class FamilyAccess:
    """One user's facts about one family, fetched with the family (`family_access_annotate`).

    Who manages the family and whether it is closed are read from the family
    itself each time, so a change made in the same request counts at once.
    """

    user_id: int
    read: bool  # what readable_families_filter says for this family
    member: bool  # an active member of the family's team
    leads: bool  # its teamleider
    substitutes: bool  # substituting for its gezinsmanager today

    def write(self, family: Family) -> bool:
        """`can_write_file`: an open file, a member of its team, assigned or substituting."""
        return not family.is_closed and self.member and (family.manager_id == self.user_id or self.substitutes)

    def listed_writable(self, family: Family) -> bool:
        """Whether the family is in `families_writable_by` (readable for any reason, assigned or substituting)."""
        return not family.is_closed and self.read and (family.manager_id == self.user_id or self.substitutes)


def family_access_annotate(queryset: QuerySet[Family], *, user: User) -> QuerySet[Family]:
    """Add this user's facts about each family as EXISTS columns (meant for one family: see the module)."""
    if not _active_user(user):
        return queryset
    members = Membership.objects.active().filter(user=user, team_id=OuterRef("team_id"))
    facts: dict[str, Exists | ExpressionWrapper] = {
        "member": Exists(members),
        "leads": Exists(members.filter(role=TeamRole.TEAMLEIDER)),
        "substitutes": Exists(Substitution.objects.active().filter(family=OuterRef("pk"), substitute=user)),
    }
    if user.org_role == OrgRole.BESTUUR:
        grants = FamilyAccessGrant.objects.filter(user=user, until__gt=timezone.now(), family=OuterRef("pk"))
        facts["grant"] = Exists(grants)
    for i, extra in enumerate(READ_RULES):
        extra_q = extra(user=user)
        if extra_q is not None:
            facts[f"rule{i}"] = ExpressionWrapper(extra_q, output_field=BooleanField())
    return queryset.annotate(**{_PREFIX + name: value for name, value in facts.items()})


def family_access(*, user: User, family: Family) -> FamilyAccess:
    """The facts annotated on `family` (kept on it for the rest of the request)."""
    if not _active_user(user):
        facts = FamilyAccess(user_id=user.pk or 0, read=False, member=False, leads=False, substitutes=False)
    else:
        values = {k[len(_PREFIX) :]: bool(v) for k, v in vars(family).items() if k.startswith(_PREFIX)}
        reasons = [v for k, v in values.items() if k == "grant" or k.startswith("rule")]
        member = values.get("member", False)
        facts = FamilyAccess(
            user_id=user.pk,
            read=(member or any(reasons)) and family.destroyed_at is None,
            member=member,
            leads=values.get("leads", False),
            substitutes=values.get("substitutes", False),
        )
    family.__dict__[_FACTS] = facts
    return facts


def known_access(*, user: User, family: Family) -> FamilyAccess | None:
    """The facts fetched with this very family object for this user, if any (no query)."""
    facts = family.__dict__.get(_FACTS)
    return facts if facts is not None and facts.user_id == user.pk and _active_user(user) else None


def can_write_file(*, user: User, family: Family) -> bool:
    """The assigned gezinsmanager, or a colleague substituting today."""
    if family.is_closed or not _active_user(user):
        return False
    known = known_access(user=user, family=family)
    if known is not None:
        return known.write(family)
    # Writing never reaches further than reading: a gezinsmanager who left the
    # team loses the file even before the family is handed over.
    if not Membership.objects.active().filter(user=user, team_id=family.team_id).exists():
        return False
    if family.manager_id == user.id:
        return True
    return Substitution.objects.active().filter(family=family, substitute=user).exists()


def _rows_held(queryset: QuerySet, *fields: str) -> list[tuple]:
    """The rows' `fields`, each row locked FOR SHARE until the transaction ends (PostgreSQL).

    FOR SHARE, not FOR UPDATE: many writes may rest on one membership at once, but the write that
    ends it (an UPDATE) waits for them, and a read that waited on such an UPDATE re-checks the new
    row against the filter, so an ended membership is not counted. SQLite has no row locks and lets
    one writer in at a time: there the rows are simply read.
    """
    rows = queryset.order_by().values_list(*fields)
    if not connection.features.has_select_for_update:
        return list(rows)
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} FOR SHARE", params)
        return cursor.fetchall()


def family_access_locked(*, user: User, family: Family) -> FamilyAccess:
    """The facts a write rests on, read now from the database and held until the transaction ends.

    For a write, inside its transaction, on a family row the caller has locked and read again
    (`casework.services.checks.lock_family`): never the facts cached on the request's family object,
    which were true when the page was fetched, not necessarily when the write happens. Ending the
    assignment or closing the family locks the family row, so they wait for this write (or it sees
    them); ending the membership (or the account) or the substitution updates the rows held here.
    `read` is left False: a write never rests on a reason to read alone.
    """
    if not user.is_authenticated:
        return FamilyAccess(user_id=0, read=False, member=False, leads=False, substitutes=False)
    # Joined to the user, so FOR SHARE holds the account row too (deactivating it waits, or is seen).
    roles = _rows_held(
        Membership.objects.active().filter(user_id=user.pk, user__is_active=True, team_id=family.team_id), "role"
    )
    substitutes = (
        bool(roles)
        and family.manager_id != user.pk
        and bool(_rows_held(Substitution.objects.active().filter(family_id=family.pk, substitute_id=user.pk), "pk"))
    )
    return FamilyAccess(
        user_id=user.pk,
        read=False,
        member=bool(roles),
        leads=any(role == TeamRole.TEAMLEIDER for (role,) in roles),
        substitutes=substitutes,
    )


def _leads_team(*, user: User, team_id: int) -> bool:
    return user_leads_team(user=user, team_id=team_id)


def can_manage(*, user: User, family: Family) -> bool:
    """Teamleider of the family's team: assignments, phase, closing."""
    known = known_access(user=user, family=family)
    if known is not None:
        return known.leads
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
    if _active_user(user) and user.org_role != OrgRole.BESTUUR:  # compiled once a day, as the reading rule
        compiled = compiled_readable_ids(user=user, for_lists=False, build=writable_id_set)
        if compiled is not None:
            return Family.objects.filter(pk__in=compiled[1])
    return families_readable_by(user=user).filter(pk__in=writable_id_set(user=user, for_lists=False)[1])


def writable_id_set(*, user: User, for_lists: bool) -> tuple[str, QuerySet | list]:
    """The ids of `families_writable_by` (`for_lists` is not used: writing never depends on a list)."""
    # One indexed id set (own families by manager, substitutions by substitute) instead of an OR
    # that no index serves.
    own = Family.objects.filter(manager=user).order_by().values("pk")
    substituting = Substitution.objects.active().filter(substitute=user).order_by().values("family_id")
    field, readable = readable_id_set(user=user, for_lists=False)
    ids = Family.objects.filter(**{f"{field}__in": readable}).filter(pk__in=own.union(substituting, all=True))
    return "pk", ids.exclude(phase="afgesloten").order_by().values("pk")
