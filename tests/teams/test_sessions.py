"""Team sessions: services and selectors on PostgreSQL, and the access rules."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from accounts.models import TeamRole
from casework.timeline import family_timeline
from casework.worklist import worklist_for_user
from privacy.models import AccessLogEntry
from teams.models import Decision, SessionKind, SessionStatus
from teams.sessions import selectors as sel
from teams.sessions import services
from tests.support.factories import MembershipFactory
from tests.support.once import once


def held_today():
    """An hour ago: a session held today, so its decisions may be recorded (teams.sessions.services)."""
    return timezone.now() - dt.timedelta(hours=1)


@pytest.fixture
def team_cast(cast):
    team = cast.family.team
    cast.gw = MembershipFactory(team=team, role=TeamRole.GEDRAGSWETENSCHAPPER, user__username="gw").user
    cast.senior = MembershipFactory(team=team, role=TeamRole.SENIOR, user__username="senior").user
    return cast


@pytest.fixture
def session(team_cast):
    return services.session_create(actor=team_cast.teamleider, team=team_cast.family.team, starts_at=held_today())


def test_session_fills_the_three_leading_roles_and_attendees(team_cast, session):
    assert (session.teamleider, session.gedragswetenschapper, session.senior) == (
        team_cast.teamleider,
        team_cast.gw,
        team_cast.senior,
    )
    assert team_cast.worker in session.attendees.all()
    assert team_cast.outsider not in session.attendees.all()
    with pytest.raises(PermissionDenied):
        services.session_create(actor=team_cast.worker, team=team_cast.family.team, starts_at=timezone.now())
    with pytest.raises(ValidationError):
        services.session_update(actor=team_cast.teamleider, session=session, data={"senior": team_cast.outsider})


def test_agenda_is_published_before_the_team_sees_it(team_cast, session):
    family = team_cast.family
    services.discussion_add(actor=team_cast.teamleider, session=session, family=family, question="Is Sanne veilig?")
    with pytest.raises(ValidationError):
        services.discussion_add(actor=team_cast.teamleider, session=session, family=family, question="Nog eens")
    with pytest.raises(ValidationError):
        services.discussion_add(
            actor=team_cast.teamleider, session=session, family=team_cast.other_family, question="?"
        )
    assert session not in sel.session_list_for_user(user=team_cast.worker, team_id=session.team_id)
    with pytest.raises(Http404):
        sel.session_get_for_user(user=team_cast.worker, session_id=session.pk)
    services.session_publish(actor=team_cast.teamleider, session=session)
    assert session in sel.session_list_for_user(user=team_cast.worker, team_id=session.team_id)
    seen = sel.session_get_for_user(user=team_cast.worker, session_id=session.pk)
    with pytest.raises(PermissionDenied):
        sel.session_get_for_user(user=team_cast.worker, session_id=seen.pk, edit=True)
    for outsider in (team_cast.outsider, team_cast.bestuur, team_cast.auditor, team_cast.beheer):
        with pytest.raises(Http404):
            sel.session_get_for_user(user=outsider, session_id=session.pk)
    assert AccessLogEntry.objects.filter(family_ids__has=family.pk, what="op agenda teamsessie").exists()


def test_presenter_prepares_the_casenote(team_cast, session):
    discussion = services.discussion_add(
        actor=team_cast.teamleider, session=session, family=team_cast.family, question="Wat nu?"
    )
    assert discussion.presenter == team_cast.worker  # the family's gezinsmanager brings it in
    services.discussion_prepare(
        actor=team_cast.worker,
        discussion=discussion,
        data={"question": "Wat nu?", "casenote": "Ik merk dat ik partij kies voor moeder.", "recording_ref": ""},
    )
    with pytest.raises(PermissionDenied):
        services.discussion_prepare(actor=team_cast.colleague, discussion=discussion, data={"question": "x"})


def test_decision_with_actions_lands_on_the_timeline_and_in_mijn_gezinnen(team_cast, session):
    family = team_cast.family
    discussion = services.discussion_add(actor=team_cast.teamleider, session=session, family=family, question="?")
    services.discussion_answer(
        actor=team_cast.senior, discussion=discussion, data={"safe_now": "Ja, met de afspraken met oma."}
    )
    due = timezone.localdate() + dt.timedelta(days=14)
    decision = services.decision_record(
        actor=team_cast.teamleider,
        discussion=discussion,
        text="Netwerkberaad organiseren met oma en de buurvrouw.",
        actions=[{"description": "Netwerkberaad plannen", "owner": team_cast.worker, "due_on": due}],
    )
    assert sel.decision_is_final(decision=decision)
    with pytest.raises(ValidationError):
        services.decision_record(actor=team_cast.teamleider, discussion=discussion, text="Nog een besluit")
    entries = [e for e in family_timeline(family=family) if e.kind == "decision"]
    assert len(entries) == 1 and "Netwerkberaad organiseren" in entries[0].body
    items = worklist_for_user(user=team_cast.worker)
    assert [(i.title, i.family_name, i.due_on) for i in items] == [("Netwerkberaad plannen", family.name, due)]
    action = decision.actions.get()
    with pytest.raises(PermissionDenied):
        services.action_complete(actor=team_cast.colleague, action=action)
    services.action_complete(actor=team_cast.worker, action=action)
    assert worklist_for_user(user=team_cast.worker) == []


def test_action_owner_must_be_in_the_team(team_cast, session):
    discussion = services.discussion_add(
        actor=team_cast.teamleider, session=session, family=team_cast.family, question="?"
    )
    with pytest.raises(ValidationError):
        services.decision_record(
            actor=team_cast.teamleider,
            discussion=discussion,
            text="Besluit",
            actions=[{"description": "x", "owner": team_cast.outsider, "due_on": timezone.localdate()}],
        )
    assert not Decision.objects.filter(discussion=discussion).exists()


def test_heavy_decision_is_pending_until_both_agree(team_cast, session):
    discussion = services.discussion_add(
        actor=team_cast.teamleider, session=session, family=team_cast.family, question="Uithuisplaatsing?"
    )
    decision = services.decision_record(
        actor=team_cast.senior, discussion=discussion, text="Verzoek uithuisplaatsing", heavy="uithuisplaatsing"
    )
    assert not sel.decision_is_final(decision=decision)
    assert sel.decision_approval_roles(user=team_cast.worker, decision=decision) == []
    with pytest.raises(PermissionDenied):
        services.decision_approve(actor=team_cast.worker, decision=decision, role="teamleider")
    with pytest.raises(PermissionDenied):
        services.decision_approve(actor=team_cast.gw, decision=decision, role="teamleider")
    services.decision_approve(actor=team_cast.gw, decision=decision, role="gedragswetenschapper")
    assert not sel.decision_is_final(decision=decision)
    with pytest.raises(PermissionDenied):
        services.decision_approve(actor=team_cast.gw, decision=decision, role="gedragswetenschapper")
    entries = [e for e in family_timeline(family=team_cast.family) if e.kind == "decision"]
    assert entries[0].extra["pending"] is True
    services.decision_approve(actor=team_cast.teamleider, decision=decision, role="teamleider")
    decision.refresh_from_db()
    assert sel.decision_is_final(decision=decision)


def test_complex_case_meeting_needs_a_new_direction_per_family(team_cast):
    meeting = services.session_create(
        actor=team_cast.teamleider,
        team=team_cast.family.team,
        starts_at=timezone.now(),
        kind=SessionKind.COMPLEX,
    )
    discussion = services.discussion_add(
        actor=team_cast.teamleider, session=meeting, family=team_cast.family, question="Vastgelopen"
    )
    with pytest.raises(ValidationError) as refused:
        services.session_close(actor=team_cast.teamleider, session=meeting)
    assert team_cast.family.name in refused.value.messages[0]
    services.discussion_answer(
        actor=team_cast.teamleider, discussion=discussion, data={"new_direction": "Voogdij aanvragen."}
    )
    closed = services.session_close(actor=team_cast.teamleider, session=meeting)
    assert closed.status == SessionStatus.CLOSED
    with pytest.raises(ValidationError):
        services.discussion_answer(actor=team_cast.teamleider, discussion=discussion, data={"safe_now": "x"})


SESSION_PAGES = [
    "teams:session_detail",
    "teams:session_minutes",
    "teams:session_agenda",
]


@pytest.mark.parametrize("role", ["worker", "colleague", "teamleider", "outsider", "bestuur", "auditor", "beheer"])
def test_session_pages_access_matrix(client, team_cast, session, role):
    discussion = services.discussion_add(
        actor=team_cast.teamleider, session=session, family=team_cast.family, question="?"
    )
    services.session_publish(actor=team_cast.teamleider, session=session)
    client.force_login(getattr(team_cast, role))
    member = role in ("worker", "colleague", "teamleider")
    assert client.get(reverse("teams:session_list")).status_code == (200 if member or role == "outsider" else 404)
    for name in SESSION_PAGES:
        status = client.get(reverse(name, kwargs={"session_id": session.pk})).status_code
        assert status == (200 if member else 404), f"{role} {name}: {status}"
    prepare = client.get(reverse("teams:session_prepare", kwargs={"session_id": session.pk})).status_code
    assert prepare == {"teamleider": 200, "worker": 403, "colleague": 403}.get(role, 404)
    discuss = reverse("teams:discussion_discuss", kwargs={"session_id": session.pk, "discussion_id": discussion.pk})
    assert client.get(discuss).status_code == {"teamleider": 200, "worker": 403, "colleague": 403}.get(role, 404)
    prep = reverse("teams:discussion_prepare", kwargs={"session_id": session.pk, "discussion_id": discussion.pk})
    assert client.get(prep).status_code == {"teamleider": 200, "worker": 200, "colleague": 403}.get(role, 404)
    create = client.get(reverse("teams:session_create")).status_code
    assert create == {"teamleider": 200, "worker": 403, "colleague": 403, "outsider": 403}.get(role, 404)
    if not member:
        html = client.get(reverse("teams:session_list")).content.decode() if role == "outsider" else ""
        assert team_cast.family.name not in html


def test_recording_a_decision_through_the_page(client, team_cast, session):
    discussion = services.discussion_add(
        actor=team_cast.teamleider, session=session, family=team_cast.family, question="?"
    )
    client.force_login(team_cast.teamleider)
    url = reverse("teams:discussion_discuss", kwargs={"session_id": session.pk, "discussion_id": discussion.pk})
    due = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    data = {
        "kern-safe_now": "Ja",
        "kern-version": "1",
        "kern-centrale_lijn": "",
        "kern-raise_scores": "",
        "kern-who_does_what": "",
        "kern-new_direction": "",
        **once(prefix="besluit"),
        "besluit-text": "",
        "besluit-heavy": "",
        "actie-TOTAL_FORMS": "1",
        "actie-INITIAL_FORMS": "0",
        "actie-0-description": "Huisarts bellen",
        "actie-0-owner": team_cast.worker.pk,
        "actie-0-due_on": due,
        "besluit": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 200  # no decision text: refused, everything typed kept
    assert "Huisarts bellen" in response.content.decode()
    data["besluit-text"] = "School inschakelen"
    response = client.post(url, data)
    assert response.status_code == 302
    discussion.refresh_from_db()
    assert discussion.decision.text == "School inschakelen"
    assert discussion.decision.actions.get().owner == team_cast.worker


def test_one_person_cannot_make_a_heavy_decision_final_alone(team_cast, session):
    MembershipFactory(team=team_cast.family.team, role=TeamRole.GEDRAGSWETENSCHAPPER, user=team_cast.teamleider)
    discussion = services.discussion_add(
        actor=team_cast.teamleider, session=session, family=team_cast.family, question="?"
    )
    decision = services.decision_record(
        actor=team_cast.teamleider, discussion=discussion, text="Afsluiten", heavy="afsluiten"
    )
    services.decision_approve(actor=team_cast.teamleider, decision=decision, role="teamleider")
    with pytest.raises(PermissionDenied):
        services.decision_approve(actor=team_cast.teamleider, decision=decision, role="gedragswetenschapper")
    assert not sel.decision_is_final(decision=decision)
    services.decision_approve(actor=team_cast.gw, decision=decision, role="gedragswetenschapper")
    assert sel.decision_is_final(decision=decision)


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("teams:session_add_candidate", {"family": "abc"}),
        ("teams:session_add_candidate", {"family": "1", "why": "a\x00b"}),
        ("teams:session_add_candidate", {"family": "1", "question": "a\x00b"}),
    ],
)
def test_odd_input_on_session_posts_never_gives_a_server_error(client, team_cast, session, url, data):
    client.force_login(team_cast.teamleider)
    if data.get("family") == "1":
        data = {**data, "family": str(team_cast.family.pk)}
    response = client.post(reverse(url, kwargs={"session_id": session.pk}), {**data, **once()})
    assert response.status_code == 302


@pytest.mark.parametrize("note", ["a\x00b", "x" * 301])
def test_bad_approval_note_is_refused_with_a_message(client, team_cast, session, note):
    discussion = services.discussion_add(
        actor=team_cast.teamleider, session=session, family=team_cast.family, question="?"
    )
    decision = services.decision_record(
        actor=team_cast.teamleider, discussion=discussion, text="Uithuisplaatsing", heavy="uithuisplaatsing"
    )
    client.force_login(team_cast.gw)
    url = reverse("teams:decision_approve", kwargs={"decision_id": decision.pk})
    response = client.post(url, {**once(), "role": "gedragswetenschapper", "note": note})
    assert response.status_code == 302
    assert not decision.approvals.exists()


def test_answers_are_not_saved_when_the_decision_is_refused(client, team_cast, session):
    discussion = services.discussion_add(
        actor=team_cast.teamleider, session=session, family=team_cast.family, question="?"
    )
    client.force_login(team_cast.teamleider)
    url = reverse("teams:discussion_discuss", kwargs={"session_id": session.pk, "discussion_id": discussion.pk})
    response = client.post(
        url,
        {
            **once(prefix="besluit"),
            "kern-safe_now": "Ja",
            "kern-version": "1",
            "besluit-text": "Besluit",
            "besluit-heavy": "",
            "actie-TOTAL_FORMS": "1",
            "actie-INITIAL_FORMS": "0",
            "actie-0-description": "Iets",
            "actie-0-owner": team_cast.outsider.pk,
            "actie-0-due_on": timezone.localdate().isoformat(),
            "besluit": "1",
        },
    )
    assert response.status_code == 200
    discussion.refresh_from_db()
    assert discussion.safe_now == ""


def test_session_page_queries_do_not_grow_with_the_agenda(client, team_cast, session):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.support.factories import FamilyFactory

    def add(n):
        for _ in range(n):
            family = FamilyFactory(team=team_cast.family.team, manager=team_cast.worker)
            d = services.discussion_add(actor=team_cast.teamleider, session=session, family=family, question="?")
            services.decision_record(
                actor=team_cast.teamleider,
                discussion=d,
                text="Besluit",
                heavy="uithuisplaatsing",
                actions=[{"description": "Bellen", "owner": team_cast.worker, "due_on": timezone.localdate()}],
            )

    client.force_login(team_cast.gw)
    url = reverse("teams:session_detail", kwargs={"session_id": session.pk})
    add(1)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    add(4)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(small) == len(large)


def test_no_decision_and_no_closing_before_the_session_takes_place(team_cast, fixed_day):
    """A decision dated a week before its session would read as a team decision nobody took together."""
    ahead = services.session_create(
        actor=team_cast.teamleider,
        team=team_cast.family.team,
        starts_at=timezone.now() + dt.timedelta(days=7),
        kind="complex",
    )
    discussion = services.discussion_add(
        actor=team_cast.teamleider, session=ahead, family=team_cast.family, question="?"
    )
    with pytest.raises(ValidationError, match="Deze sessie is op 17-06-2026: een besluit vastleggen kan op die dag"):
        services.decision_record(actor=team_cast.teamleider, discussion=discussion, text="Te vroeg")
    with pytest.raises(ValidationError, match="de sessie afsluiten kan op die dag of daarna"):
        services.session_close(actor=team_cast.teamleider, session=ahead)
    with time_machine.travel(ahead.starts_at, tick=True):
        services.decision_record(actor=team_cast.teamleider, discussion=discussion, text="Op de dag zelf")


def test_a_session_with_decisions_keeps_its_date(team_cast, session):
    discussion = services.discussion_add(
        actor=team_cast.teamleider, session=session, family=team_cast.family, question="?"
    )
    services.decision_record(actor=team_cast.teamleider, discussion=discussion, text="Netwerkberaad")
    later = session.starts_at + dt.timedelta(days=7)
    with pytest.raises(ValidationError, match="de datum van deze sessie ligt vast"):
        services.session_update(actor=team_cast.teamleider, session=session, data={"starts_at": later})
    services.session_update(actor=team_cast.teamleider, session=session, data={"location": "Zaal 2"})  # the rest may
