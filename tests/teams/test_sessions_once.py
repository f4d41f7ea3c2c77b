"""The team session's creates happen once per form: planning a session, a family on the agenda, a decision."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import TeamRole
from teams.models import CaseDiscussion, Decision, FollowUpAction, TeamSession
from teams.sessions import services
from tests.support.dashboard_support import family_with_scores
from tests.support.factories import MembershipFactory
from tests.support.once import ALREADY_SAVED, assert_created_once, assert_refusal_keeps_token, form_token

pytestmark = pytest.mark.django_db


def held_today():
    """An hour ago: a session held today, so its decisions may be recorded (teams.sessions.services)."""
    return timezone.now() - dt.timedelta(hours=1)


@pytest.fixture
def session(cast):
    team = cast.family.team
    MembershipFactory(team=team, role=TeamRole.GEDRAGSWETENSCHAPPER, user__username="gw")
    MembershipFactory(team=team, role=TeamRole.SENIOR, user__username="senior")
    return services.session_create(actor=cast.teamleider, team=team, starts_at=held_today())


def test_planning_a_session_leads_to_its_agenda(client, cast):
    client.force_login(cast.teamleider)
    starts = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    rows = TeamSession.objects.filter(team=cast.family.team)
    led_to = assert_created_once(
        client, reverse("teams:session_create"), {"starts_at": starts, "kind": "teamsessie"}, rows=rows
    )
    assert led_to == reverse("teams:session_prepare", kwargs={"session_id": rows.get().pk})


def test_a_family_on_the_agenda_once(client, cast, session):
    client.force_login(cast.teamleider)
    url = reverse("teams:session_prepare", kwargs={"session_id": session.pk})
    data = {"casus-family": cast.family.pk, "casus-question": "Is Sanne veilig?"}
    assert_created_once(client, url, data, rows=CaseDiscussion.objects.filter(session=session), prefix="casus")


def test_a_candidate_on_the_agenda_once_with_the_token_of_its_button(client, cast, session):
    family = family_with_scores(cast, (3, 4, 5), name="Gezin Laag")
    client.force_login(cast.teamleider)
    page = reverse("teams:session_prepare", kwargs={"session_id": session.pk})
    url = reverse("teams:session_add_candidate", kwargs={"session_id": session.pk})
    data = {"family": family.pk, "why": "veiligheid laag"}
    rows = CaseDiscussion.objects.filter(session=session, family=family)
    assert_created_once(client, url, data, rows=rows, form_url=page)


def _decision(cast, text: str) -> dict:
    return {
        "kern-safe_now": "Ja",
        "besluit-text": text,
        "besluit-heavy": "",
        "actie-TOTAL_FORMS": "1",
        "actie-INITIAL_FORMS": "0",
        "actie-0-description": "Huisarts bellen",
        "actie-0-owner": cast.worker.pk,
        "actie-0-due_on": (timezone.localdate() + dt.timedelta(days=7)).isoformat(),
        "besluit": "1",
    }


def test_a_decision_with_its_actions_once(client, cast, session):
    discussion = services.discussion_add(actor=cast.teamleider, session=session, family=cast.family, question="?")
    client.force_login(cast.teamleider)
    url = reverse("teams:discussion_discuss", kwargs={"session_id": session.pk, "discussion_id": discussion.pk})
    rows = Decision.objects.filter(discussion=discussion)
    led_to = assert_created_once(client, url, _decision(cast, "School inschakelen"), rows=rows, prefix="besluit")
    assert led_to == reverse("teams:session_detail", kwargs={"session_id": session.pk})
    assert FollowUpAction.objects.filter(decision__discussion=discussion).count() == 1


def test_a_refused_decision_keeps_its_token(client, cast, session):
    discussion = services.discussion_add(actor=cast.teamleider, session=session, family=cast.family, question="?")
    client.force_login(cast.teamleider)
    url = reverse("teams:discussion_discuss", kwargs={"session_id": session.pk, "discussion_id": discussion.pk})
    rows = Decision.objects.filter(discussion=discussion)
    bad = {**_decision(cast, "Besluit"), "actie-0-owner": cast.outsider.pk}
    assert_refusal_keeps_token(client, url, bad=bad, good=_decision(cast, "Besluit"), rows=rows, prefix="besluit")


def test_a_decision_sent_again_after_someone_else_decided_is_refused_not_doubled(client, cast, session):
    discussion = services.discussion_add(actor=cast.teamleider, session=session, family=cast.family, question="?")
    client.force_login(cast.teamleider)
    url = reverse("teams:discussion_discuss", kwargs={"session_id": session.pk, "discussion_id": discussion.pk})
    token = form_token(client, url, prefix="besluit")
    services.decision_record(actor=cast.teamleider, discussion=discussion, text="Eerder besluit", heavy="")
    response = client.post(url, {**_decision(cast, "Tweede besluit"), **token})
    assert response.status_code == 200
    # Refused as a stale edit (core.concurrency): the other decision is shown beside the typed one.
    page = html.unescape(response.content.decode())
    assert "Uw tekst staat hieronder nog; vergelijk en sla opnieuw op." in page and "Tweede besluit" in page
    assert ALREADY_SAVED not in page
    assert Decision.objects.filter(discussion=discussion).count() == 1


def test_an_approval_once_with_the_token_of_its_button(client, cast, session):
    from teams.models import DecisionApproval

    discussion = services.discussion_add(actor=cast.teamleider, session=session, family=cast.family, question="?")
    decision = services.decision_record(
        actor=cast.teamleider, discussion=discussion, text="Uithuisplaatsing", heavy="uithuisplaatsing"
    )
    services.session_publish(actor=cast.teamleider, session=session)
    client.force_login(cast.teamleider)
    page = reverse("teams:session_detail", kwargs={"session_id": session.pk})
    url = reverse("teams:decision_approve", kwargs={"decision_id": decision.pk})
    rows = DecisionApproval.objects.filter(decision=decision)
    said = "Uw instemming is vastgelegd."  # a step on the decision: the repeat says what the first said
    led_to = assert_created_once(client, url, {"role": "teamleider"}, rows=rows, form_url=page, repeat_message=said)
    assert led_to == page
