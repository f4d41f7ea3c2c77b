"""'Wie heeft dit dossier ingezien': the family's access log, for teamleider and beheer."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from casework.forms import ReferenceLookupForm
from casework.selectors import family_get_for_access_log, family_id_for_reference
from privacy.models import Action
from privacy.selectors import access_log_page_for_family
from privacy.services import access_log_record


def access_log(request, family_id: int):
    family = family_get_for_access_log(user=request.user, family_id=family_id)
    # Reading who looked is itself a look at the file's history: log it too,
    # before reading, so the first page shows it.
    access_log_record(
        user=request.user, family_id=family.pk, action=Action.VIEW, what="toegangslog bekeken", request=request
    )
    before = request.GET.get("voor")
    page = access_log_page_for_family(family_id=family.pk, before=before)
    context = {"family": family, "page": page, "first": not before, "show_name": not request.user.is_beheer}
    return render(request, "casework/access_log.html", context)


def access_log_lookup(request):
    """Functioneel beheer finds a file's access log by dossier number, seeing nothing else."""
    if not request.user.is_beheer:
        raise Http404
    form = ReferenceLookupForm(request.GET or None)
    if form.is_valid():
        family_id = family_id_for_reference(reference=form.cleaned_data["dossiernummer"])
        if family_id:
            return redirect("casework:access_log", family_id=family_id)
        form.add_error("dossiernummer", _("Geen dossier met dit nummer gevonden."))
    return render(request, "casework/access_log_lookup.html", {"form": form})
