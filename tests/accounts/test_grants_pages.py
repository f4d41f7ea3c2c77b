"""The "Voorstellen" pages and the teamleider's team record, through the test client."""

import re

import pytest
from django.urls import reverse
from oauth2_provider.models import AccessToken

from accounts.grants.models import GrantProposal, GrantStatus
from accounts.models import Membership, OrgRole, TeamRole
from api.models import PartnerClient
from tests.support.factories import MembershipFactory, UserFactory
from tests.support.grants_support import propose, propose_membership
from tests.support.partners_support import make_partner

pytestmark = pytest.mark.django_db


def _token_field(page: str) -> str:
    match = re.search(r'name="idempotency_token" value="([^"]+)"', page)
    assert match, "no one-time token on the form"
    return match.group(1)


def test_the_partner_client_secret_is_shown_once_to_the_approver_only(client, cast, security):
    partner = make_partner("Jeugdhulp A")
    client.force_login(cast.beheer)
    url = reverse("grants:propose", args=["partner_client"])
    data = {
        "partner": partner.pk,
        "name": "Registratiesysteem",
        "scopes": ["gezinnen:lezen", "inzetten:lezen"],
        "purpose": "Afstemmen van de hulp",
        "reason": "Jeugdhulp A gaat starten met de koppeling",
        "idempotency_token": _token_field(client.get(url).content.decode()),
    }
    proposed = client.post(url, data)
    assert proposed.status_code == 302
    assert client.post(url, data).status_code == 302  # a double click proposes once
    proposal = GrantProposal.objects.get()
    assert not PartnerClient.objects.exists()
    detail = reverse("grants:detail", args=[proposal.pk])
    assert "Goedkeuren" not in client.get(detail).content.decode()  # beheer cannot approve it

    client.force_login(security)
    approved = client.post(reverse("grants:decide", args=[proposal.pk]), {"decision": "approve", "reason": ""})
    assert approved.status_code == 200
    assert approved.templates[0].name == "grants/secret.html"
    api_client = PartnerClient.objects.get()
    assert api_client.scopes == "gezinnen:lezen inzetten:lezen"
    secret = approved.context["outcome"].secret["Client-secret"]
    assert secret in approved.content.decode() and api_client.client_id in approved.content.decode()
    assert api_client.application.client_secret != secret  # stored hashed only
    assert secret not in str(GrantProposal.objects.values().get()) and not list(approved.wsgi_request._messages)

    # Sending the approval again (a reload) shows no secret and grants nothing more.
    again = client.post(reverse("grants:decide", args=[proposal.pk]), {"decision": "approve", "reason": ""})
    assert again.status_code == 409 and secret not in again.content.decode()
    assert PartnerClient.objects.count() == 1
    assert secret not in client.get(detail).content.decode()
    client.force_login(cast.beheer)
    for page in (client.get(detail), client.get(reverse("grants:list"))):
        assert secret not in page.content.decode()

    token = client.post(
        "/api/v1/oauth/token",
        {"grant_type": "client_credentials", "client_id": api_client.client_id, "client_secret": secret},
    )
    assert token.status_code == 200, token.content
    assert AccessToken.objects.filter(application=api_client.application).exists()


def test_a_refused_decision_keeps_the_page_and_says_why(client, cast, security):
    proposal = propose("org_role", by=security, user=UserFactory(), role=OrgRole.AUDITOR)
    client.force_login(security)
    own = client.post(reverse("grants:decide", args=[proposal.pk]), {"decision": "approve"})
    assert own.status_code == 409 and "eigen voorstel" in own.content.decode()
    other = UserFactory(org_role=OrgRole.SECURITY)
    client.force_login(other)
    rejected = client.post(reverse("grants:decide", args=[proposal.pk]), {"decision": "reject", "reason": ""})
    assert rejected.status_code == 409 and "waarom u dit voorstel afwijst" in rejected.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == GrantStatus.OPEN


def test_who_sees_the_proposals(client, cast, security):
    proposal = propose_membership(by=cast.beheer, user=UserFactory(), team=cast.family.team)
    role = propose("org_role", by=cast.beheer, user=UserFactory(), role=OrgRole.AUDITOR)
    for person in (cast.beheer, security):
        client.force_login(person)
        page = client.get(reverse("grants:list")).content.decode()
        assert proposal.summary in page and role.summary in page
    for person in (cast.worker, cast.bestuur, cast.auditor, cast.teamleider):
        client.force_login(person)
        assert client.get(reverse("grants:list")).status_code == 404
        assert client.get(reverse("grants:new")).status_code == 404
        assert client.get(reverse("grants:detail", args=[role.pk])).status_code == 404
    client.force_login(cast.teamleider)
    assert client.get(reverse("grants:detail", args=[proposal.pk])).status_code == 200
    zuid_leader = MembershipFactory(team=cast.other_family.team, role=TeamRole.TEAMLEIDER).user
    client.force_login(zuid_leader)
    assert client.get(reverse("grants:detail", args=[proposal.pk])).status_code == 404
    assert client.post(reverse("grants:decide", args=[proposal.pk]), {"decision": "approve"}).status_code == 404
    assert not Membership.objects.filter(user=proposal.subject_user).exists()


def test_the_teamleider_sees_the_rows_of_their_own_team_only(client, cast, security):
    noord, zuid = cast.family.team, cast.other_family.team
    into_noord = propose_membership(by=cast.beheer, user=UserFactory(), team=noord)
    into_zuid = propose_membership(by=cast.beheer, user=UserFactory(), team=zuid, role=TeamRole.SENIOR)
    worker_role = propose("admin_flags", by=cast.beheer, user=cast.worker, is_staff=True, is_superuser=False)
    outsider_role = propose("admin_flags", by=cast.beheer, user=cast.outsider, is_staff=True, is_superuser=False)
    client.force_login(cast.teamleider)
    page = client.get(reverse("grants:team")).content.decode()
    assert into_noord.summary in page and worker_role.summary in page
    assert into_zuid.summary not in page and outsider_role.summary not in page
    assert client.get(reverse("grants:team"), {"team": zuid.pk}).status_code == 404
    dashboard = client.get(reverse("dashboard:team_dashboard")).content.decode()
    assert reverse("grants:team") in dashboard  # the "Toegang" tab on the team pages
    client.force_login(cast.worker)
    assert client.get(reverse("grants:team")).status_code == 404
    assert reverse("grants:team") not in client.get(reverse("dashboard:team_dashboard")).content.decode()

    client.force_login(cast.teamleider)
    approved = client.post(reverse("grants:decide", args=[into_noord.pk]), {"decision": "approve", "reason": "Welkom"})
    assert approved.status_code == 302
    assert Membership.objects.active().filter(user=into_noord.subject_user, team=noord).exists()
    page = client.get(reverse("grants:team")).content.decode()
    assert "Goedgekeurd en toegepast" in page and "Welkom" in page
