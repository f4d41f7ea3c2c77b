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
from casework.drafts.binding import draft_done, draft_state, show_as_typed
from casework.drafts.spec import DraftSpec
from casework.forms import AddendumForm, ContactCreateForm, ContactForm
from core.concurrency import add_base_version, base_version_of
from core.views import apply_service_errors, create_once

from .helpers import render_family


def contact_create(request, family_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, write=True)
    spec = DraftSpec.for_family(form_key="contact", family_id=family.pk, path=request.path)
    draft = draft_state(request=request, spec=spec)
    form = ContactCreateForm(request.POST or draft.data, family=family)
    if request.method == "POST":

        def create() -> str:
            services.contact_record(actor=request.user, family=family, **form.service_data())
            draft_done(request=request, spec=spec)
            return reverse("casework:family_detail", kwargs={"family_id": family.pk})

        done = create_once(request, form, kind="contact", create=create, saved=_("Het contactmoment is vastgelegd."))
        if done:
            return done
    if draft.restored:
        show_as_typed(form)
    context = {"form": form, "correcting": None, "draft": draft, **selectors.contact_form_reminders(family=family)}
    return render_family(
        request, "casework/contact_form.html", family=family, what="contact vastleggen", context=context
    )


def contact_correct(request, family_id: int, contact_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, write=True)
    contact = selectors.contact_get(family=family, contact_id=contact_id)
    if not services.contact_can_correct(user=request.user, contact=contact):
        raise PermissionDenied(_("Dit contactmoment kan niet meer worden gecorrigeerd; voeg een aanvulling toe."))
    spec = DraftSpec.for_family(
        form_key="contact-correct", family_id=family.pk, path=request.path, object_key=f"contact:{contact.pk}"
    )
    draft = draft_state(request=request, spec=spec)
    form = ContactForm(request.POST or draft.data, instance=contact, family=family)
    add_base_version(form, version=contact.version)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_correct(
                actor=request.user, contact=contact, base_version=base_version_of(form), **form.service_data()
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            draft_done(request=request, spec=spec)
            messages.success(request, _("Het contactmoment is gecorrigeerd; de vorige versie is bewaard."))
            return redirect("casework:family_detail", family_id=family.pk)
    if draft.restored:
        show_as_typed(form)
    context = {"form": form, "correcting": contact, "draft": draft}
    return render_family(request, "casework/contact_form.html", family=family, what="contactmoment", context=context)


def contact_addendum(request, family_id: int, contact_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, write=True)
    contact = selectors.contact_get(family=family, contact_id=contact_id)
    spec = DraftSpec.for_family(
        form_key="addendum", family_id=family.pk, path=request.path, object_key=f"contact:{contact.pk}"
    )
    draft = draft_state(request=request, spec=spec)
    form = AddendumForm(request.POST or draft.data)
    if request.method == "POST":

        def create() -> str:
            services.contact_add_addendum(actor=request.user, contact=contact, text=form.cleaned_data["text"])
            draft_done(request=request, spec=spec)
            return reverse("casework:family_detail", kwargs={"family_id": family.pk})

        done = create_once(request, form, kind="addendum", create=create, saved=_("De aanvulling is toegevoegd."))
        if done:
            return done
    if draft.restored:
        show_as_typed(form)
    context = {"form": form, "contact": contact, "draft": draft}
    return render_family(request, "casework/addendum_form.html", family=family, what="contactmoment", context=context)
