"""Who may read a reflection: the worker, and their senior. Nobody else, ever.

A reflection is for learning, never for judging (DESIGN.md section 4): the
teamleider, the board, auditors, functioneel beheer and colleagues never see an
individual reflection, not even when they are in the same team; they see only
the anonymous team aggregate (aggregate.py).

Which senior: the stricter choice. Not every senior of the team, but the senior
who held the reflection, and only while they are still an active senior in a
team the worker is a member of. A worker's reflections therefore do not spread
to every senior who passes through the team. When the worker changes senior
(moves team, or the senior leaves), the former senior loses access by that same
rule, and the worker decides whether the new senior may read earlier
reflections (ReflectionShare): it is the worker's learning history.
"""

from django.db.models import Q, QuerySet

from accounts.models import Membership, TeamRole, User

from .models import ReflectionShare


def worker_ids_of_senior(*, user: User) -> QuerySet:
    """Users who are active members of a team in which `user` is an active senior, as a subquery."""
    senior_teams = Membership.objects.active().filter(user=user, role=TeamRole.SENIOR).values("team_id")
    return Membership.objects.active().filter(team_id__in=senior_teams).exclude(user=user).values("user_id")


def readable_reflections_filter(*, user: User) -> Q:
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    held_or_shared = Q(senior=user) | Q(pk__in=ReflectionShare.objects.filter(senior=user).values("reflection_id"))
    return Q(worker=user) | (held_or_shared & Q(worker_id__in=worker_ids_of_senior(user=user)))
