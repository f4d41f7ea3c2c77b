"""Reads about people and teams."""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from core.db_router import primary_values

from .models import Membership, Team, TeamRole, User


def team_ids_for_user(*, user: User) -> QuerySet | list:
    """Ids of the teams the user is an active member of, as a subquery.

    Returned lazily so callers can embed it in one SQL statement instead of
    running an extra query per page; on a page that reads from the replica, read on the primary
    first (`core.db_router.primary_values`: who may see what is never decided on the replica).
    """
    return primary_values(Membership.objects.active().filter(user=user), "team_id")


def team_ids_led_by(*, user: User) -> QuerySet | list:
    return primary_values(Membership.objects.active().filter(user=user, role=TeamRole.TEAMLEIDER), "team_id")


def user_leads_team(*, user: User, team_id: int) -> bool:
    """Whether the user is an active teamleider of this team (Membership: always read on the primary)."""
    return Membership.objects.active().filter(user=user, role=TeamRole.TEAMLEIDER, team_id=team_id).exists()


def team_list_for_user(*, user: User) -> QuerySet[Team]:
    return Team.objects.filter(id__in=team_ids_for_user(user=user))


def teams_led_by(*, user: User) -> QuerySet[Team]:
    return Team.objects.filter(id__in=team_ids_led_by(user=user))


def user_team_roles(*, user: User) -> set[str]:
    return set(Membership.objects.active().filter(user=user).values_list("role", flat=True))


def gezinsmanagers_of_team(*, team: Team) -> QuerySet[User]:
    """Members who can be assigned a family (gezinsmanagers and seniors carry cases)."""
    return (
        User.objects.filter(
            memberships__in=Membership.objects.active().filter(
                team=team, role__in=[TeamRole.GEZINSMANAGER, TeamRole.SENIOR]
            ),
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


def team_choice_for_user(*, user: User, team_id: int | str | None = None) -> tuple[Team, list[Team]]:
    """The team a page shows (`?team=`, default the first) and every team the user may switch to.

    Only active members reach a team; anyone else, and a team that is not
    theirs, gets 404. One query.
    """
    if not user.is_authenticated or not user.is_active:
        raise Http404("Geen team")
    teams = list(Team.objects.filter(id__in=team_ids_for_user(user=user)).order_by("name", "id"))
    if not teams:
        raise Http404("Geen team")
    if team_id in (None, ""):
        return teams[0], teams
    try:
        wanted = int(team_id)  # type: ignore[arg-type]  # None was handled above; "x" raises ValueError
    except (TypeError, ValueError):
        raise Http404("Team niet gevonden") from None
    team = next((t for t in teams if t.pk == wanted), None)
    if team is None:
        raise Http404("Team niet gevonden")
    return team, teams


# --- the memberships of the person making this request, read once ------------------------


def memberships_of_request(request: HttpRequest) -> frozenset[tuple[int, str]]:
    """The requesting user's active memberships as (team id, team role), one query per request.

    The menu ("Team", "Reflectie"), the team tabs and the pages ask the same
    question several times per request; this reads it once and keeps it on the
    request, which lives no longer than the answer holds. Nothing outside a
    request should use it: a selector called with a user reads the database.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    # Kept with the user's id: a log-in or log-out within the request changes whose memberships these are.
    cached = getattr(request, "_gg_memberships", None)
    if cached is None or cached[0] != user.pk:
        rows = Membership.objects.active().filter(user=user).order_by().values_list("team_id", "role")
        cached = (user.pk, frozenset(rows))
        setattr(request, "_gg_memberships", cached)  # noqa: B010  # an attribute HttpRequest does not declare
    return cached[1]


def request_leads_a_team(request: HttpRequest, *, team_id: int | None = None) -> bool:
    """Whether the requesting user is an active teamleider (of `team_id`, or of any team)."""
    return any(
        role == TeamRole.TEAMLEIDER and (team_id is None or team == team_id)
        for team, role in memberships_of_request(request)
    )
