"""`{% leads_team team as leads %}`: whether the user leads this team (the "Toegang" tab on team pages)."""

from django import template

from accounts.grants.selectors import leads_team as _leads_team
from accounts.selectors import request_leads_a_team

register = template.Library()


@register.simple_tag(takes_context=True)
def leads_team(context, team) -> bool:
    user = context.get("user")
    if team is None or user is None or not user.is_authenticated:
        return False
    request = context.get("request")
    if request is not None and getattr(request, "user", None) == user:
        # The request's memberships, read once for the menu and the tabs alike.
        return request_leads_a_team(request, team_id=team.pk)
    return _leads_team(user=user, team=team)
