"""The teamleider's pages (aanmelding, assignment, substitution) and phase changes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.selectors import teams_led_by
from casework import selectors, services
from casework.access import can_change_phase, can_manage
from casework.forms import AssignForm, FamilyCreateForm, PhaseForm, SubstitutionForm
from core.concurrency import VERSION_FIELD, add_base_version, base_version_of, history_version
from core.views import create_once

from .helpers import render_family


def family_create(request):
    """Aanmelding: the teamleider registers a family and assigns its gezinsmanager."""
    teams = teams_led_by(user=request.user)
    if not teams.exists():
        raise PermissionDenied(_("Alleen een teamleider kan een gezin aanmelden."))
    form = FamilyCreateForm(request.POST or None, teams=teams)
    if request.method == "POST":

        def create() -> str:
            family = services.family_create(actor=request.user, **form.cleaned_data)
            return reverse("casework:family_detail", kwargs={"family_id": family.pk})

        done = create_once(request, form, kind="family", create=create, saved=_("Het gezin is aangemeld."))
        if done:
            return done
    return render(request, "casework/family_form.html", {"form": form})


def phase_change(request, family_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id)
    if not can_change_phase(user=request.user, family=family):
        raise PermissionDenied(_("U kunt de fase van dit gezin niet wijzigen."))
    form = PhaseForm(
        request.POST or None, initial={"to_phase": family.phase}, may_close=can_manage(user=request.user, family=family)
    )
    add_base_version(form, version=history_version(family.phase_changes.all()))
    if request.method == "POST":

        def create() -> str:
            data = {k: v for k, v in form.cleaned_data.items() if k != VERSION_FIELD}
            services.family_change_phase(actor=request.user, family=family, base_version=base_version_of(form), **data)
            return reverse("casework:family_detail", kwargs={"family_id": family.pk})

        saved = _("De fase is gewijzigd.")
        done = create_once(request, form, kind="phase_change", create=create, saved=saved, repeat_message=saved)
        if done:
            return done
    return render_family(request, "casework/phase_form.html", family=family, what="fase", context={"form": form})


def assign(request, family_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, manage=True)
    form = AssignForm(request.POST or None, family=family)
    if request.method == "POST":

        def create() -> str:
            services.family_assign(actor=request.user, family=family, **form.cleaned_data)
            return reverse("casework:family_detail", kwargs={"family_id": family.pk})

        saved = _("De gezinsmanager is toegewezen.")
        done = create_once(request, form, kind="assignment", create=create, saved=saved)
        if done:
            return done
    return render_family(request, "casework/assign_form.html", family=family, what="toewijzing", context={"form": form})


def substitution(request, family_id: int):
    """The teamleider arranges (or ends) a colleague's substitution."""
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, manage=True)
    if request.method == "POST" and "beeindig" in request.POST:
        ending = selectors.substitution_get(family=family, substitution_id=request.POST["beeindig"])
        services.substitution_end(actor=request.user, substitution=ending)
        messages.success(request, _("De vervanging is beëindigd."))
        return redirect("casework:substitution", family_id=family.pk)
    form = SubstitutionForm(request.POST or None, family=family)
    if request.method == "POST":

        def create() -> str:
            services.substitution_create(actor=request.user, family=family, **form.cleaned_data)
            return reverse("casework:family_detail", kwargs={"family_id": family.pk})

        done = create_once(request, form, kind="substitution", create=create, saved=_("De vervanging is geregeld."))
        if done:
            return done
    context = {"form": form, "substitutions": selectors.substitution_list(family=family)}
    return render_family(request, "casework/substitution_form.html", family=family, what="vervanging", context=context)
