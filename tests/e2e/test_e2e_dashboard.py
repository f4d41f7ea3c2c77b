"""The team dashboard and the team figures pass axe-core without serious or critical violations, under the CSP."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import Measure
from tests.support.browser import login, serious_accessibility_violations
from tests.support.factories import ContactFactory, FamilyFactory, MemberFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _check(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    # Open every "numbers behind the chart" table so axe checks them too.
    for summary in page.locator("details > summary").all():
        summary.click()
    violations = serious_accessibility_violations(page)
    assert not violations, f"{url}: {violations}"


def test_teamleider_dashboard_and_figures(live_server, cast, page):
    today = timezone.localdate()
    # Something to show: a signalled family with a child whose OTS ends soon, and a closed family.
    family = FamilyFactory(team=cast.family.team, manager=cast.colleague, name="Gezin Bakker")
    ContactFactory(family=family, date=today - dt.timedelta(days=30), safety_score=7, lijn_score=5)
    ContactFactory(family=family, date=today - dt.timedelta(days=2), safety_score=3, lijn_score=5)
    child = MemberFactory(family=family, first_name="Noor", date_of_birth=dt.date(2014, 6, 1))
    Measure.objects.create(
        child=child, kind="ots", start=today - dt.timedelta(days=300), end=today + dt.timedelta(days=20)
    )
    FamilyFactory(team=cast.family.team, phase="afgesloten", closed_on=today - dt.timedelta(days=40))

    login(page, live_server, "teamleider")
    page.get_by_role("link", name="Team", exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("dashboard:team_dashboard"))
    row = page.locator("tr", has_text="Gezin Bakker")
    assert "Veiligheid van 7 naar 3 (−4)" in row.inner_text()
    assert "OTS van Noor eindigt op" in row.inner_text()
    _check(page, page.url)
    page.select_option("#id_signaal", "maatregel_eindigt")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_load_state()
    assert page.locator("table.dashboard tbody tr").count() == 1
    _check(page, page.url)
    _check(page, live_server.url + reverse("dashboard:team_figures"))
    assert page.locator("svg.bar-chart").count() == 5
    assert page.csp_errors == []
