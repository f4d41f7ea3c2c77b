"""Two editors of one gezinsplan: the second save from an old version is refused, nothing typed is lost."""

import pytest
from django.test import Client
from django.urls import reverse

from casework import services
from casework.models import PlanVersion
from core.concurrency import StaleEdit
from tests.support.concurrency_support import assert_stale_page, at_once, colleague_substitutes, hidden_version
from tests.support.once import once

PLAN = {
    "krachten": "Moeder vraagt zelf om hulp.",
    "centrale_lijn": "De kinderen wonen veilig thuis.",
    "goals": "Rust in huis",
    "afspraak-TOTAL_FORMS": "0",
    "afspraak-INITIAL_FORMS": "0",
}


def _url(cast):
    return reverse("casework:plan_create", kwargs={"family_id": cast.family.pk})


def test_second_plan_editor_is_refused_keeps_text_sees_other_version_and_can_save_after_merging(cast):
    colleague_substitutes(cast)
    first, second = Client(), Client()
    first.force_login(cast.worker)
    second.force_login(cast.colleague)
    # both open the form on version 1
    base_first = hidden_version(first.get(_url(cast)).content.decode())
    base_second = hidden_version(second.get(_url(cast)).content.decode())
    assert base_first == base_second == "1"
    saved = first.post(_url(cast), {**PLAN, **once(), "zorgen": "Vader drinkt weer.", "version": base_first})
    assert saved.status_code == 302
    typed = {**PLAN, **once(), "zorgen": "Oma kan niet meer oppassen.", "version": base_second}
    refused = second.post(_url(cast), typed)
    page = assert_stale_page(
        refused, who=str(cast.worker), typed=["Oma kan niet meer oppassen."], saved=["Vader drinkt weer."]
    )
    assert PlanVersion.objects.filter(family=cast.family).count() == 2  # nothing of the first editor is lost
    assert hidden_version(page) == "2"  # the form now starts from the saved version
    merged = {**typed, "zorgen": "Vader drinkt weer.\nOma kan niet meer oppassen.", "version": hidden_version(page)}
    assert second.post(_url(cast), merged).status_code == 302
    cast.family.refresh_from_db()
    assert cast.family.current_plan.number == 3
    assert cast.family.current_plan.zorgen == "Vader drinkt weer.\nOma kan niet meer oppassen."
    assert PlanVersion.objects.get(family=cast.family, number=2).zorgen == "Vader drinkt weer."


def test_a_plan_post_without_base_version_is_refused_with_a_dutch_message(client, cast):
    client.force_login(cast.worker)
    response = client.post(_url(cast), {**PLAN, **once(), "zorgen": "Z"})
    assert response.status_code == 200
    assert "Deze pagina mist de versie waarvan u uitging." in response.content.decode()
    assert "Z" in response.context["form"].data["zorgen"]
    assert PlanVersion.objects.filter(family=cast.family).count() == 1


def test_a_family_without_plan_starts_from_version_zero(client, cast):
    url = reverse("casework:plan_create", kwargs={"family_id": cast.other_family.pk})
    client.force_login(cast.outsider)
    assert hidden_version(client.get(url).content.decode()) == "0"
    assert client.post(url, {**PLAN, **once(), "zorgen": "Eerste plan", "version": "0"}).status_code == 302
    assert PlanVersion.objects.get(family=cast.other_family).number == 1


@pytest.mark.django_db(transaction=True)
def test_two_plan_saves_from_one_version_at_once_one_is_refused(cast):
    colleague_substitutes(cast)
    data = {k: v for k, v in PLAN.items() if not k.startswith("afspraak")}

    def save(user, zorgen):
        return lambda: services.plan_version_create(
            actor=user, family=cast.family, data={**data, "zorgen": zorgen}, agreements=[], base_version=1
        )

    results = at_once(save(cast.worker, "Van de gezinsmanager"), save(cast.colleague, "Van de vervanger"))
    assert sum(isinstance(r, PlanVersion) for r in results) == 1
    refused = next(r for r in results if isinstance(r, StaleEdit))
    winner = next(r for r in results if isinstance(r, PlanVersion))
    assert refused.current_version == 2 and refused.values["zorgen"] == winner.zorgen
    assert refused.saved_by == str(winner.author)
    assert PlanVersion.objects.filter(family=cast.family).count() == 2
