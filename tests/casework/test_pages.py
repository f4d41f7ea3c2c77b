"""The pages of the family file: bad input, what they show, and their query counts."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casework.models import Contact, PlanVersion
from tests.support.factories import ContactFactory, FamilyFactory, MemberFactory, PlanVersionFactory
from tests.support.once import once


def contact_post(**overrides):
    data = {
        **once(),
        "date": timezone.localdate().isoformat(),
        "kind": "huisbezoek",
        "note": "Moeder vertelde over de ruzie van vorige week; de kinderen waren erbij.",
        "safety_score": "6",
        "safety_why": "Afspraken nagekomen",
        "safety_raise": "Vader doet mee",
        "lijn_score": "4",
        "lijn_why": "Netwerk klein",
        "lijn_raise": "Oma betrekken",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("bad", ["11", "-1", "7.5", "zeven", ""])
def test_bad_score_is_refused_next_to_the_field_and_nothing_typed_is_lost(client, cast, bad):
    client.force_login(cast.worker)
    url = reverse("casework:contact_create", kwargs={"family_id": cast.family.pk})
    before = Contact.objects.count()
    response = client.post(url, contact_post(safety_score=bad))
    assert response.status_code == 200
    assert Contact.objects.count() == before
    form = response.context["form"]
    assert list(form.errors) == ["safety_score"]
    assert "0 tot en met 10" in form.errors["safety_score"][0]
    content = response.content.decode()
    assert "Moeder vertelde over de ruzie van vorige week" in content
    assert "Oma betrekken" in content


def test_missing_reasons_are_refused_with_a_message_per_field(client, cast):
    client.force_login(cast.worker)
    url = reverse("casework:contact_create", kwargs={"family_id": cast.family.pk})
    response = client.post(url, contact_post(safety_why="", lijn_raise=""))
    assert set(response.context["form"].errors) == {"safety_why", "lijn_raise"}


def test_future_date_is_refused_by_the_service_with_the_message_on_the_field(client, cast):
    client.force_login(cast.worker)
    url = reverse("casework:contact_create", kwargs={"family_id": cast.family.pk})
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(url, contact_post(date=tomorrow))
    assert response.status_code == 200
    assert "date" in response.context["form"].errors


def test_recording_a_contact_shows_it_on_the_family_page(client, cast):
    client.force_login(cast.worker)
    url = reverse("casework:contact_create", kwargs={"family_id": cast.family.pk})
    response = client.post(url, contact_post(safety_score="3"), follow=True)
    content = response.content.decode()
    assert "Het contactmoment is vastgelegd." in content
    assert "Moeder vertelde over de ruzie" in content
    assert "<svg" in content and "polyline" in content
    # Coordinates are plain numbers even in a Dutch locale ("83,5" would break the picture).
    assert re.search(r'<circle cx="\d+(\.\d+)?" cy="\d+(\.\d+)?"', content)
    assert not re.search(r'(cx|cy|x|y)="[^"]*,', content)


def test_plan_print_and_compare(client, cast):
    client.force_login(cast.worker)
    family = cast.family
    url = reverse("casework:plan_create", kwargs={"family_id": family.pk})
    form = client.get(url).context["form"]
    assert form.initial["zorgen"] == "Spanningen thuis lopen op."
    data = {
        **once(),
        "zorgen": "Spanningen thuis lopen op.\nVader drinkt weer.",
        "krachten": "Moeder vraagt zelf om hulp.",
        "centrale_lijn": "De kinderen wonen veilig thuis; moeder weet wie ze kan bellen.",
        "goals": "Rust in huis",
        "agreed_with_parents_on": timezone.localdate().isoformat(),
        "afspraak-TOTAL_FORMS": "1",
        "afspraak-INITIAL_FORMS": "0",
        "afspraak-0-description": "Vader gaat naar de verslavingszorg",
        "afspraak-0-owner_kind": "gezin",
        "afspraak-0-owner_name": "vader",
        "afspraak-0-status": "open",
        "version": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert PlanVersion.objects.filter(family=family).count() == 2
    printable = client.get(reverse("casework:plan_detail", kwargs={"family_id": family.pk})).content.decode()
    assert "Vader gaat naar de verslavingszorg" in printable
    assert "print.css" in printable
    compare = client.get(reverse("casework:plan_compare", kwargs={"family_id": family.pk}) + "?a=1&b=2")
    html = compare.content.decode()
    assert '<ins><span class="visually-hidden">toegevoegd: </span>Vader drinkt weer.</ins>' in html
    assert '<del><span class="visually-hidden">verwijderd: </span>Kinderen gaan elke dag naar school</del>' in html


def test_plan_form_with_bad_agreement_keeps_everything(client, cast):
    client.force_login(cast.worker)
    url = reverse("casework:plan_create", kwargs={"family_id": cast.family.pk})
    data = {
        "zorgen": "Zorgen blijven staan",
        "krachten": "K",
        "centrale_lijn": "C",
        "goals": "G",
        "afspraak-TOTAL_FORMS": "1",
        "afspraak-INITIAL_FORMS": "0",
        "afspraak-0-description": "Zonder eigenaar",
        "afspraak-0-owner_kind": "",
        "afspraak-0-status": "open",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert PlanVersion.objects.filter(family=cast.family).count() == 1
    assert "Zorgen blijven staan" in response.content.decode()
    assert "Zonder eigenaar" in response.content.decode()


def _grow(cast, families: int, contacts: int):
    """Add families to the worker, each with members, a plan and contacts."""
    for _ in range(families):
        family = FamilyFactory(team=cast.family.team, manager=cast.worker)
        MemberFactory(family=family)
        PlanVersionFactory(family=family, number=1)
        for i in range(contacts):
            ContactFactory(family=family, date=timezone.localdate() - dt.timedelta(days=7 * (i + 1)))
    for i in range(contacts):
        ContactFactory(family=cast.family, date=timezone.localdate() - dt.timedelta(days=7 * (i + 2)))


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "page",
    [
        lambda cast: reverse("casework:my_families"),
        lambda cast: reverse("casework:my_families") + "?alle=1",
        lambda cast: reverse("casework:family_detail", kwargs={"family_id": cast.family.pk}),
        lambda cast: reverse("casework:plan_detail", kwargs={"family_id": cast.family.pk}),
    ],
    ids=["mijn-gezinnen", "team", "gezin", "gezinsplan"],
)
def test_query_count_does_not_grow_with_families_or_contacts(client, cast, page):
    client.force_login(cast.worker)
    url = page(cast)
    _grow(cast, families=1, contacts=2)
    small = _count_queries(client, url)
    _grow(cast, families=8, contacts=6)
    large = _count_queries(client, url)
    assert small == large, f"{url}: {small} queries with little data, {large} with more"


def test_the_contact_form_shows_the_last_scores_the_centrale_lijn_and_the_open_agreements(client, cast):
    """The measurement helps at the moment it is taken: what was scored last time, and what the plan says."""
    from tests.support.factories import AgreementFactory

    AgreementFactory(plan=cast.family.current_plan, description="Vader belt de school")
    last = cast.family.contacts.get()
    client.force_login(cast.worker)
    page = client.get(reverse("casework:contact_create", kwargs={"family_id": cast.family.pk})).content.decode()
    reminder = page[page.index('class="reminder"') : page.index("</aside>")]
    assert f"veiligheid {last.safety_score}, centrale lijn {last.lijn_score}" in reminder
    assert last.safety_why in reminder and "Vader belt de school" in reminder
    assert cast.family.current_plan.centrale_lijn in reminder
