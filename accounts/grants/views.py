"""The four-eyes pages: "Voorstellen" for beheer and the security officer, and the teamleider's team record.

Thin: the rules are in services (who may decide, once) and selectors (who may
see). The approval of a partner client answers with its secret in the response
itself, never stored, never in a message or redirect, so it is shown once, to
the approver only.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.views import create_once

from . import selectors, services
from .forms import DecisionForm, proposal_form_class
from .kinds import GRANT_KINDS, grant_kind_get, may_propose_grants


def _proposer_or_404(user) -> None:
    if not may_propose_grants(user):
        raise Http404("Geen toegang")


def grant_list(request):
    _proposer_or_404(request.user)
    open_, decided = selectors.grant_lists_for_user(user=request.user)
    return render(request, "grants/list.html", {"open": open_, "decided": decided})


def grant_new(request):
    _proposer_or_404(request.user)
    return render(request, "grants/new.html", {"kinds": list(GRANT_KINDS)})


def grant_propose(request, kind_key: str):
    _proposer_or_404(request.user)
    kind = grant_kind_get(kind_key)
    form_class = proposal_form_class(kind)
    form = form_class(request.POST or None)
    if request.method == "POST":

        def create() -> str:
            cleaned = {k: v for k, v in form.cleaned_data.items() if k != "reason"}
            proposal = services.grant_propose(
                kind=kind, by=request.user, cleaned=cleaned, reason=form.cleaned_data["reason"]
            )
            return reverse("grants:detail", kwargs={"proposal_id": proposal.pk})

        done = create_once(
            request,
            form,
            kind=f"grant_{kind.key}",
            create=create,
            saved=_("Voorstel gedaan; een tweede persoon besluit."),
        )
        if done:
            return done
    return render(request, "grants/propose.html", {"kind": kind, "form": form})


def _detail(request, proposal, *, form=None, status=200):
    context = {
        "proposal": proposal,
        "events": selectors.grant_events_of(proposal=proposal),
        "may_decide": proposal.is_open and services.may_decide(proposal=proposal, user=request.user),
        "may_withdraw": proposal.is_open and proposal.proposed_by_id == request.user.pk,
        "form": form or DecisionForm(),
        "kind_label": grant_kind_get(proposal.kind).label,
    }
    return render(request, "grants/detail.html", context, status=status)


def grant_detail(request, proposal_id: int):
    return _detail(request, selectors.grant_get_for_user(user=request.user, proposal_id=proposal_id))


@require_POST
@never_cache
def grant_decide(request, proposal_id: int):
    proposal = selectors.grant_get_for_user(user=request.user, proposal_id=proposal_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _detail(request, proposal, form=form, status=400)
    reason = form.cleaned_data["reason"]
    try:
        if form.cleaned_data["decision"] == "approve":
            outcome = services.grant_approve(proposal=proposal, by=request.user, reason=reason)
        else:
            services.grant_reject(proposal=proposal, by=request.user, reason=reason)
            outcome = None
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errs in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            form.add_error(None, error)
        proposal.refresh_from_db()
        return _detail(request, proposal, form=form, status=409)
    except PermissionDenied:
        form.add_error(None, _("U mag over dit voorstel niet besluiten."))
        return _detail(request, proposal, form=form, status=403)
    if outcome is not None and outcome.secret:
        # Shown in this response only: not stored, not in a message, not on the proposal's page.
        proposal.refresh_from_db()
        return render(request, "grants/secret.html", {"proposal": proposal, "outcome": outcome})
    messages.success(request, outcome.message if outcome else _("Voorstel afgewezen."))
    return redirect("grants:detail", proposal_id=proposal.pk)


@require_POST
def grant_withdraw(request, proposal_id: int):
    proposal = selectors.grant_get_for_user(user=request.user, proposal_id=proposal_id)
    try:
        services.grant_withdraw(proposal=proposal, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied:
        raise Http404("Voorstel niet gevonden") from None
    else:
        messages.success(request, _("Voorstel ingetrokken."))
    return redirect("grants:detail", proposal_id=proposal.pk)


def team_grants(request):
    """The teamleider's record of their team: open membership proposals to decide, and every step."""
    team, teams = selectors.team_led_by_or_404(user=request.user, team_id=request.GET.get("team"))
    context = {
        "team": team,
        "teams": teams,
        "open": selectors.team_open_grants(team=team),
        "events": selectors.team_grant_events(team=team)[:200],
    }
    return render(request, "grants/team.html", context)
