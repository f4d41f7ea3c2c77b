"""Raising a kwestie keeps a draft of what was typed, for its author only."""

from django.test import Client
from django.urls import reverse

from tests.support.drafts_support import autosave


def test_the_kwestie_draft_is_restored_for_its_author_only(client, cast):
    url = reverse("kwesties:raise")
    client.force_login(cast.worker)
    fields = {"title": "Wachtlijst jeugd-GGZ", "blocks": "Sanne wacht al vier maanden op een intake."}
    assert autosave(client, url, fields).status_code == 200
    response = client.get(url)
    assert "Concept van " in response.content.decode()
    assert response.context["form"]["title"].value() == "Wachtlijst jeugd-GGZ"
    colleague = Client()
    colleague.force_login(cast.colleague)
    html = colleague.get(url).content.decode()
    assert "Sanne wacht al vier maanden" not in html and "Concept van " not in html
