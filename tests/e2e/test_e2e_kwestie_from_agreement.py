"""End to end in headless Chromium: an agreement a partner did not keep becomes a kwestie, pre-filled by id."""

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from kwesties.models import Kwestie
from privacy.models import AccessLogEntry
from tests.support.browser import assert_accessible, login
from tests.support.factories import AgreementFactory
from tests.support.partners_support import make_partner

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_kwestie_from_an_agreement_carries_ids_only(live_server, cast, page, tmp_path):
    family = cast.family
    partner = make_partner("Praktijk Duinzicht")
    agreement = AgreementFactory(
        plan=family.current_plan,
        description="Kindgesprekken met Sanne over de scheiding",
        owner_kind="partner",
        partner=partner,
        due_on=timezone.localdate() - dt.timedelta(days=3),
    )
    login(page, live_server, "worker")
    page.goto(live_server.url + reverse("casework:family_detail", kwargs={"family_id": family.pk}))
    page.get_by_role("link", name=re.compile("Kwestie over deze partner")).first.click()
    page.wait_for_url(re.compile(r"/kwesties/nieuw/\?"))
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"gezin": [str(family.pk)], "afspraak": [str(agreement.pk)]}
    assert page.input_value("#id_title") == "Afspraak niet nagekomen: Kindgesprekken met Sanne over de scheiding"
    assert page.input_value("#id_partner") == str(partner.pk)
    assert page.get_by_label(family.name).is_checked()
    page.screenshot(path=str(tmp_path / "kwestie-uit-afspraak.png"), full_page=True)
    assert_accessible(page)
    assert AccessLogEntry.objects.filter(user=cast.worker, family_ids__has=family.pk, what="kwestie inbrengen").exists()
    page.get_by_role("button", name="Inbrengen").click()
    page.wait_for_url(re.compile(r"/kwesties/\d+/$"))
    kwestie = Kwestie.objects.get()
    assert kwestie.partner == partner and list(kwestie.families.all()) == [family]
