"""Two leaders in one team session: kernvragen, decision, agenda and casenote are refused when stale.

The second person to save from the same version is refused with the message
naming who saved, keeps what they typed, sees the saved version beside theirs,
and saves after merging; a decision is never silently dropped.
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import TeamRole
from core.concurrency import StaleEdit
from teams.models import CaseDiscussion, Decision
from teams.sessions import services
from tests.support.concurrency_support import assert_stale_page, at_once, edit_from_the_same_version, hidden_version
from tests.support.factories import MembershipFactory
from tests.support.once import once

KERN = {
    "kern-centrale_lijn": "",
    "kern-raise_scores": "",
    "kern-who_does_what": "",
    "kern-new_direction": "",
}


def held_today():
    """An hour ago: a session held today, so its decisions may be recorded (teams.sessions.services)."""
    return timezone.now() - dt.timedelta(hours=1)


@pytest.fixture
def gw(cast):
    return MembershipFactory(team=cast.family.team, role=TeamRole.GEDRAGSWETENSCHAPPER, user__username="gw").user


@pytest.fixture
def session(cast, gw):
    return services.session_create(actor=cast.teamleider, team=cast.family.team, starts_at=held_today())


@pytest.fixture
def discussion(cast, session):
    return services.discussion_add(actor=cast.teamleider, session=session, family=cast.family, question="Veilig?")


@pytest.fixture
def leaders(cast, gw):
    teamleider, scientist = Client(), Client()
    teamleider.force_login(cast.teamleider)
    scientist.force_login(gw)
    return teamleider, scientist


def _discuss(session, discussion):
    return reverse("teams:discussion_discuss", kwargs={"session_id": session.pk, "discussion_id": discussion.pk})


def _decision(text, owner):
    return {
        "besluit": "1",
        "besluit-text": text,
        "besluit-heavy": "",
        "actie-TOTAL_FORMS": "1",
        "actie-INITIAL_FORMS": "0",
        "actie-0-description": "Netwerkberaad plannen",
        "actie-0-owner": owner.pk,
        "actie-0-due_on": (timezone.localdate() + dt.timedelta(days=14)).isoformat(),
    }


def test_kernvragen_second_leader_is_refused_and_merges(cast, session, discussion, leaders):
    url = _discuss(session, discussion)
    data = dict(KERN)
    first, second = leaders
    base = hidden_version(first.get(url).content.decode(), "kern-version")
    assert hidden_version(second.get(url).content.decode(), "kern-version") == base
    assert first.post(url, {**data, "kern-safe_now": "Ja, oma slaapt er.", "kern-version": base}).status_code == 302
    refused = second.post(url, {**data, "kern-safe_now": "Nog niet: vader is terug.", "kern-version": base})
    page = assert_stale_page(
        refused, who=str(cast.teamleider), typed=["Nog niet: vader is terug."], saved=["Ja, oma slaapt er."]
    )
    merged = {
        **data,
        "kern-safe_now": "Ja, oma slaapt er; vader is terug.",
        "kern-version": hidden_version(page, "kern-version"),
    }
    assert second.post(url, merged).status_code == 302
    discussion.refresh_from_db()
    assert discussion.safe_now == "Ja, oma slaapt er; vader is terug."


def test_a_second_decision_is_refused_shown_beside_the_first_and_its_text_kept(cast, gw, session, discussion, leaders):
    url = _discuss(session, discussion)
    first, second = leaders
    base = hidden_version(first.get(url).content.decode(), "kern-version")
    assert hidden_version(second.get(url).content.decode(), "kern-version") == base
    posted = {**KERN, "kern-safe_now": "Ja", "kern-version": base}
    assert (
        first.post(
            url, {**posted, **once(prefix="besluit"), **_decision("Netwerkberaad binnen twee weken.", cast.worker)}
        ).status_code
        == 302
    )
    second_token = once(prefix="besluit")
    refused = second.post(url, {**posted, **second_token, **_decision("Uithuisplaatsing voorbereiden.", gw)})
    page = assert_stale_page(
        refused,
        who=str(cast.teamleider),
        typed=["Uithuisplaatsing voorbereiden."],
        saved=["Netwerkberaad binnen twee weken.", "Besluit (al vastgelegd)"],
    )
    assert Decision.objects.get(discussion=discussion).text == "Netwerkberaad binnen twee weken."
    # after reading both, the second leader saves the answers; their own decision text stays on the page
    again = {
        **posted,
        "kern-safe_now": "Ja, met zorgen over vader",
        "kern-version": hidden_version(page, "kern-version"),
    }
    response = second.post(url, {**again, **second_token, **_decision("Uithuisplaatsing voorbereiden.", gw)})
    assert response.status_code == 200
    assert "Voor deze casus is al een besluit vastgelegd." in response.content.decode()
    assert "Uithuisplaatsing voorbereiden." in response.content.decode()
    assert second.post(url, again).status_code == 302
    discussion.refresh_from_db()
    assert discussion.safe_now == "Ja, met zorgen over vader"
    assert Decision.objects.filter(discussion=discussion).count() == 1


def test_session_agenda_edit(cast, gw, session, leaders):
    url = reverse("teams:session_prepare", kwargs={"session_id": session.pk})
    data = {
        "sessie-starts_at": timezone.localtime(session.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "sessie-location": "",
        "sessie-teamleider": cast.teamleider.pk,
        "sessie-gedragswetenschapper": gw.pk,
        "sessie-senior": "",
        "sessie-attendees": [cast.worker.pk, cast.teamleider.pk],
        "sessie-supervision_topic": "",
        "sessie-supervision_notes": "",
    }
    first, second = leaders
    base_first = hidden_version(first.get(url).content.decode(), "sessie-version")
    base_second = hidden_version(second.get(url).content.decode(), "sessie-version")
    saved = first.post(url, {**data, "sessie-team_matters": "Vakantieplanning", "sessie-version": base_first})
    assert saved.status_code == 302
    refused = second.post(url, {**data, "sessie-team_matters": "Nieuwe collega", "sessie-version": base_second})
    page = assert_stale_page(refused, who=str(cast.teamleider), typed=["Nieuwe collega"], saved=["Vakantieplanning"])
    merged = {**data, "sessie-team_matters": "Vakantieplanning; nieuwe collega"}
    assert second.post(url, {**merged, "sessie-version": hidden_version(page, "sessie-version")}).status_code == 302
    session.refresh_from_db()
    assert session.team_matters == "Vakantieplanning; nieuwe collega" and session.saved_by == gw


def test_casenote_of_the_presenter_and_a_leader(cast, session, discussion):
    services.session_publish(actor=cast.teamleider, session=session)  # the team prepares a published agenda
    url = reverse("teams:discussion_prepare", kwargs={"session_id": session.pk, "discussion_id": discussion.pk})
    presenter, leader = Client(), Client()
    presenter.force_login(cast.worker)
    leader.force_login(cast.teamleider)
    edit_from_the_same_version(
        presenter,
        leader,
        url,
        data={"question": "Veilig?", "recording_ref": ""},
        field="casenote",
        theirs="Moeder vertelde over de ruzie.",
        mine="Let op: school belde.",
        who=str(cast.worker),
    )
    discussion.refresh_from_db()
    assert discussion.casenote == "Moeder vertelde over de ruzie. / Let op: school belde."


@pytest.mark.django_db(transaction=True)
def test_two_kernvragen_saves_at_once_one_is_refused(cast, gw, session, discussion):
    def answer(user, text):
        return lambda: services.discussion_answer(
            actor=user, discussion=discussion, data={"safe_now": text}, base_version=1
        )

    results = at_once(answer(cast.teamleider, "van de teamleider"), answer(gw, "van de gedragswetenschapper"))
    refused = [r for r in results if isinstance(r, StaleEdit)]
    assert len(refused) == 1
    saved = CaseDiscussion.objects.get(pk=discussion.pk)
    assert saved.answers_version == 2 and refused[0].values["safe_now"] == saved.safe_now
