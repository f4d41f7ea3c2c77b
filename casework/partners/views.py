"""Pages for partners' help (inzet) and the sharing bases of a family.

Thin: read through the partner selectors, write through the partner services. Every
page that shows the family's data goes through render_family (access log); a
family or inzet outside the user's reach is a 404, read-only users get 403 on
write pages and see no write buttons.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from casework import access, selectors
from casework.family_links import inzet_links
from casework.views.helpers import render_family
from core.concurrency import VERSION_FIELD, add_base_version, base_version_of
from core.views import apply_service_errors, create_once

from . import selectors as sel
from . import services as svc
from . import sharing
from .forms import InzetCreateForm, InzetForm, InzetMessageForm, InzetStatusForm, SharingBasisForm, WithdrawForm


def family_partner_context(*, family, user) -> dict:
    """What the family page shows of partners: their help and who can see what and why (fixed queries)."""
    inzetten = sel.inzet_list_for_family(family=family)
    for inzet in inzetten:
        inzet.links = inzet_links(inzet=inzet, family=family, user=user) if inzet.start_overdue else []
    return {
        "inzetten": inzetten,
        "sharing": sel.sharing_overview(family=family),
        "can_basis": sharing.can_record_basis(user=user, family=family),
    }


def _inzet_of_family(request, family_id: int, inzet_id: int, *, write: bool = False):
    inzet = sel.inzet_get_for_user(user=request.user, inzet_id=inzet_id, write=write)
    if inzet.family_id != family_id:
        raise Http404("Inzet niet gevonden")
    return inzet


def _family_url(family) -> str:
    return reverse("casework:family_detail", kwargs={"family_id": family.pk})


def _done(request, family, text):
    messages.success(request, text)
    return redirect("casework:family_detail", family_id=family.pk)


def inzet_create(request, family_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, write=True)
    form = InzetCreateForm(request.POST or None, family=family)
    if request.method == "POST":

        def create() -> str:
            svc.inzet_create(
                actor=request.user, family=family, partner=form.cleaned_data["partner"], data=form.service_data()
            )
            return _family_url(family)

        done = create_once(request, form, kind="inzet", create=create, saved=_("De hulp van de partner is vastgelegd."))
        if done:
            return done
    context = {"form": form, "inzet": None}
    return render_family(request, "casework/inzet_form.html", family=family, what="inzet toevoegen", context=context)


def inzet_edit(request, family_id: int, inzet_id: int):
    inzet = _inzet_of_family(request, family_id, inzet_id, write=True)
    family = inzet.family
    form = InzetForm(request.POST or None, instance=inzet, family=family)
    if request.method == "POST" and form.is_valid():
        try:
            svc.inzet_update(
                actor=request.user,
                inzet=inzet,
                data=form.service_data(),
                expected_version=form.cleaned_data.get("version"),
            )
        except ValidationError as error:  # a stale edit too: both versions shown, the input kept
            apply_service_errors(form, error)
        else:
            return _done(request, family, _("De inzet is bijgewerkt."))
    context = {"form": form, "inzet": inzet}
    return render_family(request, "casework/inzet_form.html", family=family, what="inzet wijzigen", context=context)


def inzet_detail(request, family_id: int, inzet_id: int):
    """One inzet with its whole status history and the progress messages."""
    inzet = _inzet_of_family(request, family_id, inzet_id)
    family = inzet.family
    context = {
        "inzet": inzet,
        "inzet_messages": sel.inzet_messages(inzet=inzet),
        "can_write": access.can_write_file(user=request.user, family=family),
        "next_statuses": svc.allowed_next_statuses(inzet=inzet),
        "links": inzet_links(inzet=inzet, family=family, user=request.user) if inzet.start_overdue else [],
        "message_form": InzetMessageForm(),
    }
    return render_family(request, "casework/inzet_detail.html", family=family, what="inzet partner", context=context)


def inzet_status(request, family_id: int, inzet_id: int):
    inzet = _inzet_of_family(request, family_id, inzet_id, write=True)
    family = inzet.family
    allowed = svc.allowed_next_statuses(inzet=inzet)
    finished = _("Deze inzet is afgerond; de status kan niet meer veranderen.")
    if not allowed and request.method != "POST":
        raise PermissionDenied(finished)
    form = InzetStatusForm(request.POST or None, allowed=allowed)
    add_base_version(form, version=inzet.version)
    if request.method == "POST":

        def create() -> str:
            data = {k: v for k, v in form.cleaned_data.items() if k != VERSION_FIELD}
            svc.inzet_change_status(actor=request.user, inzet=inzet, expected_version=base_version_of(form), **data)
            return _family_url(family)

        saved = _("De status van de inzet is bijgewerkt.")
        # The repeat of the post that stopped it lands where the first did, not on "afgerond".
        done = create_once(request, form, kind="inzet_status", create=create, saved=saved, repeat_message=saved)
        if done:
            return done
        if not allowed:
            raise PermissionDenied(finished)
    context = {"form": form, "inzet": inzet}
    return render_family(
        request, "casework/inzet_status_form.html", family=family, what="inzet status", context=context
    )


def inzet_message(request, family_id: int, inzet_id: int):
    inzet = _inzet_of_family(request, family_id, inzet_id, write=True)
    form = InzetMessageForm(request.POST or None)
    if request.method == "POST":

        def create() -> str:
            svc.inzet_post_message(actor=request.user, inzet=inzet, text=form.cleaned_data["text"])
            return reverse("casework:inzet_detail", kwargs={"family_id": inzet.family_id, "inzet_id": inzet.pk})

        done = create_once(request, form, kind="inzet_message", create=create, saved=_("Het bericht is toegevoegd."))
        if done:
            return done
    context = {"form": form, "inzet": inzet}
    return render_family(
        request, "casework/inzet_message_form.html", family=inzet.family, what="inzet bericht", context=context
    )


def _basis_family(request, family_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id)
    if not sharing.can_record_basis(user=request.user, family=family):
        raise PermissionDenied(_("Alleen de gezinsmanager of de teamleider legt een grondslag vast."))
    return family


def basis_create(request, family_id: int):
    family = _basis_family(request, family_id)
    form = SharingBasisForm(request.POST or None)
    if request.method == "POST":

        def create() -> str:
            sharing.sharing_basis_record(
                actor=request.user, family=family, partner=form.cleaned_data["partner"], data=form.service_data()
            )
            return _family_url(family)

        done = create_once(request, form, kind="sharing_basis", create=create, saved=_("De grondslag is vastgelegd."))
        if done:
            return done
    context = {"form": form}
    return render_family(
        request, "casework/basis_form.html", family=family, what="grondslag vastleggen", context=context
    )


def basis_withdraw(request, family_id: int, basis_id: int):
    family = _basis_family(request, family_id)
    basis = sel.sharing_basis_get(family=family, basis_id=basis_id)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sharing.sharing_basis_withdraw(actor=request.user, basis=basis, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return _done(request, family, _("De grondslag is ingetrokken."))
    context = {"form": form, "basis": basis}
    return render_family(
        request, "casework/basis_withdraw_form.html", family=family, what="grondslag intrekken", context=context
    )
