"""Every page of the family file passes axe-core without serious or critical violations."""

import pytest
from django.urls import reverse

from casework import services
from tests.support.browser import login, serious_accessibility_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _check(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    violations = serious_accessibility_violations(page)
    assert not violations, f"{url}: {violations}"


def test_worker_pages(live_server, cast, page):
    family = cast.family
    services.plan_version_create(
        actor=cast.worker,
        family=family,
        data={"zorgen": "Z\nNieuwe zorg", "krachten": "K", "centrale_lijn": "C", "goals": "G"},
        agreements=[{"description": "Oma helpt", "owner_kind": "netwerk"}],
    )
    login(page, live_server, "worker")
    base = live_server.url
    kw = {"family_id": family.pk}
    for name in [
        "casework:my_families",
        "casework:family_detail",
        "casework:plan_detail",
        "casework:plan_create",
        "casework:plan_compare",
        "casework:member_create",
        "casework:network_create",
        "casework:measure_create",
        "casework:phase_change",
    ]:
        _check(page, base + reverse(name, kwargs=None if name == "casework:my_families" else kw))
    contact = family.contacts.first()
    _check(page, base + reverse("casework:contact_addendum", kwargs={**kw, "contact_id": contact.pk}))
    # A form with errors, as a person would see it.
    page.goto(base + reverse("casework:plan_create", kwargs=kw))
    page.fill("#id_zorgen", "")
    page.get_by_role("button", name="Versie opslaan").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    assert not serious_accessibility_violations(page)
    assert page.csp_errors == []


def test_teamleider_and_beheer_pages(live_server, cast, page):
    kw = {"family_id": cast.family.pk}
    login(page, live_server, "teamleider")
    for name in ["casework:assign", "casework:substitution", "casework:access_log"]:
        _check(page, live_server.url + reverse(name, kwargs=kw))
    _check(page, live_server.url + reverse("casework:family_create"))
    page.context.clear_cookies()
    login(page, live_server, "beheer")
    _check(page, live_server.url + reverse("access_log_lookup"))
    _check(page, live_server.url + reverse("casework:access_log", kwargs=kw))
    assert page.csp_errors == []
