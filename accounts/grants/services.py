"""Writes of the four-eyes workflow: propose, approve, reject, withdraw, and record a removal.

The proposal is locked (select_for_update) by every decision, so two approvals
at once (two browser tabs, two officers) apply the grant once: the second
finds it decided and is refused. Each step leaves an append-only GrantEvent
with the acting user.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Team, User
from .kinds import GrantKind, GrantOutcome, grant_kind_get, may_propose_grants
from .models import GrantAction, GrantEvent, GrantProposal, GrantStatus


def _event(*, proposal: GrantProposal | None, action: str, actor: User, reason: str = "", **copy: object) -> GrantEvent:
    fields: dict[str, object] = (
        {
            "kind": proposal.kind,
            "summary": proposal.summary,
            "subject_user": proposal.subject_user,
            "team": proposal.team,
        }
        if proposal is not None
        else {}
    )
    fields.update(copy)
    return GrantEvent.objects.create(proposal=proposal, action=action, actor=actor, reason=reason, **fields)


@transaction.atomic
def grant_propose(*, kind: GrantKind, by: User, cleaned: dict, reason: str) -> GrantProposal:
    """Store a proposal; nothing is granted until a second person approves it."""
    if not may_propose_grants(by):
        raise PermissionDenied
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Schrijf op waarom deze toegang nodig is.")})
    draft = kind.prepare(cleaned=cleaned)
    proposal = GrantProposal.objects.create(
        kind=kind.key,
        payload=draft.payload,
        summary=draft.summary[:500],
        reason=reason.strip(),
        subject_user=draft.subject_user,
        team=draft.team,
        proposed_by=by,
    )
    _event(proposal=proposal, action=GrantAction.PROPOSED, actor=by, reason=proposal.reason)
    return proposal


def _lock_open(proposal: GrantProposal) -> GrantProposal:
    locked = GrantProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != GrantStatus.OPEN:
        raise ValidationError(
            _("Over dit voorstel is al besloten: %(status)s door %(who)s.")
            % {"status": locked.get_status_display(), "who": locked.decided_by}
        )
    return locked


def may_decide(*, proposal: GrantProposal, user: User) -> bool:
    """Whether this user may approve or reject: authorised for the kind, and neither proposer nor subject."""
    if user.pk in (proposal.proposed_by_id, proposal.subject_user_id):
        return False
    return grant_kind_get(proposal.kind).may_approve(proposal=proposal, user=user)


def _check_decider(proposal: GrantProposal, user: User) -> None:
    if user.pk == proposal.proposed_by_id:
        raise ValidationError(_("U kunt uw eigen voorstel niet goedkeuren of afwijzen; dat doet een tweede persoon."))
    if user.pk == proposal.subject_user_id:
        raise ValidationError(_("Over toegang voor uzelf beslist iemand anders."))
    if not may_decide(proposal=proposal, user=user):
        raise PermissionDenied


def _decide(proposal: GrantProposal, *, status: str, by: User) -> None:
    proposal.status = status
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])


@transaction.atomic
def grant_approve(*, proposal: GrantProposal, by: User, reason: str = "") -> GrantOutcome:
    """Approve and apply the grant in one transaction; returns what to show the approver (a secret once)."""
    locked = _lock_open(proposal)
    _check_decider(locked, by)
    outcome = grant_kind_get(locked.kind).apply(proposal=locked, by=by)
    _decide(locked, status=GrantStatus.APPROVED, by=by)
    _event(proposal=locked, action=GrantAction.APPROVED, actor=by, reason=(reason or "").strip())
    return outcome


@transaction.atomic
def grant_reject(*, proposal: GrantProposal, by: User, reason: str) -> GrantProposal:
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Schrijf op waarom u dit voorstel afwijst.")})
    locked = _lock_open(proposal)
    _check_decider(locked, by)
    _decide(locked, status=GrantStatus.REJECTED, by=by)
    _event(proposal=locked, action=GrantAction.REJECTED, actor=by, reason=reason.strip())
    return locked


@transaction.atomic
def grant_withdraw(*, proposal: GrantProposal, by: User, reason: str = "") -> GrantProposal:
    """Only the proposer withdraws their own open proposal."""
    locked = _lock_open(proposal)
    if by.pk != locked.proposed_by_id:
        raise PermissionDenied
    _decide(locked, status=GrantStatus.WITHDRAWN, by=by)
    _event(proposal=locked, action=GrantAction.WITHDRAWN, actor=by, reason=(reason or "").strip())
    return locked


def grant_record_removal(
    *, by: User, kind: str, summary: str, subject_user: User | None = None, team: Team | None = None, reason: str = ""
) -> GrantEvent:
    """Taking access away needs no second person, but it is on the record like every grant."""
    return _event(
        proposal=None,
        action=GrantAction.REMOVED,
        actor=by,
        reason=reason,
        kind=kind,
        summary=summary[:500],
        subject_user=subject_user,
        team=team,
    )
