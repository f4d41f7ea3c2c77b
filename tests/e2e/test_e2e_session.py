"""End to end in headless Chromium: from a dashboard signal to a decision on the family's timeline."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import TeamRole
from tests.support.browser import assert_accessible, login
from tests.support.factories import ContactFactory, MembershipFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_teamleider_puts_a_signalled_family_on_the_agenda_and_records_a_decision(live_server, cast, page):
    family = cast.family
    team = family.team
    MembershipFactory(team=team, role=TeamRole.GEDRAGSWETENSCHAPPER, user__username="gw")
    MembershipFactory(team=team, role=TeamRole.SENIOR, user__username="senior")
    # Safety dropped from 6 to 3 at the latest contact: the family is signalled.
    ContactFactory(family=family, date=timezone.localdate() - dt.timedelta(days=1), safety_score=3, lijn_score=3)

    login(page, live_server, "teamleider")
    page.goto(live_server.url + "/team/")
    row = page.locator("tr", has_text=family.name)
    assert "4 of lager" in row.inner_text() or "Veiligheid 3" in row.inner_text()
    assert_accessible(page)

    page.goto(live_server.url + reverse("teams:session_list"))
    page.get_by_role("link", name="Sessie plannen").click()
    page.wait_for_url(re.compile(r"/team/sessies/nieuw/"))
    next_week = page.input_value("#id_starts_at")
    assert next_week.startswith((timezone.localdate() + dt.timedelta(days=7)).isoformat())
    # Today's session, at the start of the day: its decision may be recorded now (teams.sessions.services).
    page.fill("#id_starts_at", f"{timezone.localdate().isoformat()}T00:00")
    page.get_by_role("button", name="Plannen").click()
    page.wait_for_url(re.compile(r"/voorbereiden/$"))
    assert_accessible(page)

    candidates = page.locator("ul.candidates > li", has_text=family.name)
    assert "Veiligheid" in candidates.inner_text()
    candidates.get_by_role("button", name=re.compile("Op de agenda")).click()
    page.wait_for_load_state()
    assert page.get_by_text(f"{family.name} staat op de agenda.").is_visible()
    page.get_by_role("button", name="Agenda publiceren").click()
    page.wait_for_load_state()

    page.get_by_role("link", name=re.compile("Bespreken en besluiten")).first.click()
    page.wait_for_url(re.compile(r"/casus/\d+/$"))
    assert_accessible(page)
    page.fill("#id_kern-safe_now", "Nu wel: oma slaapt deze week bij het gezin.")
    page.fill("#id_besluit-text", "Netwerkberaad met oma en de buurvrouw binnen twee weken.")
    page.fill("#id_actie-0-description", "Netwerkberaad plannen")
    page.select_option("#id_actie-0-owner", label=str(cast.worker))
    page.fill("#id_actie-0-due_on", (timezone.localdate() + dt.timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Antwoorden en besluit vastleggen").click()
    page.wait_for_url(re.compile(r"/team/sessies/\d+/$"))
    assert "Netwerkberaad met oma" in page.locator("main").inner_text()
    assert_accessible(page)

    login(page, live_server, "worker")
    assert "Netwerkberaad plannen" in page.locator("section.worklist").inner_text()
    page.goto(live_server.url + reverse("casework:family_detail", kwargs={"family_id": family.pk}))
    timeline = page.locator("ol.timeline").inner_text()
    assert "Netwerkberaad met oma en de buurvrouw binnen twee weken." in timeline
    assert "Netwerkberaad plannen" in timeline
    assert page.csp_errors == []
