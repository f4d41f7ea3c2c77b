"""End to end in headless Chromium: a file past its date is proposed; the teamleider agrees from "Mijn
gezinnen", the privacy officer gives the second agreement and the file is gone, a tombstone left."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from casework.models import DestructionStatus, Family, FileDestruction, Phase
from casework.rights import destruction as svc
from tests.support.browser import assert_accessible, login
from tests.support.documents_support import ensure_retention_classes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_two_people_destroy_a_file_past_its_date(live_server, cast, page, security):
    ensure_retention_classes()
    Family.objects.filter(pk=cast.family.pk).update(phase=Phase.AFGESLOTEN, closed_on=dt.date(2001, 2, 1))
    assert svc.destruction_proposals_create() == 1

    login(page, live_server, "teamleider")
    page.goto(live_server.url + reverse("casework:my_families"))
    item = page.locator("li", has_text="Dossier voorgesteld voor vernietiging")
    item.get_by_role("link", name=cast.family.reference).click()
    page.wait_for_url(re.compile(r"/vernietiging/\d+/$"))
    assert page.get_by_text("Na uw akkoord is nog een tweede akkoord nodig.").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Akkoord", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_text("Uw akkoord is vastgelegd.").is_visible()

    login(page, live_server, "security")
    page.goto(live_server.url + reverse("rights:destructions"))
    assert_accessible(page)
    page.get_by_role("link", name=cast.family.reference).click()
    page.wait_for_url(re.compile(r"/vernietiging/\d+/$"))
    page.get_by_role("button", name="Akkoord: nu vernietigen").click()
    page.wait_for_load_state()
    assert page.get_by_text("Vernietigd op").is_visible()
    page.get_by_role("link", name="Vernietiging van dossiers").click()
    page.get_by_role("link", name="Vernietigde dossiers").click()
    page.wait_for_url(re.compile(r"/vernietigd/$"))
    assert cast.family.reference in page.locator("table").inner_text()
    assert_accessible(page)
    assert FileDestruction.objects.get().status == DestructionStatus.VERNIETIGD
    assert Family.objects.get(pk=cast.family.pk).name == "vernietigd dossier"
    assert not page.csp_errors
