"""End to end in headless Chromium: a kwestie from a family page up to the board and back solved."""

import re

import pytest
from django.urls import reverse

from tests.support.browser import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _step(page, step_label, text):
    if step_label:
        page.get_by_label(step_label).check()
    page.fill("#id_text", text)
    page.get_by_role("button", name="Vastleggen").click()
    page.wait_for_load_state()
    assert page.get_by_text("Vastgelegd.").is_visible()


def test_kwestie_is_escalated_to_the_board_and_solved(live_server, cast, page):
    family = cast.family
    login(page, live_server, "worker")
    page.goto(live_server.url + reverse("casework:family_detail", kwargs={"family_id": family.pk}))
    page.get_by_role("link", name="Kwestie inbrengen").click()
    page.wait_for_url(re.compile(r"/kwesties/nieuw/"))
    assert page.get_by_label(family.name).is_checked()
    assert_accessible(page)
    page.fill("#id_title", "GGZ Oost start de traumabehandeling niet")
    page.fill("#id_blocks", "Sanne wacht 14 weken; zonder behandeling blijft de veiligheid laag.")
    page.select_option("#id_kind", "wachtlijst")
    page.fill("#id_partner_name", "GGZ Oost")
    page.get_by_role("button", name="Inbrengen").click()
    page.wait_for_url(re.compile(r"/kwesties/\d+/$"))
    kwestie_url = page.url
    assert_accessible(page)
    _step(page, "Escaleren naar het volgende niveau", "Ik krijg de GGZ niet in beweging.")

    login(page, live_server, "colleague")
    page.goto(kwestie_url)
    _step(page, "Escaleren naar het volgende niveau", "Ook als team lukt het niet: het is een wachtlijst.")

    login(page, live_server, "teamleider")
    page.goto(kwestie_url)
    _step(page, "Escaleren naar het volgende niveau", "Bestuurlijk overleg met GGZ Oost nodig.")

    login(page, live_server, "bestuur")
    page.goto(live_server.url + reverse("kwesties:board"))
    assert "GGZ Oost start de traumabehandeling niet" in page.locator("main").inner_text()
    assert family.name not in page.content()
    assert_accessible(page)
    page.get_by_role("link", name="GGZ Oost start de traumabehandeling niet").click()
    _step(page, "Opgelost", "GGZ Oost start binnen twee weken voor alle kinderen van de GI.")

    login(page, live_server, "worker")
    page.goto(kwestie_url)
    main = page.locator("main").inner_text()
    assert "Opgelost" in main and "GGZ Oost start binnen twee weken" in main
    page.goto(live_server.url + reverse("casework:family_detail", kwargs={"family_id": family.pk}))
    assert "opgelost" in page.locator("ol.timeline").inner_text()
    assert page.csp_errors == []
