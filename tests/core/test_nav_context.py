"""The menu's context processors: what they cost on every page, for every role of the cast."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import TeamRole
from reflection.context_processors import reflection_nav
from tests.support.factories import MembershipFactory

# Session, user, the second factor's device (django-otp's OTPMiddleware), the page's own two (list and mark
# read), the session save with its savepoint pair, and the menu: team membership, audits, reflection entry,
# unread count. Nothing on the menu may grow with the data.
PAGE_BUDGET = 12


def test_reflection_nav_asks_roles_without_joins(cast):
    """Membership's default ordering (team, role, user) must not drag two joins into the DISTINCT on every page."""
    MembershipFactory(team=cast.other_family.team, role=TeamRole.GEZINSMANAGER, user=cast.teamleider)
    request = RequestFactory().get("/")
    request.user = cast.teamleider
    with CaptureQueriesContext(connection) as ctx:
        url = str(reflection_nav(request)["reflection_url"])
    assert url == reverse("reflection:mine")  # a gezinsmanager somewhere: their own reflections first
    assert len(ctx) == 1
    sql = ctx.captured_queries[0]["sql"]
    assert "JOIN" not in sql
    assert "accounts_team" not in sql and "accounts_user" not in sql


@pytest.mark.parametrize("who", ["worker", "colleague", "outsider", "teamleider", "bestuur", "auditor", "beheer"])
def test_simple_page_stays_within_query_budget(client, cast, senior, who):
    client.force_login(getattr(cast, who))
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("notifications"))
    assert response.status_code == 200
    assert len(ctx) <= PAGE_BUDGET, [q["sql"][:120] for q in ctx.captured_queries]
