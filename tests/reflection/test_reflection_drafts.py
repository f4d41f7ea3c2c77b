"""The senior's reflection form keeps a draft: restored for that senior only."""

from django.test import Client
from django.urls import reverse

from casework.models import Draft
from reflection.selectors import checklist_items, checklist_version_current
from tests.support.drafts_support import autosave


def test_the_reflection_draft_is_restored_for_its_senior_only(client, cast, senior):
    url = reverse("reflection:new", kwargs={"worker_id": cast.worker.pk})
    item = checklist_items(version=checklist_version_current())[0]
    client.force_login(senior)
    fields = {"learning_goals": "Meer schaalvragen stellen.", f"note_{item.pk}": "Sterk begin van het gesprek."}
    assert autosave(client, url, fields).status_code == 200
    other = Client()
    other.force_login(senior)
    response = other.get(url)
    assert "Concept van " in response.content.decode()
    assert response.context["form"]["learning_goals"].value() == "Meer schaalvragen stellen."
    assert response.context["form"][f"note_{item.pk}"].value() == "Sterk begin van het gesprek."
    # The worker the reflection is about never sees the senior's draft (the page is not theirs either).
    worker = Client()
    worker.force_login(cast.worker)
    assert worker.get(url).status_code == 404
    assert Draft.objects.get().author == senior
