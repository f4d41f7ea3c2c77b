"""Where the "Reflectie" menu entry leads for the person looking, if anywhere."""

from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from accounts.models import Membership, OrgRole, TeamRole


def reflection_nav(request) -> dict:
    """`reflection_url`: "Mijn reflecties" for workers and seniors, the team aggregate for those who read it.

    Lazy: one small query, only when the menu asks, at most once per request.
    """

    def url() -> str:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return ""
        # order_by(): Membership's default ordering would put team and user names into the
        # SELECT DISTINCT (two joins, a row per membership) on every page.
        roles = set(Membership.objects.active().filter(user=user).order_by().values_list("role", flat=True).distinct())
        if roles & {TeamRole.GEZINSMANAGER, TeamRole.SENIOR}:
            return reverse("reflection:mine")
        if TeamRole.TEAMLEIDER in roles or user.org_role in (OrgRole.BESTUUR, OrgRole.AUDITOR):
            return reverse("reflection:team")
        return ""

    return {"reflection_url": SimpleLazyObject(url)}
