"""The plan form's summary names every error, the plan's and each agreement row's, each in its own words."""

import pytest
from django.urls import reverse

from tests.support.once import form_token

pytestmark = pytest.mark.django_db


def test_every_error_of_the_plan_and_its_agreements_is_in_the_summary(client, cast, fixed_day):
    client.force_login(cast.worker)
    url = reverse("casework:plan_create", kwargs={"family_id": cast.family.pk})
    data = {
        **form_token(client, url),
        "zorgen": "",
        "krachten": "Oma helpt",
        "centrale_lijn": "Sanne is veilig thuis",
        "goals": "",
        "safety_agreements": "",
        "change_note": "Nieuwe afspraken",
        "afspraak-TOTAL_FORMS": "1",
        "afspraak-INITIAL_FORMS": "0",
        "afspraak-0-description": "",
        "afspraak-0-owner_kind": "",
        "afspraak-0-due_on": "2026-07-01",
        "afspraak-0-status": "open",
    }
    page = client.post(url, data).content.decode()
    summary = page[page.index('id="foutmeldingen"') : page.index("</div>", page.index('id="foutmeldingen"'))]
    assert "Dit veld is vereist." not in summary
    assert "Afspraak 1 – " in summary and "Schrijf wat er is afgesproken." in summary
    assert "Oma helpt" in page  # what was typed stays
