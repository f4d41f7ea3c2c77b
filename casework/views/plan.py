"""Pages of the gezinsplan: a new version, any version for print, comparing two."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework import selectors, services
from casework.access import family_permissions
from casework.drafts.binding import draft_done, draft_state, show_as_typed
from casework.drafts.spec import DraftSpec
from casework.forms import (
    AgreementFormSet,
    AgreementStatusForm,
    PlanCompareForm,
    PlanForm,
    agreement_initial,
    plan_initial,
)
from casework.plan_diff import plan_compare
from core.concurrency import add_base_version, base_version_of, history_version
from core.views import create_once

from .helpers import render_family


def plan_create(request, family_id: int):
    """Write a new version of the plan, starting from the current one."""
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, write=True)
    current = selectors.plan_current_with_agreements(family=family)
    spec = DraftSpec.for_family(form_key="plan", family_id=family.pk, path=request.path)
    draft = draft_state(request=request, spec=spec)
    if request.method == "POST":
        form = PlanForm(request.POST)
        add_base_version(form, version=current.number if current else 0)
        formset = AgreementFormSet(request.POST, prefix="afspraak")

        def create() -> str:
            agreements = [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
            services.plan_version_create(
                actor=request.user,
                family=family,
                data=form.cleaned_data,
                agreements=agreements,
                base_version=base_version_of(form),
            )
            draft_done(request=request, spec=spec)
            return reverse("casework:plan_detail", kwargs={"family_id": family.pk})

        saved = _("De nieuwe versie van het gezinsplan is opgeslagen.")
        done = create_once(request, form, kind="plan_version", create=create, saved=saved, valid=formset.is_valid)
        if done:
            return done
    elif draft.restored:
        form = PlanForm(draft.data)
        # The draft's own base version holds (bound data wins over this initial): a plan saved by someone
        # else since the draft began is then refused with both versions shown, never silently overwritten.
        add_base_version(form, version=current.number if current else 0)
        formset = AgreementFormSet(draft.data, prefix="afspraak")
        show_as_typed(form, formset)
    else:
        form = PlanForm(initial=plan_initial(current))
        add_base_version(form, version=current.number if current else 0)
        formset = AgreementFormSet(prefix="afspraak", initial=agreement_initial(current))
    context = {"form": form, "formset": formset, "current": current, "draft": draft}
    return render_family(request, "casework/plan_form.html", family=family, what="gezinsplan bewerken", context=context)


def plan_detail(request, family_id: int, number: int | None = None):
    """A version of the plan (the current one by default), laid out for printing."""
    family = selectors.family_get_for_user(user=request.user, family_id=family_id)
    if number is None:
        plan = selectors.plan_current_with_agreements(family=family)
        if plan is None:
            raise Http404(_("Dit gezin heeft nog geen gezinsplan."))
    else:
        plan = selectors.plan_version_get(family=family, number=number)
    context = {
        "plan": plan,
        "versions": selectors.plan_version_list(family=family),
        "children": [m for m in selectors.family_members(family=family) if m.is_child],
        "can": family_permissions(user=request.user, family=family),
        "today": timezone.localdate(),
    }
    what = f"gezinsplan versie {plan.number}"
    return render_family(request, "casework/plan_detail.html", family=family, what=what, context=context)


def plan_compare_view(request, family_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id)
    versions = list(selectors.plan_version_list(family=family))
    numbers = [v.number for v in versions]
    form = PlanCompareForm(request.GET or None)
    if form.is_valid():
        a, b = form.cleaned_data["a"], form.cleaned_data["b"]
    else:  # by default: the current version against the one before
        a, b = (numbers[1], numbers[0]) if len(numbers) > 1 else (0, 0)
    old = new = sections = None
    if a in numbers and b in numbers:
        old = selectors.plan_version_get(family=family, number=min(a, b))
        new = selectors.plan_version_get(family=family, number=max(a, b))
        sections = plan_compare(old=old, new=new)
    context = {"versions": versions, "sections": sections, "old": old, "new": new, "a": a, "b": b}
    what = f"gezinsplan versies {old.number} en {new.number} vergeleken" if old else "gezinsplan versies"
    return render_family(request, "casework/plan_compare.html", family=family, what=what, context=context)


@require_POST
def agreement_status(request, family_id: int, agreement_id: int):
    """A status from the family page's buttons: once per click, refused when the page showed an older status."""
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, write=True)
    agreement = selectors.agreement_get(family=family, agreement_id=agreement_id)
    form = AgreementStatusForm(request.POST)
    add_base_version(form, version=history_version(agreement.status_changes.all()))

    def change() -> str:
        services.agreement_set_status(
            actor=request.user,
            family=family,
            agreement=agreement,
            status=form.cleaned_data["status"],
            base_version=base_version_of(form),
        )
        return reverse("casework:family_detail", kwargs={"family_id": family.pk})

    def refused(error: ValidationError) -> None:
        messages.error(request, " ".join(error.messages))

    saved = _("De afspraak is bijgewerkt.")
    done = create_once(
        request, form, kind="agreement_status", create=change, saved=saved, on_refused=refused, repeat_message=saved
    )
    if done is None and "status" in form.errors:
        messages.error(request, _("Kies een geldige status."))
    elif done is None and form.errors and not form.non_field_errors():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return done or redirect("casework:family_detail", family_id=family.pk)
