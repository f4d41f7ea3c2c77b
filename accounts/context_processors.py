"""Template context every page needs about the person looking at it."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .selectors import memberships_of_request


def team_membership(request) -> dict:
    """`has_team`: whether the user is an active member of any team (the "Team" link in the menu).

    Lazy, and from the request's memberships (`memberships_of_request`): one
    query per request, shared with the other menu entries and the team tabs.
    """

    def has_team() -> bool:
        return bool(memberships_of_request(request))

    return {"has_team": SimpleLazyObject(has_team)}


def session_timeout(request) -> dict:
    """The idle timeout and when to warn before it, for the warning script's data- attributes.

    The browser counts from the page's load, but the server may have pushed the session's end on
    up to SESSION_RENEW_SECONDS before that (core.sessions writes at most once a minute): the
    browser is told the shorter time, so "Ingelogd blijven" never comes after the server's end.
    """
    renew = getattr(settings, "SESSION_RENEW_SECONDS", 0)
    return {
        "session_idle_seconds": max(settings.SESSION_COOKIE_AGE - renew, 60),
        "session_warn_seconds": settings.SESSION_WARNING_MINUTES * 60,
    }
