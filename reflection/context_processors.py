"""Where the "Reflectie" menu entry leads for the person looking, if anywhere."""

from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from accounts.models import OrgRole, TeamRole
from accounts.selectors import memberships_of_request


def reflection_nav(request) -> dict:
    """`reflection_url`: "Mijn reflecties" for workers and seniors, the team aggregate for those who read it.

    Lazy: from the request's memberships, read once per request (`memberships_of_request`).
    """

    def url() -> str:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return ""
        # The request's memberships, read once for the whole menu (accounts.selectors).
        roles = {role for _team, role in memberships_of_request(request)}
        if roles & {TeamRole.GEZINSMANAGER, TeamRole.SENIOR}:
            return reverse("reflection:mine")
        if TeamRole.TEAMLEIDER in roles or user.org_role in (OrgRole.BESTUUR, OrgRole.AUDITOR):
            return reverse("reflection:team")
        return ""

    return {"reflection_url": SimpleLazyObject(url)}
