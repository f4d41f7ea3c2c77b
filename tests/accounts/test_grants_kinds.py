"""The kinds registry: a kind that names one person plugs in with a few lines (the second-factor reset's seam)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services as account_services
from accounts.grants import services
from accounts.grants.account_kinds import user_action_kind
from accounts.grants.kinds import GRANT_KINDS, grant_kind_register
from accounts.grants.models import GrantAction, GrantEvent
from accounts.second_factor.models import SecondFactorReset
from tests.support.grants_support import propose
from tests.support.second_factor import confirmed_totp_device

pytestmark = pytest.mark.django_db


def test_a_user_action_kind_runs_its_action_once_on_approval(cast, security):
    done = []
    grant_kind_register(
        user_action_kind(
            key="test_reset",
            label="Tweede factor opnieuw instellen",
            summary="Tweede factor van %(user)s opnieuw instellen",
            action=lambda *, user, by: done.append((user, by)),
        ),
    )
    try:
        proposal = propose("test_reset", by=cast.beheer, user=cast.worker, reason="Telefoon kwijt")
        assert proposal.summary == f"Tweede factor van {cast.worker} opnieuw instellen" and not done
        services.grant_approve(proposal=proposal, by=security)
    finally:
        GRANT_KINDS.unregister("test_reset")
    assert done == [(cast.worker, security)]


def test_a_switched_off_account_comes_back_only_through_a_proposal(cast, security):
    account_services.user_deactivate(actor=cast.beheer, user=cast.worker)
    cast.worker.refresh_from_db()
    assert not cast.worker.is_active
    proposal = propose("reactivate", by=cast.beheer, user=cast.worker, reason="Terug van verlof")
    services.grant_approve(proposal=proposal, by=security)
    cast.worker.refresh_from_db()
    assert cast.worker.is_active
    actions = list(GrantEvent.objects.order_by("at", "id").values_list("action", flat=True))
    assert actions == [GrantAction.REMOVED, GrantAction.PROPOSED, GrantAction.APPROVED]


def test_a_second_factor_reset_needs_the_security_officer_and_then_removes_every_device(cast, security):
    """Resetting someone's second factor takes two people: beheer proposes, the security officer approves."""
    confirmed_totp_device(cast.worker)
    proposal = propose("second_factor_reset", by=cast.beheer, user=cast.worker, reason="Telefoon en codes kwijt")
    assert TOTPDevice.objects.filter(user=cast.worker).exists()  # a proposal alone changes nothing
    with pytest.raises(ValidationError):  # the proposer is never the second person
        services.grant_approve(proposal=proposal, by=cast.beheer)
    with pytest.raises(PermissionDenied):
        services.grant_approve(proposal=proposal, by=cast.teamleider)
    services.grant_approve(proposal=proposal, by=security)
    assert not TOTPDevice.objects.filter(user=cast.worker).exists()
    reset = SecondFactorReset.objects.get(user=cast.worker)
    assert reset.by == security and reset.devices_removed == 1
    assert GrantEvent.objects.filter(proposal=proposal, action=GrantAction.APPROVED, actor=security).exists()


def test_every_kind_is_registered_under_its_own_key():
    """The key is named once, on the kind (`grant_kind_register`): the registry's keys are the kinds' keys."""
    assert GRANT_KINDS.keys() == [kind.key for kind in GRANT_KINDS]
    assert {"membership", "partner_client"} <= set(GRANT_KINDS.keys())
