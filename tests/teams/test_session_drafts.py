"""Drafts of a team session's casenote and kernvragen: the author's, while they still read the family."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from casework.models import Draft
from privacy.models import AccessLogEntry
from teams.sessions import services
from tests.support.drafts_support import autosave


@pytest.fixture
def discussion(cast):
    session = services.session_create(
        actor=cast.teamleider, team=cast.family.team, starts_at=timezone.now() + dt.timedelta(days=7)
    )
    found = services.discussion_add(actor=cast.teamleider, session=session, family=cast.family, question="Wat nu?")
    services.session_publish(actor=cast.teamleider, session=session)
    return found


def _url(name, discussion):
    return reverse(name, kwargs={"session_id": discussion.session_id, "discussion_id": discussion.pk})


def test_the_casenote_draft_is_restored_and_logged(client, cast, discussion):
    url = _url("teams:discussion_prepare", discussion)
    client.force_login(cast.worker)
    assert autosave(client, url, {"casenote": "Sanne slaapt weer bij oma."}).status_code == 200
    tablet = Client()
    tablet.force_login(cast.worker)
    response = tablet.get(url)
    assert "Concept van " in response.content.decode()
    assert response.context["form"]["casenote"].value() == "Sanne slaapt weer bij oma."
    assert AccessLogEntry.objects.filter(
        user=cast.worker, family_ids__has=cast.family.pk, what="concept geopend (casenote)"
    ).exists()


def test_the_kernvragen_draft_is_restored_with_the_decision_and_actions(client, cast, discussion):
    url = _url("teams:discussion_discuss", discussion)
    client.force_login(cast.teamleider)
    fields = {
        "kern-safe_now": "Ja, met oma in de buurt.",
        "besluit-text": "Voortzetten met het netwerk.",
        "actie-TOTAL_FORMS": "1",
        "actie-INITIAL_FORMS": "0",
        "actie-0-description": "Huisarts bellen",
    }
    assert autosave(client, url, fields).status_code == 200
    response = client.get(url)
    assert response.context["answers"]["safe_now"].value() == "Ja, met oma in de buurt."
    assert response.context["decision_form"]["text"].value() == "Voortzetten met het netwerk."
    assert response.context["actions"].forms[0]["description"].value() == "Huisarts bellen"
    assert not response.context["answers"].errors


def test_a_member_who_left_the_team_loses_the_casenote_draft(client, cast, discussion):
    url = _url("teams:discussion_prepare", discussion)
    client.force_login(cast.worker)
    autosave(client, url, {"casenote": "Sanne slaapt weer bij oma."})
    token = client.get(url).context["draft"].token
    today = timezone.localdate()
    Membership.objects.filter(user=cast.worker).update(
        start=today - dt.timedelta(days=30), end=today - dt.timedelta(days=1)
    )
    assert autosave(client, url, {"casenote": "nog meer"}, token=token).status_code == 403
    assert client.get(url).status_code == 404
    assert Draft.objects.get().data["casenote"] == ["Sanne slaapt weer bij oma."]  # unread, and it expires
