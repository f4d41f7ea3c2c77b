"""Four eyes on every grant: one person proposes, a second authorised person approves, and only then it holds."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts import services as account_services
from accounts.grants import services
from accounts.grants.models import GrantAction, GrantEvent, GrantProposal, GrantStatus
from accounts.models import Membership, OrgRole, TeamRole
from casework.selectors import family_list_for_user
from core.models import AppendOnlyError
from tests.support.factories import MembershipFactory, UserFactory
from tests.support.grants_support import propose, propose_membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(cast):
    return UserFactory(username="nieuw")


def test_a_membership_holds_only_after_the_teamleider_approves(cast, newcomer):
    team = cast.family.team
    proposal = propose_membership(by=cast.beheer, user=newcomer, team=team)
    assert proposal.status == GrantStatus.OPEN
    assert not Membership.objects.filter(user=newcomer).exists()
    assert not family_list_for_user(user=newcomer).exists()

    outcome = services.grant_approve(proposal=proposal, by=cast.teamleider)

    assert "Goedgekeurd" in outcome.message and not outcome.secret
    membership = Membership.objects.get(user=newcomer)
    assert (membership.team, membership.role) == (team, TeamRole.GEZINSMANAGER)
    assert cast.family in family_list_for_user(user=newcomer)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (GrantStatus.APPROVED, cast.teamleider)
    steps = list(GrantEvent.objects.filter(proposal=proposal).order_by("at", "id").values_list("action", "actor"))
    assert steps == [(GrantAction.PROPOSED, cast.beheer.pk), (GrantAction.APPROVED, cast.teamleider.pk)]


def test_nobody_approves_their_own_proposal(cast, security, newcomer):
    own = propose("org_role", by=security, user=newcomer, role=OrgRole.AUDITOR)
    with pytest.raises(ValidationError, match="eigen voorstel"):
        services.grant_approve(proposal=own, by=security)
    # A teamleider proposes nothing: proposing is for beheer and the security officer.
    with pytest.raises(PermissionDenied):
        propose_membership(by=cast.teamleider, user=newcomer, team=cast.family.team)
    # And nobody decides a grant to themselves, even when someone else proposed it.
    for_security = propose("admin_flags", by=cast.beheer, user=security, is_staff=True, is_superuser=False)
    with pytest.raises(ValidationError, match="uzelf"):
        services.grant_approve(proposal=for_security, by=security)
    assert GrantProposal.objects.filter(status=GrantStatus.OPEN).count() == 2
    security.refresh_from_db()
    newcomer.refresh_from_db()
    assert (security.is_staff, newcomer.org_role) == (False, "")


def test_a_wrong_approver_is_refused(cast, security, newcomer):
    noord = cast.family.team
    zuid_leader = MembershipFactory(team=cast.other_family.team, role=TeamRole.TEAMLEIDER).user
    membership = propose_membership(by=cast.beheer, user=newcomer, team=noord)
    for wrong in (zuid_leader, cast.beheer, cast.worker, cast.bestuur, security):
        with pytest.raises((PermissionDenied, ValidationError)):
            services.grant_approve(proposal=membership, by=wrong)
    role = propose("org_role", by=cast.beheer, user=newcomer, role=OrgRole.BESTUUR)
    for wrong in (cast.teamleider, zuid_leader, cast.auditor, cast.bestuur):
        with pytest.raises(PermissionDenied):
            services.grant_approve(proposal=role, by=wrong)
    second_beheer = UserFactory(org_role=OrgRole.BEHEER, is_staff=True)
    with pytest.raises(PermissionDenied):  # beheer never approves, not even another beheer's proposal
        services.grant_approve(proposal=role, by=second_beheer)
    assert not Membership.objects.filter(user=newcomer).exists()
    newcomer.refresh_from_db()
    assert newcomer.org_role == ""
    services.grant_approve(proposal=role, by=security)
    newcomer.refresh_from_db()
    assert newcomer.org_role == OrgRole.BESTUUR


def test_a_team_without_teamleider_asks_the_security_officer(cast, security, newcomer):
    from tests.support.factories import TeamFactory

    new_team = TeamFactory(name="Team Oost")
    proposal = propose_membership(by=cast.beheer, user=newcomer, team=new_team, role=TeamRole.TEAMLEIDER)
    with pytest.raises(PermissionDenied):
        services.grant_approve(proposal=proposal, by=cast.teamleider)  # leads another team
    services.grant_approve(proposal=proposal, by=security)
    assert Membership.objects.active().filter(user=newcomer, team=new_team, role=TeamRole.TEAMLEIDER).exists()


def test_beheer_never_holds_a_team_role(cast, security):
    with pytest.raises(ValidationError, match="Functioneel beheer"):
        propose_membership(by=security, user=cast.beheer, team=cast.family.team)
    with pytest.raises(ValidationError, match="rol in een team"):
        propose("org_role", by=security, user=cast.worker, role=OrgRole.BEHEER)
    # Proposed while allowed, then the person got a team role: the approval is refused too.
    newcomer = UserFactory()
    proposal = propose("org_role", by=security, user=newcomer, role=OrgRole.BEHEER)
    MembershipFactory(user=newcomer, team=cast.family.team)
    with pytest.raises(ValidationError, match="rol in een team"):
        services.grant_approve(proposal=proposal, by=UserFactory(org_role=OrgRole.SECURITY))
    newcomer.refresh_from_db()
    assert newcomer.org_role == ""
    proposal.refresh_from_db()
    assert proposal.status == GrantStatus.OPEN  # refused as a whole: nothing decided, nothing applied


def test_the_security_officer_never_holds_a_team_role_either(cast, security):
    """Who approves every grant outside a team reads no family: no membership, not even one proposed."""
    with pytest.raises(ValidationError, match="securityofficer"):
        propose_membership(by=cast.beheer, user=security, team=cast.family.team)
    with pytest.raises(ValidationError, match="rol in een team"):
        propose("org_role", by=cast.beheer, user=cast.worker, role=OrgRole.SECURITY)
    # The service refuses it too, whoever calls it.
    with pytest.raises(ValidationError, match="securityofficer"):
        account_services.membership_create(
            actor=cast.beheer,
            user=security,
            team=cast.family.team,
            role=TeamRole.GEZINSMANAGER,
            start=cast.family.opened_on,
        )


def test_a_decided_or_withdrawn_proposal_is_not_approved(cast, security, newcomer):
    rejected = propose("org_role", by=cast.beheer, user=newcomer, role=OrgRole.AUDITOR)
    with pytest.raises(ValidationError):
        services.grant_reject(proposal=rejected, by=security, reason="")  # a rejection says why
    services.grant_reject(proposal=rejected, by=security, reason="Geen auditor nodig")
    withdrawn = propose("org_role", by=cast.beheer, user=newcomer, role=OrgRole.BESTUUR)
    with pytest.raises(PermissionDenied):
        services.grant_withdraw(proposal=withdrawn, by=security)  # only the proposer withdraws
    services.grant_withdraw(proposal=withdrawn, by=cast.beheer)
    approved = propose("admin_flags", by=cast.beheer, user=newcomer, is_staff=True, is_superuser=False)
    services.grant_approve(proposal=approved, by=security)
    for proposal in (rejected, withdrawn, approved):
        with pytest.raises(ValidationError, match="al besloten"):
            services.grant_approve(proposal=proposal, by=security)
    newcomer.refresh_from_db()
    assert (newcomer.org_role, newcomer.is_staff) == ("", True)
    assert GrantEvent.objects.filter(action=GrantAction.APPROVED).count() == 1


def test_grant_rows_are_append_only(cast, newcomer):
    propose_membership(by=cast.beheer, user=newcomer, team=cast.family.team)
    event = GrantEvent.objects.get()
    event.reason = "achteraf anders"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        GrantEvent.objects.filter(pk=event.pk).update(reason="achteraf anders")
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert GrantEvent.objects.get().reason == "Nieuwe collega per maandag"


def test_taking_access_away_is_direct_and_recorded(cast):
    from accounts import services as account_services

    membership = Membership.objects.get(user=cast.worker)
    account_services.membership_end(actor=cast.beheer, membership=membership)
    assert not Membership.objects.active().filter(user=cast.worker).exists()
    removal = GrantEvent.objects.get()
    assert (removal.action, removal.team, removal.subject_user, removal.actor) == (
        GrantAction.REMOVED,
        cast.family.team,
        cast.worker,
        cast.beheer,
    )
