"""End to end in headless Chromium: beheer proposes a team membership, the teamleider approves it."""

import os
import re
import tempfile

import pytest
from django.urls import reverse

from accounts.models import Membership, TeamRole
from tests.support.browser import assert_accessible, login
from tests.support.factories import UserFactory
from tests.support.partners_support import make_partner

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOT = os.environ.get("E2E_SCREENSHOT_DIR") or tempfile.gettempdir()


def _shot(page, name: str) -> None:
    page.screenshot(path=os.path.join(SCREENSHOT, f"grants_{name}.png"), full_page=True)


def test_beheer_proposes_a_membership_and_the_teamleider_approves_it(live_server, cast, page):
    newcomer = UserFactory(username="nieuw", first_name="Noor", last_name="Nieuwenhuis")
    team = cast.family.team
    login(page, live_server, "beheer")
    page.get_by_role("link", name="Voorstellen", exact=True).click()
    page.wait_for_url(re.compile(r"/voorstellen/$"))
    page.get_by_role("link", name="Voorstel doen").click()
    assert_accessible(page)
    _shot(page, "1_kinds")
    page.get_by_role("link", name="Teamlidmaatschap").click()
    page.select_option("#id_user", str(newcomer.pk))
    page.select_option("#id_team", str(team.pk))
    page.select_option("#id_role", TeamRole.GEZINSMANAGER)
    page.get_by_role("button", name="Voorstellen").click()  # no reason yet: refused, the choices kept
    assert "Toelichting: Dit veld is vereist" in page.inner_text(".error-summary")
    assert page.input_value("#id_user") == str(newcomer.pk)
    page.fill("#id_reason", "Noor begint maandag als gezinsmanager in Team Noord.")
    assert_accessible(page)
    _shot(page, "2_propose")
    page.get_by_role("button", name="Voorstellen").click()
    page.wait_for_url(re.compile(r"/voorstellen/\d+/$"))
    assert "Voorstel gedaan" in page.inner_text(".messages")
    assert page.get_by_role("button", name="Goedkeuren").count() == 0  # not by the one who proposed it
    assert_accessible(page)
    _shot(page, "3_proposed")
    assert not Membership.objects.filter(user=newcomer).exists()

    login(page, live_server, "teamleider")
    page.goto(live_server.url + reverse("dashboard:team_dashboard"))
    page.get_by_role("link", name="Toegang", exact=True).click()
    page.wait_for_url(re.compile(r"/voorstellen/team/"))
    assert "Noor Nieuwenhuis wordt gezinsmanager in Team Noord" in page.inner_text("main")
    assert_accessible(page)
    _shot(page, "4_team_open")
    page.get_by_role("link", name=re.compile("Noor Nieuwenhuis wordt gezinsmanager")).first.click()
    page.fill("#id_reason", "Welkom, Noor")
    _shot(page, "5_decide")
    page.get_by_role("button", name="Goedkeuren").click()
    page.wait_for_url(re.compile(r"/voorstellen/\d+/$"))
    assert "Goedgekeurd" in page.inner_text(".messages")
    assert Membership.objects.active().filter(user=newcomer, team=team, role=TeamRole.GEZINSMANAGER).exists()
    page.goto(live_server.url + reverse("grants:team"))
    rows = page.inner_text("main")
    assert "Goedgekeurd en toegepast" in rows and "Voorgesteld" in rows and "Welkom, Noor" in rows
    assert_accessible(page)
    _shot(page, "6_team_record")
    assert not page.csp_errors


def test_the_security_officer_approves_a_partner_client_and_sees_the_secret_once(live_server, cast, page):
    UserFactory(username="security", org_role="security")
    partner = make_partner("Jeugdhulp Oost")
    login(page, live_server, "beheer")
    page.goto(live_server.url + reverse("grants:propose", args=["partner_client"]))
    page.select_option("#id_partner", str(partner.pk))
    page.fill("#id_name", "Registratiesysteem")
    page.check("input[value='inzetten:lezen']")
    page.fill("#id_purpose", "Afstemmen van de hulp")
    page.fill("#id_reason", "Jeugdhulp Oost koppelt hun registratie.")
    page.get_by_role("button", name="Voorstellen").click()
    page.wait_for_url(re.compile(r"/voorstellen/\d+/$"))
    detail = page.url

    login(page, live_server, "security")
    page.goto(live_server.url + reverse("grants:list"))
    assert_accessible(page)
    _shot(page, "7_list_security")
    page.get_by_role("link", name=re.compile("Nieuw partnersysteem Registratiesysteem")).click()
    page.get_by_role("button", name="Goedkeuren").click()
    page.wait_for_load_state()
    secret = page.inner_text("dl.secret-values")
    assert "Client-secret" in secret
    assert_accessible(page)
    _shot(page, "8_secret_once")
    page.goto(detail)
    assert "Client-secret" not in page.inner_text("main")
    assert not page.csp_errors
