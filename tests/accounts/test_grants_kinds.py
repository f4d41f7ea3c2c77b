"""The kinds registry: a kind that names one person plugs in with a few lines (the second-factor reset's seam)."""

import pytest

from accounts import services as account_services
from accounts.grants import services
from accounts.grants.account_kinds import user_action_kind
from accounts.grants.kinds import GRANT_KINDS
from accounts.grants.models import GrantAction, GrantEvent
from tests.support.grants_support import propose

pytestmark = pytest.mark.django_db


def test_a_user_action_kind_runs_its_action_once_on_approval(cast, security):
    done = []
    GRANT_KINDS.register(
        "test_reset",
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
