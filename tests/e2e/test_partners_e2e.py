"""End to end in headless Chromium: help that did not start becomes a signal and, in one click, a kwestie."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.partners.models import Inzet
from kwesties.models import Kwestie
from tests.support.browser import assert_accessible, login
from tests.support.partners_support import make_partner

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_overdue_help_signal_leads_to_a_prefilled_kwestie(live_server, cast, page):
    family = cast.family
    partner = make_partner("GGZ Jeugd Noord")
    today = timezone.localdate()
    promised = today - dt.timedelta(days=7)
    login(page, live_server, "worker")
    page.goto(live_server.url + reverse("casework:family_detail", kwargs={"family_id": family.pk}))
    page.get_by_role("link", name="Hulp van een partner toevoegen").click()
    page.wait_for_url(re.compile(r"/hulp/nieuw/$"))
    assert_accessible(page)
    page.select_option("#id_partner", str(partner.pk))
    page.select_option("#id_child", label="Sanne " + family.members.get(first_name="Sanne").last_name)
    page.fill("#id_product_category", "54")
    page.fill("#id_product_code", "54001")
    page.fill("#id_description", "Traumabehandeling")
    page.fill("#id_volume", "1")
    page.select_option("#id_unit", "uur")
    page.select_option("#id_frequency", "week")
    page.fill("#id_requested_on", (today - dt.timedelta(days=30)).isoformat())
    page.fill("#id_promised_start", promised.isoformat())
    page.select_option("#id_status", "wachtlijst")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(rf"/gezinnen/{family.pk}/$"))
    section = page.locator("section", has=page.get_by_role("heading", name="Hulp van partners"))
    assert "Traumabehandeling" in section.inner_text() and "start verlopen" in section.inner_text()
    assert_accessible(page)

    page.goto(live_server.url + reverse("casework:my_families"))
    worklist = page.locator("section.worklist")
    assert "Traumabehandeling van GGZ Jeugd Noord is niet gestart" in worklist.inner_text()
    assert_accessible(page)
    worklist.get_by_role("link", name=re.compile("Kwestie over deze partner")).click()
    page.wait_for_url(re.compile(r"/kwesties/nieuw/\?"))
    assert page.input_value("#id_title") == "Traumabehandeling van GGZ Jeugd Noord niet gestart"
    assert page.input_value("#id_kind") == "partner"
    assert page.input_value("#id_partner") == str(partner.pk)
    assert promised.strftime("%d-%m-%Y") in page.input_value("#id_blocks")
    assert page.get_by_label(family.name).is_checked()
    assert_accessible(page)
    page.get_by_role("button", name="Inbrengen").click()
    page.wait_for_url(re.compile(r"/kwesties/\d+/$"))
    kwestie = Kwestie.objects.get()
    assert kwestie.partner == partner and list(kwestie.families.all()) == [family]
    inzet = Inzet.objects.get()
    assert inzet.status == "wachtlijst"

    # The other partner pages pass the same accessibility check.
    page.goto(live_server.url + reverse("casework:family_detail", kwargs={"family_id": family.pk}))
    page.get_by_role("link", name="Traumabehandeling", exact=True).click()
    page.wait_for_url(re.compile(rf"/hulp/{inzet.pk}/$"))
    assert "De toegezegde start" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Status wijzigen").click()
    page.wait_for_url(re.compile(r"/status/$"))
    assert_accessible(page)
    page.select_option("#id_to_status", "gestart")
    page.fill("#id_on", today.isoformat())
    page.get_by_role("button", name="Status vastleggen").click()
    page.wait_for_url(re.compile(rf"/gezinnen/{family.pk}/$"))
    assert "Hulp van GGZ Jeugd Noord: Traumabehandeling gestart" in page.locator("ol.timeline").inner_text()
    page.get_by_role("link", name="Grondslag vastleggen").click()
    page.wait_for_url(re.compile(r"/grondslag/nieuw/$"))
    assert_accessible(page)
    assert page.csp_errors == []
