"""Pages of the family file. Thin: read through selectors, write through services.

Every page that shows a family's data logs the view; every write is logged by
its service. A family outside the user's reach is a 404 (see selectors).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.selectors import teams_led_by
from privacy.models import Action
from privacy.services import access_log_record, access_log_record_many

from . import selectors, services
from .access import family_permissions
from .charts import score_chart
from .forms import (
    AddendumForm,
    AgreementFormSet,
    AgreementStatusForm,
    AssignForm,
    ContactForm,
    FamilyCreateForm,
    MeasureForm,
    MemberForm,
    NetworkPersonForm,
    PhaseForm,
    PlanForm,
    SubstitutionForm,
    agreement_initial,
)
from .models import Agreement, Contact, Measure, Member, NetworkPerson, Substitution
from .plan_diff import plan_compare
from .timeline import family_timeline


def _log_view(request, family, what: str, action: str = Action.VIEW) -> None:
    access_log_record(user=request.user, family_id=family.pk, action=action, what=what, request=request)


def _apply_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal next to the right field, keeping what was typed."""
    if hasattr(error, "error_dict"):
        for field, errs in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, error)


def my_families(request):
    """'Mijn gezinnen': a worker's own families with the figures that matter today."""
    if "alle" in request.GET:
        show_all = request.GET["alle"] == "1"
    else:
        # A teamleider or gedragswetenschapper has no families of their own:
        # their "mijn gezinnen" is the team's.
        show_all = not selectors.family_user_has_own(user=request.user)
    families = list(selectors.family_list_for_user(user=request.user, only_mine=not show_all))
    today = timezone.localdate()
    rows = [(f, selectors.family_figures(family=f, today=today)) for f in families]
    access_log_record_many(
        user=request.user, family_ids=[f.pk for f in families], what="Mijn gezinnen", request=request
    )
    substituting = selectors.family_ids_substituted_by(user=request.user)
    context = {
        "rows": rows,
        "writable_ids": {f.pk for f in families if f.manager_id == request.user.pk or f.pk in substituting},
        "show_all": show_all,
        "today": today,
        "can_register": teams_led_by(user=request.user).exists(),
    }
    return render(request, "casework/my_families.html", context)


def family_create(request):
    """Aanmelding: the teamleider registers a family and assigns its gezinsmanager."""
    teams = teams_led_by(user=request.user)
    if not teams.exists():
        raise PermissionDenied(_("Alleen een teamleider kan een gezin aanmelden."))
    form = FamilyCreateForm(request.POST or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        try:
            family = services.family_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_service_errors(form, error)
        else:
            messages.success(request, _("Het gezin is aangemeld."))
            return redirect("casework:family_detail", family_id=family.pk)
    return render(request, "casework/family_form.html", {"form": form})


def family_detail(request, family_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, with_figures=True)
    show_all = request.GET.get("tijdlijn") == "alles"
    _log_view(request, family, "gezinsdossier")
    series = selectors.contact_score_series(family=family)
    timeline = family_timeline(family=family, limit=None if show_all else 50)
    correctable = {
        e.obj.pk
        for e in timeline
        if e.kind == "contact" and services.contact_can_correct(user=request.user, contact=e.obj)
    }
    context = {
        "family": family,
        "figures": selectors.family_figures(family=family),
        "perms": family_permissions(user=request.user, family=family),
        "members": selectors.family_members(family=family),
        "network": list(family.network.all()),
        "substitutions": selectors.substitution_list(family=family),
        "plan": selectors.plan_current_with_agreements(family=family),
        "chart": score_chart(series),
        "series": series,
        "timeline": timeline,
        "correctable": correctable,
        "timeline_all": show_all,
        "today": timezone.localdate(),
    }
    return render(request, "casework/family_detail.html", context)


# --- contacts ---------------------------------------------------------------------


def contact_create(request, family_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, write=True)
    form = ContactForm(request.POST or None, family=family)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_record(actor=request.user, family=family, **form.service_data())
        except ValidationError as error:
            _apply_service_errors(form, error)
        else:
            messages.success(request, _("Het contactmoment is vastgelegd."))
            return redirect("casework:family_detail", family_id=family.pk)
    return render(request, "casework/contact_form.html", {"family": family, "form": form, "correcting": None})


def _contact_of(family, contact_id) -> Contact:
    return get_object_or_404(Contact.objects.select_related("author"), pk=contact_id, family=family)


def contact_correct(request, family_id: int, contact_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, write=True)
    contact = _contact_of(family, contact_id)
    if not services.contact_can_correct(user=request.user, contact=contact):
        raise PermissionDenied(_("Dit contactmoment kan niet meer worden gecorrigeerd; voeg een aanvulling toe."))
    form = ContactForm(request.POST or None, instance=contact, family=family)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_correct(actor=request.user, contact=contact, **form.service_data())
        except ValidationError as error:
            _apply_service_errors(form, error)
        else:
            messages.success(request, _("Het contactmoment is gecorrigeerd; de vorige versie is bewaard."))
            return redirect("casework:family_detail", family_id=family.pk)
    else:
        _log_view(request, family, f"contactmoment {contact.date:%d-%m-%Y}")
    return render(request, "casework/contact_form.html", {"family": family, "form": form, "correcting": contact})


def contact_addendum(request, family_id: int, contact_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, write=True)
    contact = _contact_of(family, contact_id)
    form = AddendumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.contact_add_addendum(actor=request.user, contact=contact, text=form.cleaned_data["text"])
        messages.success(request, _("De aanvulling is toegevoegd."))
        return redirect("casework:family_detail", family_id=family.pk)
    if request.method == "GET":
        _log_view(request, family, f"contactmoment {contact.date:%d-%m-%Y}")
    return render(request, "casework/addendum_form.html", {"family": family, "form": form, "contact": contact})


# --- members, network, measures --------------------------------------------------------


def _family_part_form(request, family_id, *, model, form_class, service, what, object_id=None, template):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, write=True)
    instance = None
    if object_id is not None:
        lookup = {"child__family": family} if model is Measure else {"family": family}
        instance = get_object_or_404(model, pk=object_id, **lookup)
    kwargs = {"family": family} if form_class is MeasureForm else {}
    form = form_class(request.POST or None, instance=instance, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            service(request.user, family, instance, form.cleaned_data)
        except ValidationError as error:
            _apply_service_errors(form, error)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect("casework:family_detail", family_id=family.pk)
    elif instance is not None and request.method == "GET":
        _log_view(request, family, what)
    return render(request, template, {"family": family, "form": form, "instance": instance, "what": what})


def member_form(request, family_id: int, member_id: int | None = None):
    return _family_part_form(
        request,
        family_id,
        model=Member,
        form_class=MemberForm,
        object_id=member_id,
        what=_("gezinslid"),
        template="casework/part_form.html",
        service=lambda u, f, i, d: services.member_save(actor=u, family=f, member=i, data=d),
    )


def network_form(request, family_id: int, person_id: int | None = None):
    return _family_part_form(
        request,
        family_id,
        model=NetworkPerson,
        form_class=NetworkPersonForm,
        object_id=person_id,
        what=_("netwerkpersoon"),
        template="casework/part_form.html",
        service=lambda u, f, i, d: services.network_person_save(actor=u, family=f, person=i, data=d),
    )


def _save_measure(user, family, instance, data):
    data = dict(data)
    child = data.pop("child")
    return services.measure_save(actor=user, family=family, child=child, measure=instance, data=data)


def measure_form(request, family_id: int, measure_id: int | None = None):
    return _family_part_form(
        request,
        family_id,
        model=Measure,
        form_class=MeasureForm,
        object_id=measure_id,
        what=_("maatregel"),
        template="casework/part_form.html",
        service=_save_measure,
    )


# --- phase and assignment ----------------------------------------------------------------


def phase_change(request, family_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id)
    perms = family_permissions(user=request.user, family=family)
    if not perms["phase"]:
        raise PermissionDenied
    form = PhaseForm(request.POST or None, initial={"to_phase": family.phase})
    if request.method == "POST" and form.is_valid():
        try:
            services.family_change_phase(actor=request.user, family=family, **form.cleaned_data)
        except ValidationError as error:
            _apply_service_errors(form, error)
        else:
            messages.success(request, _("De fase is gewijzigd."))
            return redirect("casework:family_detail", family_id=family.pk)
    return render(request, "casework/phase_form.html", {"family": family, "form": form})


def assign(request, family_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, manage=True)
    form = AssignForm(request.POST or None, family=family)
    if request.method == "POST" and form.is_valid():
        try:
            services.family_assign(actor=request.user, family=family, **form.cleaned_data)
        except ValidationError as error:
            _apply_service_errors(form, error)
        else:
            messages.success(request, _("De gezinsmanager is toegewezen."))
            return redirect("casework:family_detail", family_id=family.pk)
    return render(request, "casework/assign_form.html", {"family": family, "form": form})


def substitution(request, family_id: int):
    """The teamleider arranges (or ends) a colleague's substitution."""
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, manage=True)
    form = SubstitutionForm(request.POST or None, family=family)
    if request.method == "POST" and "beeindig" in request.POST:
        sub = get_object_or_404(Substitution, pk=request.POST["beeindig"], family=family)
        services.substitution_end(actor=request.user, substitution=sub)
        messages.success(request, _("De vervanging is beëindigd."))
        return redirect("casework:substitution", family_id=family.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.substitution_create(actor=request.user, family=family, **form.cleaned_data)
        except ValidationError as error:
            _apply_service_errors(form, error)
        else:
            messages.success(request, _("De vervanging is geregeld."))
            return redirect("casework:family_detail", family_id=family.pk)
    context = {"family": family, "form": form, "substitutions": selectors.substitution_list(family=family)}
    return render(request, "casework/substitution_form.html", context)


# --- gezinsplan ------------------------------------------------------------------------------


def plan_create(request, family_id: int):
    """Write a new version of the plan, starting from the current one."""
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, write=True)
    current = selectors.plan_current_with_agreements(family=family)
    if request.method == "POST":
        form = PlanForm(request.POST)
        formset = AgreementFormSet(request.POST, prefix="afspraak")
        if form.is_valid() and formset.is_valid():
            agreements = [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
            services.plan_version_create(
                actor=request.user, family=family, data=form.cleaned_data, agreements=agreements
            )
            messages.success(request, _("De nieuwe versie van het gezinsplan is opgeslagen."))
            return redirect("casework:plan_detail", family_id=family.pk)
    else:
        initial = {}
        if current:
            initial = {
                k: getattr(current, k) for k in ["zorgen", "krachten", "centrale_lijn", "goals", "safety_agreements"]
            }
        form = PlanForm(initial=initial)
        formset = AgreementFormSet(prefix="afspraak", initial=agreement_initial(current))
        _log_view(request, family, "gezinsplan (bewerken)")
    return render(
        request, "casework/plan_form.html", {"family": family, "form": form, "formset": formset, "current": current}
    )


def plan_detail(request, family_id: int, number: int | None = None):
    """A version of the plan (the current one by default), laid out for printing."""
    family = selectors.family_get_for_user(user=request.user, family_id=family_id)
    if number is None:
        plan = selectors.plan_current_with_agreements(family=family)
        if plan is None:
            raise Http404(_("Dit gezin heeft nog geen gezinsplan."))
    else:
        plan = selectors.plan_version_get(family=family, number=number)
    _log_view(request, family, f"gezinsplan versie {plan.number}")
    context = {
        "family": family,
        "plan": plan,
        "versions": selectors.plan_version_list(family=family),
        "children": [m for m in selectors.family_members(family=family) if m.is_child],
        "perms": family_permissions(user=request.user, family=family),
        "today": timezone.localdate(),
    }
    return render(request, "casework/plan_detail.html", context)


def plan_compare_view(request, family_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id)
    versions = list(selectors.plan_version_list(family=family))
    numbers = [v.number for v in versions]
    try:
        a = int(request.GET.get("a") or (numbers[1] if len(numbers) > 1 else 0))
        b = int(request.GET.get("b") or (numbers[0] if numbers else 0))
    except ValueError:
        a = b = 0
    sections = None
    old = new = None
    if a in numbers and b in numbers:
        old = selectors.plan_version_get(family=family, number=min(a, b))
        new = selectors.plan_version_get(family=family, number=max(a, b))
        sections = plan_compare(old=old, new=new)
        _log_view(request, family, f"gezinsplan versies {old.number} en {new.number} vergeleken")
    context = {"family": family, "versions": versions, "sections": sections, "old": old, "new": new, "a": a, "b": b}
    return render(request, "casework/plan_compare.html", context)


@require_POST
def agreement_status(request, family_id: int, agreement_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, write=True)
    agreement = get_object_or_404(Agreement, pk=agreement_id, plan__family=family)
    form = AgreementStatusForm(request.POST)
    if form.is_valid():
        try:
            services.agreement_set_status(
                actor=request.user, family=family, agreement=agreement, status=form.cleaned_data["status"]
            )
            messages.success(request, _("De afspraak is bijgewerkt."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Kies een geldige status."))
    return redirect("casework:family_detail", family_id=family.pk)
