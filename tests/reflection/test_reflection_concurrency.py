"""A concept reflection edited from two screens: the older one is refused, shows the saved concept, keeps its text."""

from django.test import Client
from django.urls import reverse

from reflection.models import Reflection
from reflection.selectors import checklist_items
from tests.support.concurrency_support import edit_from_the_same_version, hidden_version
from tests.support.reflection_helpers import hold


def _data(reflection):
    data = {
        "held_on": reflection.held_on.isoformat(),
        "source": reflection.source,
        "source_description": reflection.source_description,
    }
    for item in checklist_items(version=reflection.version):
        data.update({f"adherence_{item.pk}": "3", f"competence_{item.pk}": "2", f"note_{item.pk}": "Goed."})
    return data


def test_second_screen_of_the_senior_is_refused_and_merges(cast, senior):
    reflection = hold(senior, cast.worker, done=False)
    url = reverse("reflection:edit", kwargs={"reflection_id": reflection.pk})
    laptop, tablet = Client(), Client()  # the senior has the concept open on two devices
    laptop.force_login(senior)
    tablet.force_login(senior)
    page = edit_from_the_same_version(
        laptop,
        tablet,
        url,
        data=_data(reflection),
        field="learning_goals",
        theirs="Meer schaalvragen stellen.",
        mine="Vader vaker zelf laten vertellen.",
        who="",  # the same senior on two devices: "U heeft dit zelf ... opgeslagen"
    )
    assert "Afgesproken leerdoelen" in page
    reflection = Reflection.objects.get(pk=reflection.pk)
    assert reflection.learning_goals == "Meer schaalvragen stellen. / Vader vaker zelf laten vertellen."
    assert reflection.edit_version == 3 and reflection.version.number == 1  # the checklist version is untouched


def test_the_saved_ratings_are_shown_beside_the_typed_ones(cast, senior):
    reflection = hold(senior, cast.worker, done=False)
    item = checklist_items(version=reflection.version)[0]
    url = reverse("reflection:edit", kwargs={"reflection_id": reflection.pk})
    first, second = Client(), Client()
    first.force_login(senior)
    second.force_login(senior)
    base = hidden_version(first.get(url).content.decode())
    second.get(url)
    assert first.post(url, {**_data(reflection), f"note_{item.pk}": "Sterk begin.", "version": base}).status_code == 302
    refused = second.post(url, {**_data(reflection), f"note_{item.pk}": "Rommelig einde.", "version": base})
    html = refused.content.decode()
    assert f"{item.title}: toelichting" in html and "Sterk begin." in html and "Rommelig einde." in html
