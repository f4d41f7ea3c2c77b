"""Pages of destruction: the proposals with their agreements, one proposal to agree to or refuse, the tombstones.

For the privacy officer (every file) and the teamleider (their teams' files, as the second person).
A proposal names the dossier number only; showing it is logged as a view of that family.
"""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.concurrency import base_version_of
from core.views import create_once
from privacy.models import Action
from privacy.services import access_log_record, access_log_record_many

from . import destruction as svc
from . import selectors as sel
from .forms import AgreeForm, RefuseForm
from .models import OPEN_DESTRUCTION, DestructionStep, FileDestructionEvent
from .views import require_register_user


def _agreements(destruction) -> list[FileDestructionEvent]:
    return [e for e in destruction.events.all() if e.step == DestructionStep.AKKOORD]


@require_GET
def destruction_list(request):
    require_register_user(request)
    mine = sel.destructions_for_user(user=request.user)
    proposals = list(
        sel.destruction_events_prefetch(mine.filter(status__in=OPEN_DESTRUCTION)).order_by("proposed_on", "pk")[:500]
    )
    for proposal in proposals:
        proposal.agreements = _agreements(proposal)  # type: ignore[attr-defined]  # for the list
    decided = list(mine.exclude(status__in=OPEN_DESTRUCTION).order_by("-saved_at", "-pk")[:50])
    access_log_record_many(
        user=request.user,
        family_ids={d.family_id for d in [*proposals, *decided]},
        what="vernietigingsvoorstellen",
        request=request,
    )
    return render(request, "rights/destructions.html", {"proposals": proposals, "decided": decided})


def destruction_detail(request, destruction_id: int):
    require_register_user(request)
    found = sel.destruction_get_for_user(user=request.user, destruction_id=destruction_id)
    agree = AgreeForm(request.POST if "agree" in request.POST else None, version=found.version, prefix="akkoord")
    refuse = RefuseForm(request.POST if "refuse" in request.POST else None, version=found.version, prefix="afwijzen")
    url = reverse("rights:destruction", kwargs={"destruction_id": found.pk})
    if request.method == "POST":
        form = agree if "agree" in request.POST else refuse

        def step() -> str:
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            if form is agree:
                svc.destruction_agree(actor=request.user, destruction=found, base_version=base_version_of(form), **data)
            else:
                svc.destruction_refuse(
                    actor=request.user, destruction=found, base_version=base_version_of(form), **data
                )
            return url

        saved = _("Uw akkoord is vastgelegd.") if form is agree else _("Het voorstel is afgewezen; het dossier blijft.")
        done = create_once(
            request, form, kind=f"destruction_{form.prefix}", create=step, saved=saved, repeat_message=saved
        )
        if done:
            return done
    agreements = _agreements(found)
    access_log_record(
        user=request.user, family_id=found.family_id, action=Action.VIEW, what="vernietigingsvoorstel", request=request
    )
    context = {
        "d": found,
        "events": list(found.events.all()),
        "agreements": agreements,
        "agreed_already": any(e.by_id == request.user.pk for e in agreements),
        "may_agree": svc.may_agree(user=request.user, destruction=found),
        "needs_officer": bool(agreements) and not agreements[0].as_officer and not request.user.is_security_officer,
        "tombstone": getattr(found, "tombstone", None) if found.status == "vernietigd" else None,
        "agree": agree,
        "refuse": refuse,
        "posted": next((f for f in (agree, refuse) if f.is_bound and f.errors), None),
        "today": timezone.localdate(),
    }
    return render(request, "rights/destruction_detail.html", context)


@require_GET
def tombstones(request):
    """What stays of destroyed files: no names, so nothing here is a view of a family."""
    require_register_user(request)
    rows = list(sel.tombstones_for_user(user=request.user)[:500])
    return render(request, "rights/tombstones.html", {"rows": rows})
