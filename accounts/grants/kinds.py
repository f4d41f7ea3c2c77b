"""The kinds of grant that can be proposed, as a registry apps above accounts fill.

A kind says which form proposes it, how the form's input becomes a stored
payload and a one-line summary (`prepare`, which also refuses what may never be
granted), who may approve it (`may_approve`), and how it is applied (`apply`,
called inside the approving transaction with the proposal locked). accounts
registers its own kinds in `AppConfig.ready()`; `api` registers the partner
client kinds the same way, so accounts never imports the floors above it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise

from core.registry import Registry

from ..models import Membership, OrgRole, Team, TeamRole, User
from .models import GrantProposal


@dataclass(frozen=True)
class GrantDraft:
    """What a proposal stores: JSON-safe details, the line people read, and whom and which team it concerns."""

    payload: dict[str, Any]
    summary: str
    subject_user: User | None = None
    team: Team | None = None


@dataclass(frozen=True)
class GrantOutcome:
    """What the approver is told. `secret` (label to value) is shown once, in the approver's response only."""

    message: str
    secret: dict[str, str] = field(default_factory=dict)


def security_officer_approves(*, proposal: GrantProposal, user: User) -> bool:
    """Grants outside a team are approved by a privacy and security officer."""
    return user.is_active and user.is_security_officer


def may_propose_grants(user: User) -> bool:
    """Functioneel beheer and the security officer propose; neither can grant alone."""
    return user.is_active and (user.is_beheer or user.is_security_officer)


Text = str | Promise  # a plain or a lazily translated string


@dataclass(frozen=True)
class GrantKind:
    key: str
    label: Text
    form_class: type[forms.Form]
    prepare: Callable[..., GrantDraft]  # prepare(cleaned=dict) -> GrantDraft, may raise ValidationError
    apply: Callable[..., GrantOutcome]  # apply(proposal=, by=) -> GrantOutcome, inside the approving transaction
    may_approve: Callable[..., bool] = security_officer_approves  # may_approve(proposal=, user=)
    description: Text = ""


GRANT_KINDS: Registry[GrantKind] = Registry(
    "accounts.grants.GRANT_KINDS", "What functioneel beheer can propose and a second person approves."
)


def grant_kind_register(kind: GrantKind) -> GrantKind:
    """Plug a kind in under its own key (named once, on the kind: the registry's key cannot differ from it)."""
    return GRANT_KINDS.register(kind.key, kind)


def grant_kind_get(key: str) -> GrantKind:
    """The registered kind, or 404: a proposal of a kind no app registers (any more) cannot be decided."""
    for kind in GRANT_KINDS:
        if kind.key == key:
            return kind
    raise Http404("Onbekende soort voorstel")


def not_ended(on=None) -> Q:
    """Memberships that hold today or start later: what counts as holding a team role."""
    on = on or timezone.localdate()
    return Q(end__isnull=True) | Q(end__gte=on)


def holds_team_role(user: User) -> bool:
    return Membership.objects.filter(not_ended(), user=user).exists()


def team_leader_approves(*, proposal: GrantProposal, user: User) -> bool:
    """A membership is approved by an active teamleider of that team.

    A team without an active teamleider (a new team, or its first teamleider)
    has nobody to ask, so then the security officer approves.
    """
    if not user.is_active or proposal.team_id is None:
        return False
    leaders = Membership.objects.active().filter(team_id=proposal.team_id, role=TeamRole.TEAMLEIDER)
    if leaders.filter(user=user).exists():
        return True
    return user.is_security_officer and not leaders.exists()


GRANT_ROLES = [OrgRole.BESTUUR, OrgRole.AUDITOR, OrgRole.BEHEER, OrgRole.SECURITY]
