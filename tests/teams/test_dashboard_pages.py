"""The team dashboard's pages: who sees them, what they show and log, and a fixed number of queries.

Through the test client with the fixed cast (tests/support/cast.py): Team Noord has
Gezin De Vries (worker), Team Zuid has Gezin Yilmaz (outsider).
"""

import datetime as dt
import re

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import TeamRole
from casework.models import Measure, Phase
from privacy.models import AccessLogEntry, Action
from teams.dashboard import selectors
from teams.models import PhaseNorm
from tests.support.dashboard_support import discuss_in_session, family_with_scores
from tests.support.factories import ContactFactory, FamilyFactory, MemberFactory, MembershipFactory

# --- pages: who sees them --------------------------------------------------------------------

ROLES = ["worker", "colleague", "teamleider", "outsider", "bestuur", "auditor", "beheer"]
PAGES = ["dashboard:team_dashboard", "dashboard:team_figures"]


@pytest.mark.parametrize("role", ROLES)
def test_dashboard_pages_for_every_role(client, cast, role):
    client.force_login(getattr(cast, role))
    for name in PAGES:
        response = client.get(reverse(name))
        want = 200 if role in ("worker", "colleague", "teamleider", "outsider") else 404
        assert response.status_code == want, f"{role} GET {name}: {response.status_code}, expected {want}"
        if want == 200:
            assert response.context["team"] == (cast.other_family.team if role == "outsider" else cast.family.team)
        if name == "dashboard:team_dashboard" and role == "outsider":
            content = response.content.decode()
            assert "Gezin Yilmaz" in content
            assert "Gezin De Vries" not in content
        # Asking for a team that is not yours is "not found", also for members of another team.
        other = cast.family.team if role == "outsider" else cast.other_family.team
        assert client.get(reverse(name), {"team": other.pk}).status_code == 404
    assert client.get(reverse("dashboard:team_dashboard"), {"team": "noord"}).status_code == 404


def test_member_of_two_teams_chooses(client, cast):
    MembershipFactory(user=cast.teamleider, team=cast.other_family.team, role=TeamRole.TEAMLEIDER)
    client.force_login(cast.teamleider)
    assert selectors.dashboard_team_for_user(user=cast.teamleider) == cast.family.team  # Noord before Zuid
    response = client.get(reverse("dashboard:team_dashboard"), {"team": cast.other_family.team.pk})
    assert "Gezin Yilmaz" in response.content.decode()
    assert "Gezin De Vries" not in response.content.decode()


def test_ended_membership_no_longer_sees_the_dashboard(cast):
    membership = cast.worker.memberships.get()
    membership.end = timezone.localdate() - dt.timedelta(days=1)
    membership.save()
    with pytest.raises(Http404):
        selectors.dashboard_team_for_user(user=cast.worker)


def test_team_link_in_the_menu_only_for_team_members(client, cast):
    client.force_login(cast.worker)
    assert 'href="/team/"' in client.get(reverse("casework:my_families")).content.decode()
    client.force_login(cast.bestuur)
    assert 'href="/team/"' not in client.get(reverse("home")).content.decode()


# --- pages: what they show -------------------------------------------------------------------


def test_dashboard_page_shows_signals_and_logs_every_family_shown(client, cast):
    low = family_with_scores(cast, (10, 7, 5), (3, 3, 5), name="Gezin Laag")
    client.force_login(cast.teamleider)
    content = client.get(reverse("dashboard:team_dashboard")).content.decode()
    assert "Veiligheid 3: 4 of lager" in content
    assert "Veiligheid van 7 naar 3 (−4)" in content
    assert reverse("casework:family_detail", kwargs={"family_id": low.pk}) in content
    assert "4 of lager" in content  # the rules, from the settings
    logged = AccessLogEntry.objects.filter(user=cast.teamleider, what="teamdashboard")
    assert list(logged.values_list("family_ids", flat=True)) == [sorted([cast.family.pk, low.pk])]  # one row
    assert set(logged.values_list("action", flat=True)) == {Action.LIST}


def test_dashboard_page_filters(client, cast):
    family_with_scores(cast, (3, 3, 5), name="Gezin Laag")
    theirs = FamilyFactory(team=cast.family.team, manager=cast.colleague, phase=Phase.BETREKKEN, name="Gezin Collega")
    ContactFactory(family=theirs, date=timezone.localdate())
    client.force_login(cast.teamleider)
    url = reverse("dashboard:team_dashboard")

    def shown(**params):
        return [r.family.name for r in client.get(url, params).context["rows"]]

    assert shown() == ["Gezin Collega", "Gezin De Vries", "Gezin Laag"]
    assert shown(signaal="veiligheid_laag") == ["Gezin Laag"]
    assert shown(gezinsmanager=cast.colleague.pk) == ["Gezin Collega"]
    assert shown(fase="betrekken") == ["Gezin Collega"]
    assert shown(fase="ondersteunen", gezinsmanager=cast.worker.pk) == ["Gezin De Vries", "Gezin Laag"]
    # A bad value is shown as an error next to its field and ignored, not a 500.
    response = client.get(url, {"signaal": "bestaat-niet", "fase": "betrekken"})
    assert response.status_code == 200
    assert "signaal" in response.context["form"].errors
    assert [r.family.name for r in response.context["rows"]] == ["Gezin Collega"]
    assert AccessLogEntry.objects.filter(what="teamdashboard", family_ids__has=theirs.pk).exists()


def test_figures_page_draws_charts_with_the_numbers_behind_them(client, cast):
    client.force_login(cast.teamleider)
    response = client.get(reverse("dashboard:team_figures"))
    content = response.content.decode()
    assert content.count("<svg") == 5
    assert content.count("De cijfers achter de grafiek") == 5
    assert content.count("<details>") == 5
    # Coordinates are plain numbers even in a Dutch locale ("83,5" would break the picture).
    assert re.search(r'<rect x="\d+(\.\d+)?" y="\d+(\.\d+)?"', content)
    assert not re.search(r' (x|y|x1|x2|y1|y2|width|height)="[^"]*,', content)
    assert "style=" not in content, "a strict CSP allows no inline style"
    assert not AccessLogEntry.objects.filter(user=cast.teamleider).exists(), "aggregates only: nothing to log"


# --- pages: a fixed number of queries --------------------------------------------------------


def _grow(cast, families: int):
    """Families for the team with contacts, children, measures, discussions: every part of a row busy."""
    team = cast.family.team
    today = timezone.localdate()
    for i in range(families):
        manager = cast.worker if i % 2 else cast.colleague
        family = FamilyFactory(team=team, manager=manager, phase=[Phase.BETREKKEN, Phase.ONDERSTEUNEN][i % 2])
        child = MemberFactory(family=family, date_of_birth=today - dt.timedelta(days=18 * 365 - 30))
        Measure.objects.create(child=child, kind="ots", start=today - dt.timedelta(days=300), end=today)
        for week in range(3):
            ContactFactory(family=family, date=today - dt.timedelta(weeks=4 * week + 1), safety_score=3 + week)
        discuss_in_session(cast, family, timezone.now() - dt.timedelta(weeks=1))
        FamilyFactory(team=team, manager=manager, phase=Phase.AFGESLOTEN, closed_on=today - dt.timedelta(days=i))


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("dashboard:team_dashboard", ""),
        ("dashboard:team_dashboard", "?signaal=elk&fase=betrekken"),
        ("dashboard:team_figures", ""),
    ],
    ids=["dashboard", "dashboard-gefilterd", "cijfers"],
)
def test_query_count_does_not_grow_with_the_team(client, cast, name, query):
    url = reverse(name) + query
    PhaseNorm.objects.create(team=cast.family.team, phase=Phase.BETREKKEN, max_days=10)
    client.force_login(cast.teamleider)
    _grow(cast, families=1)  # 2 active families
    small = _count_queries(client, url)
    _grow(cast, families=10)  # 12 active families
    large = _count_queries(client, url)
    assert small == large, f"{url}: {small} queries with 2 families, {large} with 12"
