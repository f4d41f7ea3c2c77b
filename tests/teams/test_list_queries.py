"""The three long lists ("Mijn gezinnen", the team list, the team dashboard): a fixed number of queries.

Counted at a small team, then again after families with contacts, plans with
agreements past due, children with measures ending, discussions and a
substitution were added: the counts must be equal and stay under a bound.
Also: the requesting user's memberships are read once per request, however
many parts of the page (menu, reflection link, team tabs, the page) ask.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casework.models import Measure, Phase, Substitution
from tests.support.clock import FIXED_DAY
from tests.support.dashboard_support import discuss_in_session
from tests.support.factories import (
    AgreementFactory,
    ContactFactory,
    FamilyFactory,
    MemberFactory,
    PlanVersionFactory,
)

pytestmark = pytest.mark.usefixtures("fixed_day")

# What the pages make today, with a little room; a new per-row query would blow through it at once.
BOUNDS = {"mijn-gezinnen": 18, "team": 16, "team-teamleider": 16, "dashboard": 18, "dashboard-signalen": 18}


def _grow(cast, families: int) -> None:
    team, today = cast.family.team, FIXED_DAY
    for i in range(families):
        manager = cast.worker if i % 2 else cast.colleague
        family = FamilyFactory(team=team, manager=manager, phase=[Phase.BETREKKEN, Phase.ONDERSTEUNEN][i % 2])
        child = MemberFactory(family=family, date_of_birth=today - dt.timedelta(days=18 * 365 - 30))
        Measure.objects.create(child=child, kind="ots", start=today - dt.timedelta(days=300), end=today)
        plan = PlanVersionFactory(family=family, number=1)
        AgreementFactory(plan=plan, due_on=today - dt.timedelta(days=3))
        for week in range(3):
            ContactFactory(family=family, date=today - dt.timedelta(weeks=4 * week + 1), safety_score=3 + week)
        discuss_in_session(cast, family, timezone.now() - dt.timedelta(weeks=1))
        if i % 3 == 0:
            Substitution.objects.create(
                family=family,
                substitute=cast.worker,
                start=today - dt.timedelta(days=1),
                end=today + dt.timedelta(days=5),
                reason="vakantie",
                author=cast.teamleider,
            )
        FamilyFactory(team=team, manager=manager, phase=Phase.AFGESLOTEN, closed_on=today - dt.timedelta(days=i))


PAGES = [
    ("mijn-gezinnen", "worker", "casework:my_families", ""),
    ("team", "worker", "casework:my_families", "?alle=1"),
    ("team-teamleider", "teamleider", "casework:my_families", "?alle=1&afgesloten=1"),
    ("dashboard", "teamleider", "dashboard:team_dashboard", ""),
    ("dashboard-signalen", "teamleider", "dashboard:team_dashboard", "?signaal=elk"),
]


def _queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize(("page", "who", "name", "query"), PAGES, ids=[p[0] for p in PAGES])
def test_list_pages_make_a_fixed_number_of_queries(client, cast, page, who, name, query):
    client.force_login(getattr(cast, who))
    url = reverse(name) + query
    _grow(cast, families=2)
    small = len(_queries(client, url))
    _grow(cast, families=12)
    large = _queries(client, url)
    assert small == len(large), f"{url}: {small} queries with 4 families, {len(large)} with 16"
    assert len(large) <= BOUNDS[page], "\n".join(large)


@pytest.mark.parametrize(("page", "who", "name", "query"), PAGES, ids=[p[0] for p in PAGES])
def test_memberships_are_read_once_per_request(client, cast, page, who, name, query):
    client.force_login(getattr(cast, who))
    sql = _queries(client, reverse(name) + query)
    # Queries whose own table is the memberships (not those that only use them in a subquery).
    own = [s for s in sql if s.startswith("SELECT") and s.split(" FROM ", 1)[1].startswith('"accounts_membership"')]
    assert len(own) <= 1, own
