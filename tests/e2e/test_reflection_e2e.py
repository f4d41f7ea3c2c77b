"""End to end in headless Chromium: a senior holds a reflection with a worker, and the worker reads it."""

import re

import pytest

from tests.support.browser import assert_accessible, login

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("shipped_checklists"),
]


def test_senior_fills_in_a_reflection_and_the_worker_sees_it(live_server, cast, senior, page):
    login(page, live_server, "senior")
    page.get_by_role("link", name="Reflectie", exact=True).click()
    page.get_by_role("link", name="Reflecties met mijn medewerkers").click()
    page.wait_for_url(re.compile(r"/reflectie/senior/$"))
    assert_accessible(page)
    page.get_by_role("link", name=f"Nieuwe reflectie met {cast.worker}").click()
    page.wait_for_url(re.compile(r"/reflectie/nieuw/\d+/$"))
    assert_accessible(page)
    page.select_option("#id_source", "casenote")
    page.fill("#id_source_description", "Casenote over het eerste huisbezoek")
    selects = page.locator("select[name^=adherence_]")
    for i in range(selects.count()):
        selects.nth(i).select_option("3")
    selects = page.locator("select[name^=competence_]")
    for i in range(selects.count() - 1):  # one left open: completing must refuse and keep the rest
        selects.nth(i).select_option("2")
    page.locator("textarea[name^=note_]").first.fill("Beide ouders kwamen aan het woord.")
    page.fill("#id_learning_goals", "Het netwerk eerder betrekken.")
    page.get_by_role("button", name="Afronden").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Controleer het formulier").is_visible()
    assert page.input_value("#id_learning_goals") == "Het netwerk eerder betrekken."
    selects.last.select_option("4")
    page.get_by_role("button", name="Afronden").click()
    page.wait_for_url(re.compile(r"/reflectie/\d+/$"))
    assert page.get_by_text("De reflectie is afgerond.").is_visible()
    reflection_url = page.url

    login(page, live_server, "worker")
    page.get_by_role("link", name="Reflectie", exact=True).click()
    page.wait_for_url(re.compile(r"/reflectie/$"))
    assert_accessible(page)
    page.locator("main table a").first.click()
    page.wait_for_url(reflection_url)
    main = page.locator("main").inner_text()
    assert "Het netwerk eerder betrekken." in main and "Beide ouders kwamen aan het woord." in main
    assert "4 – een voorbeeld voor anderen" in main
    assert_accessible(page)

    login(page, live_server, "teamleider")
    response = page.goto(reflection_url)
    assert response.status == 404
    page.goto(f"{live_server.url}/reflectie/team/")
    assert page.get_by_label("Kwartaal").is_visible()
    assert_accessible(page)
    assert page.csp_errors == []
