"""A case discussion's casenote and its kernvragen are separate parts, each with its own version.

Saving the casenote must not make a parallel kernvragen edit stale (they are
different fields, typed by different people); two edits of the kernvragen from
the same version still refuse the second, with both versions shown. And when
the save in between was the user's own (another tab), the refusal says so.
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import TeamRole
from teams.models import CaseDiscussion
from teams.sessions import services
from tests.support.concurrency_support import assert_stale_page, hidden_version
from tests.support.factories import MembershipFactory

KERN = {"kern-centrale_lijn": "", "kern-raise_scores": "", "kern-who_does_what": "", "kern-new_direction": ""}


@pytest.fixture
def gw(cast):
    return MembershipFactory(team=cast.family.team, role=TeamRole.GEDRAGSWETENSCHAPPER, user__username="gw").user


@pytest.fixture
def discussion(cast, gw):
    session = services.session_create(
        actor=cast.teamleider, team=cast.family.team, starts_at=timezone.now() + dt.timedelta(days=7)
    )
    discussion = services.discussion_add(actor=cast.teamleider, session=session, family=cast.family, question="Veilig?")
    services.session_publish(actor=cast.teamleider, session=session)
    return discussion


def _urls(discussion):
    kwargs = {"session_id": discussion.session_id, "discussion_id": discussion.pk}
    return reverse("teams:discussion_prepare", kwargs=kwargs), reverse("teams:discussion_discuss", kwargs=kwargs)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_casenote_and_kernvragen_at_the_same_time_are_both_saved(cast, gw, discussion):
    prepare, discuss = _urls(discussion)
    a, b = _client(cast.teamleider), _client(gw)
    casenote_base = hidden_version(a.get(prepare).content.decode())
    kern_base = hidden_version(b.get(discuss).content.decode(), "kern-version")
    saved = a.post(
        prepare,
        {
            "question": "Veilig?",
            "casenote": "Moeder vertelde over de ruzie.",
            "recording_ref": "",
            "version": casenote_base,
        },
    )
    assert saved.status_code == 302
    answered = b.post(discuss, {**KERN, "kern-safe_now": "Ja, oma slaapt er.", "kern-version": kern_base})
    assert answered.status_code == 302, answered.content.decode()[:3000]
    discussion.refresh_from_db()
    assert discussion.casenote == "Moeder vertelde over de ruzie."
    assert discussion.safe_now == "Ja, oma slaapt er."
    assert (discussion.saved_by, discussion.answers_saved_by) == (cast.teamleider, gw)
    # and the other way round: kernvragen saved first, then a casenote from a page opened before
    casenote_base = hidden_version(a.get(prepare).content.decode())
    kern_base = hidden_version(b.get(discuss).content.decode(), "kern-version")
    assert b.post(discuss, {**KERN, "kern-safe_now": "Ja.", "kern-version": kern_base}).status_code == 302
    data = {"question": "Veilig?", "casenote": "School belde.", "recording_ref": "", "version": casenote_base}
    assert a.post(prepare, data).status_code == 302
    discussion.refresh_from_db()
    assert (discussion.casenote, discussion.safe_now) == ("School belde.", "Ja.")


def test_two_kernvragen_edits_from_one_version_refuse_the_second_with_both_shown(cast, gw, discussion):
    _prepare, discuss = _urls(discussion)
    a, b = _client(cast.teamleider), _client(gw)
    base = hidden_version(a.get(discuss).content.decode(), "kern-version")
    assert hidden_version(b.get(discuss).content.decode(), "kern-version") == base
    assert a.post(discuss, {**KERN, "kern-safe_now": "Ja, oma slaapt er.", "kern-version": base}).status_code == 302
    refused = b.post(discuss, {**KERN, "kern-safe_now": "Nog niet: vader is terug.", "kern-version": base})
    assert_stale_page(
        refused, who=str(cast.teamleider), typed=["Nog niet: vader is terug."], saved=["Ja, oma slaapt er."]
    )
    assert CaseDiscussion.objects.get(pk=discussion.pk).safe_now == "Ja, oma slaapt er."


def test_a_save_from_the_users_own_other_tab_is_named_as_their_own(cast, gw, discussion):
    _prepare, discuss = _urls(discussion)
    tab_one, tab_two = _client(gw), _client(gw)
    base = hidden_version(tab_one.get(discuss).content.decode(), "kern-version")
    assert tab_one.post(discuss, {**KERN, "kern-safe_now": "Ja.", "kern-version": base}).status_code == 302
    refused = tab_two.post(discuss, {**KERN, "kern-safe_now": "Nee.", "kern-version": base})
    page = refused.content.decode()
    saved_at = timezone.localtime(CaseDiscussion.objects.get(pk=discussion.pk).answers_saved_at).strftime("%H:%M")
    assert f"U heeft dit zelf om {saved_at} in een ander venster opgeslagen." in page
    assert f"{gw} heeft dit intussen gewijzigd" not in page
    assert "Uw tekst staat hieronder nog" in page and "Nee." in page
