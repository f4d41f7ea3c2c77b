"""Report pages in a real browser: reachable from the menu, accessible (axe-core), no CSP errors."""

import pytest
from django.urls import reverse
from django.utils import timezone

from reports import services
from reports.models import ReportKind
from reports.periods import last_month, last_week
from tests.support.browser import login, serious_accessibility_violations
from tests.support.factories import ContactFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _check(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    for summary in page.locator("details > summary").all():
        summary.click()
    violations = serious_accessibility_violations(page)
    assert not violations, f"{url}: {violations}"


def test_team_and_board_reports_are_accessible(live_server, cast, page):
    week, month = last_week(timezone.localdate()), last_month(timezone.localdate())
    ContactFactory(family=cast.family, date=week[1], safety_score=2)
    noord = cast.family.team
    weekly = services.report_generate(kind=ReportKind.WEEK_TEAM, team=noord, period_start=week[0])
    monthly = services.report_generate(kind=ReportKind.MONTH_TEAM, team=noord, period_start=month[0])
    board = services.report_generate(kind=ReportKind.MONTH_BOARD, period_start=month[0])

    login(page, live_server, "teamleider")
    page.get_by_role("link", name="Rapportages", exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("reports:list"))
    _check(page, page.url)
    _check(page, live_server.url + reverse("reports:detail", args=[weekly.pk]))
    assert "Gezin De Vries" in page.content()
    assert page.locator("svg.bar-chart").count() == 4
    _check(page, live_server.url + reverse("reports:detail", args=[monthly.pk]))
    assert page.csp_errors == []

    login(page, live_server, "bestuur")
    _check(page, live_server.url + reverse("reports:detail", args=[board.pk]))
    assert page.locator("svg.bar-chart").count() == 4
    assert page.csp_errors == []
