"""Template context every page needs about the person looking at it."""

from django.utils.functional import SimpleLazyObject

from .models import Membership


def team_membership(request) -> dict:
    """`has_team`: whether the user is an active member of any team (the "Team" link in the menu).

    Lazy: the one small EXISTS query runs only when a template asks, and at
    most once per request.
    """

    def has_team() -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        return Membership.objects.active().filter(user=user).exists()

    return {"has_team": SimpleLazyObject(has_team)}
