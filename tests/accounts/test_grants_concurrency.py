"""Two approvals at once (two browser tabs, two officers) apply a grant exactly once."""

import pytest
from django.core.exceptions import ValidationError

from accounts.grants import services
from accounts.grants.models import GrantAction, GrantEvent, GrantProposal, GrantStatus
from accounts.models import Membership, OrgRole
from api.models import PartnerClient
from tests.support.concurrency_support import at_once
from tests.support.factories import UserFactory
from tests.support.grants_support import propose, propose_membership
from tests.support.partners_support import make_partner

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_approvals_of_one_membership_grant_it_once(cast):
    newcomer = UserFactory(username="nieuw")
    proposal = propose_membership(by=cast.beheer, user=newcomer, team=cast.family.team)
    results = at_once(
        lambda: services.grant_approve(proposal=GrantProposal.objects.get(pk=proposal.pk), by=cast.teamleider),
        lambda: services.grant_approve(proposal=GrantProposal.objects.get(pk=proposal.pk), by=cast.teamleider),
    )
    refused = [r for r in results if isinstance(r, ValidationError)]
    granted = [r for r in results if not isinstance(r, Exception)]
    assert len(granted) == 1 and len(refused) == 1, results
    assert "al besloten" in refused[0].messages[0]
    assert Membership.objects.filter(user=newcomer).count() == 1
    assert GrantEvent.objects.filter(proposal=proposal, action=GrantAction.APPROVED).count() == 1


def test_two_officers_approving_one_partner_client_make_one_client_and_one_secret(cast):
    officers = [UserFactory(org_role=OrgRole.SECURITY) for _ in range(2)]
    proposal = propose(
        "partner_client",
        by=cast.beheer,
        partner=make_partner("Jeugdhulp B"),
        name="Planning",
        scopes=["inzetten:lezen"],
        purpose="Planning van de hulp",
    )
    results = at_once(
        *(
            (lambda o=o: services.grant_approve(proposal=GrantProposal.objects.get(pk=proposal.pk), by=o))
            for o in officers
        )
    )
    outcomes = [r for r in results if not isinstance(r, Exception)]
    assert len(outcomes) == 1 and isinstance(next(r for r in results if r not in outcomes), ValidationError)
    assert outcomes[0].secret
    assert PartnerClient.objects.count() == 1
    proposal.refresh_from_db()
    assert proposal.status == GrantStatus.APPROVED
