"""Pages for the family's members, network and legal measures."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from casework import selectors, services
from casework.forms import (
    MeasureCreateForm,
    MeasureForm,
    MemberCreateForm,
    MemberForm,
    NetworkPersonCreateForm,
    NetworkPersonForm,
)
from core.concurrency import VERSION_FIELD, add_base_version, base_version_of
from core.views import apply_service_errors, create_once

from .helpers import render_family


def _part_page(request, family, *, form, save, what: str, instance, kind: str):
    """Add or change a part. Adding is a create that happens once per form (core.views.create_once);
    a change starts from the version shown (`core.concurrency`), and a stale one is refused."""
    if instance is not None:
        add_base_version(form, version=instance.version)
    if request.method == "POST" and instance is None:

        def create() -> str:
            save(form.cleaned_data, None)
            return reverse("casework:family_detail", kwargs={"family_id": family.pk})

        done = create_once(request, form, kind=kind, create=create, saved=_("Opgeslagen."))
        if done:
            return done
    elif request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != VERSION_FIELD}
        try:
            save(data, base_version_of(form))
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect("casework:family_detail", family_id=family.pk)
    context = {"form": form, "instance": instance, "what": what}
    return render_family(request, "casework/part_form.html", family=family, what=what, context=context)


def member_form(request, family_id: int, member_id: int | None = None):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, write=True)
    member = selectors.member_get(family=family, member_id=member_id) if member_id else None
    form = MemberForm(request.POST or None, instance=member) if member else MemberCreateForm(request.POST or None)
    return _part_page(
        request,
        family,
        form=form,
        what=_("gezinslid"),
        instance=member,
        kind="member",
        save=lambda data, base: services.member_save(
            actor=request.user, family=family, member=member, data=data, base_version=base
        ),
    )


def network_form(request, family_id: int, person_id: int | None = None):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, write=True)
    person = selectors.network_person_get(family=family, person_id=person_id) if person_id else None
    if person:
        form = NetworkPersonForm(request.POST or None, instance=person)
    else:
        form = NetworkPersonCreateForm(request.POST or None)
    return _part_page(
        request,
        family,
        form=form,
        what=_("netwerkpersoon"),
        instance=person,
        kind="network_person",
        save=lambda data, base: services.network_person_save(
            actor=request.user, family=family, person=person, data=data, base_version=base
        ),
    )


def measure_form(request, family_id: int, measure_id: int | None = None):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, write=True)
    measure = selectors.measure_get(family=family, measure_id=measure_id) if measure_id else None
    if measure:
        form = MeasureForm(request.POST or None, instance=measure, family=family)
    else:
        form = MeasureCreateForm(request.POST or None, family=family)

    def save(data, base):
        child = data.pop("child")
        return services.measure_save(
            actor=request.user, family=family, child=child, measure=measure, data=data, base_version=base
        )

    return _part_page(request, family, form=form, what=_("maatregel"), instance=measure, save=save, kind="measure")
