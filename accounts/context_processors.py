"""Template context every page needs about the person looking at it."""

from django.conf import settings
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


def session_timeout(request) -> dict:
    """The idle timeout and when to warn before it, for the warning script's data- attributes."""
    return {
        "session_idle_seconds": settings.SESSION_COOKIE_AGE,
        "session_warn_seconds": settings.SESSION_WARNING_MINUTES * 60,
    }
