"""End to end in headless Chromium: an auditor runs a team audit, the teamleider reads the finished report."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from privacy.models import AccessLogEntry
from tests.support.audits_support import plan
from tests.support.browser import assert_accessible, login

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("shipped_checklists"),
]


def _click(page, name):
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def test_auditor_audits_a_team_and_the_teamleider_reads_the_report(live_server, cast, page):
    audit = plan(cast, peer=False)
    family = cast.family
    login(page, live_server, "auditor")
    page.get_by_role("link", name="Audits").click()
    page.get_by_role("link", name="Team Noord", exact=True).click()
    page.wait_for_url(re.compile(rf"/audits/{audit.pk}/$"))
    _click(page, "Naar voorbereiding: cijfers vastleggen en steekproef trekken")
    assert page.get_by_text("De status is gewijzigd.").is_visible()
    assert "Gezinnen bediend in het jaar" in page.locator("#cijfers").inner_text()
    assert_accessible(page)

    # Read the sampled file: read-only, and logged.
    page.get_by_role("link", name="Dossier inzien 1").click()
    page.wait_for_url(re.compile(rf"/gezinnen/{family.pk}/$"))
    assert family.name in page.locator("h1").inner_text()
    contact_url = reverse("casework:contact_create", kwargs={"family_id": family.pk})
    assert page.locator(f"a[href='{contact_url}']").count() == 0
    assert page.locator("main form[method=post]").count() == 0
    assert AccessLogEntry.objects.filter(user=cast.auditor, family_ids__has=family.pk, what="gezinsdossier").exists()

    # Check it against the checklist.
    page.goto(live_server.url + reverse("audits:detail", kwargs={"audit_id": audit.pk}))
    page.get_by_role("link", name="Toetsen dossier 1").click()
    for radio in page.locator("input[type=radio][value=ja]").all():
        radio.check()
    page.locator("input[type=radio][value=deels]").last.check()
    assert_accessible(page)
    _click(page, "Toets vastleggen")
    assert page.get_by_text("De dossiertoets is vastgelegd.").is_visible()

    # The conversation: findings and an action.
    _click(page, "Naar het kwaliteitsgesprek")
    page.check("input[name=kind][value=sterkte]")
    page.check("input[name=outcome][value=populatie]")
    page.fill("#id_text", "Het netwerk van de gezinnen doet echt mee in de plannen.")
    _click(page, "Bevinding vastleggen")
    assert page.get_by_text("De bevinding is vastgelegd.").is_visible()
    page.fill("#id_description", "Elk gezin met een signaal binnen twee weken in de teamsessie")
    page.select_option("#id_owner", str(cast.teamleider.pk))
    page.fill("#id_due_on", (timezone.localdate() + dt.timedelta(days=120)).isoformat())
    _click(page, "Actie vastleggen")
    assert page.get_by_text("De verbeteractie is vastgelegd.").is_visible()
    assert_accessible(page)
    _click(page, "Audit afronden")
    assert "afgerond" in page.locator(".summary").inner_text()

    # The auditor's access to the file has ended.
    response = page.goto(live_server.url + reverse("casework:family_detail", kwargs={"family_id": family.pk}))
    assert response.status == 404

    login(page, live_server, "teamleider")
    page.goto(live_server.url + reverse("notifications"))
    page.get_by_role("link", name=re.compile("auditrapport", re.I)).first.click()
    page.wait_for_url(re.compile(rf"/audits/{audit.pk}/rapport/$"))
    main = page.locator("main").inner_text()
    assert "Het netwerk van de gezinnen doet echt mee in de plannen." in main
    assert "Elk gezin met een signaal binnen twee weken in de teamsessie" in main
    assert "Sterke punten" in main and "Concept" not in main
    assert family.name not in main
    assert_accessible(page)
    assert page.csp_errors == []
