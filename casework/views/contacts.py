"""Pages for contacts: recording one with the two scores, correcting it in time, adding to it later.

Thin: the services decide who may record or correct and until when; every
page is logged through render_family, every write by its service.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from casework import selectors, services
from casework.forms import AddendumForm, ContactCreateForm, ContactForm
from core.views import apply_service_errors, create_once

from .helpers import render_family


def contact_create(request, family_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, write=True)
    form = ContactCreateForm(request.POST or None, family=family)
    if request.method == "POST":

        def create() -> str:
            services.contact_record(actor=request.user, family=family, **form.service_data())
            return reverse("casework:family_detail", kwargs={"family_id": family.pk})

        done = create_once(request, form, kind="contact", create=create, saved=_("Het contactmoment is vastgelegd."))
        if done:
            return done
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
    if request.method == "POST":

        def create() -> str:
            services.contact_add_addendum(actor=request.user, contact=contact, text=form.cleaned_data["text"])
            return reverse("casework:family_detail", kwargs={"family_id": family.pk})

        done = create_once(request, form, kind="addendum", create=create, saved=_("De aanvulling is toegevoegd."))
        if done:
            return done
    context = {"form": form, "contact": contact}
    return render_family(request, "casework/addendum_form.html", family=family, what="contactmoment", context=context)
