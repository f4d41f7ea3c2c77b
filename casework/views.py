"""Pages of the family file: the lists, the family page and contacts.

Thin: read through selectors, write through services. Every page that shows a
family's data logs the view (view_helpers.render_family); every write is
logged by its service. A family outside the user's reach is a 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.selectors import teams_led_by
from core.charts import score_chart
from core.views import apply_service_errors
from privacy.services import access_log_record_many

from . import selectors, services
from .access import family_permissions
from .family_links import agreement_links, family_links
from .forms import AddendumForm, ContactForm
from .partners.views import family_partner_context
from .timeline import family_timeline
from .view_helpers import render_family
from .worklist import worklist_for_user


def my_families(request):
    """'Mijn gezinnen': a worker's own families with the figures that matter today."""
    if "alle" in request.GET:
        show_all = request.GET["alle"] == "1"
    else:
        # A teamleider or gedragswetenschapper has no families of their own:
        # their "mijn gezinnen" is the team's.
        show_all = not selectors.family_user_has_own(user=request.user)
    closed = request.GET.get("afgesloten") == "1"
    families = list(selectors.family_list_for_user(user=request.user, only_mine=not show_all, include_closed=closed))
    today = timezone.localdate()
    worklist = worklist_for_user(user=request.user)
    shown = {f.pk for f in families} | {item.family_id for item in worklist}
    access_log_record_many(user=request.user, family_ids=sorted(shown), what="Mijn gezinnen", request=request)
    substituting = selectors.family_ids_substituted_by(user=request.user)
    context = {
        "rows": [(f, selectors.family_figures(family=f, today=today)) for f in families],
        "writable_ids": {
            f.pk for f in families if not f.is_closed and (f.manager_id == request.user.pk or f.pk in substituting)
        },
        "show_all": show_all,
        "closed": closed,
        "today": today,
        "can_register": teams_led_by(user=request.user).exists(),
        "worklist": worklist,
    }
    return render(request, "casework/my_families.html", context)


def family_detail(request, family_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, with_figures=True)
    show_all = request.GET.get("tijdlijn") == "alles"
    series = selectors.contact_score_series(family=family)
    timeline = family_timeline(family=family, limit=None if show_all else 50, user=request.user)
    plan = selectors.plan_current_with_agreements(family=family)
    for agreement in plan.agreements.all() if plan else []:
        agreement.links = agreement_links(agreement=agreement, family=family, user=request.user)
    context = {
        "figures": selectors.family_figures(family=family),
        "can": family_permissions(user=request.user, family=family),
        "links": family_links(user=request.user, family=family),
        "members": selectors.family_members(family=family),
        "network": list(family.network.all()),
        "substitutions": selectors.substitution_list(family=family),
        "plan": plan,
        "chart": score_chart(series),
        "series": series,
        "timeline": timeline,
        "correctable": {
            e.obj.pk
            for e in timeline
            if e.kind == "contact" and services.contact_can_correct(user=request.user, contact=e.obj)
        },
        "timeline_all": show_all,
        "today": timezone.localdate(),
        **family_partner_context(family=family, user=request.user),
    }
    return render_family(request, "casework/family_detail.html", family=family, what="gezinsdossier", context=context)


def contact_create(request, family_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, write=True)
    form = ContactForm(request.POST or None, family=family)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_record(actor=request.user, family=family, **form.service_data())
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Het contactmoment is vastgelegd."))
            return redirect("casework:family_detail", family_id=family.pk)
    context = {"form": form, "correcting": None}
    return render_family(
        request, "casework/contact_form.html", family=family, what="contact vastleggen", context=context
    )


def contact_correct(request, family_id: int, contact_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, write=True)
    contact = selectors.contact_get(family=family, contact_id=contact_id)
    if not services.contact_can_correct(user=request.user, contact=contact):
        raise PermissionDenied(_("Dit contactmoment kan niet meer worden gecorrigeerd; voeg een aanvulling toe."))
    form = ContactForm(request.POST or None, instance=contact, family=family)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_correct(actor=request.user, contact=contact, **form.service_data())
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Het contactmoment is gecorrigeerd; de vorige versie is bewaard."))
            return redirect("casework:family_detail", family_id=family.pk)
    context = {"form": form, "correcting": contact}
    return render_family(request, "casework/contact_form.html", family=family, what="contactmoment", context=context)


def contact_addendum(request, family_id: int, contact_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, write=True)
    contact = selectors.contact_get(family=family, contact_id=contact_id)
    form = AddendumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_add_addendum(actor=request.user, contact=contact, text=form.cleaned_data["text"])
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("De aanvulling is toegevoegd."))
            return redirect("casework:family_detail", family_id=family.pk)
    context = {"form": form, "contact": contact}
    return render_family(request, "casework/addendum_form.html", family=family, what="contactmoment", context=context)
