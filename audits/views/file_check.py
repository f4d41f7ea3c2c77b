"""The file check: one sampled file against the audit's checklist, by the auditors while the audit is open."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from audits import selectors, services
from audits.access import audit_permissions, team_audit_get_for_user
from audits.forms import FileCheckForm
from core.concurrency import add_base_version, base_version_of
from core.views import apply_service_errors
from privacy.services import access_log_view


def file_check(request, audit_id: int, position: int):
    """Shows which family the file is (logged as a view of that family) and takes the auditor's answers.

    The family's file itself opens in the ordinary family pages, read-only for
    the auditor, where every page is logged too. The teamleider may look at the
    answers; only the auditors of an open audit record them.
    """
    audit = team_audit_get_for_user(user=request.user, audit_id=audit_id, detail=True)
    perms = audit_permissions(user=request.user, audit=audit)
    if (perms["auditor"] and not perms["read_files"]) or not perms["see_sample"]:
        raise Http404("De steekproef is niet in te zien.")
    sampled = selectors.sampled_file_get(audit=audit, position=position)
    items = selectors.checklist_items(version=audit.file_checklist)
    form = FileCheckForm(request.POST or None, items=items, existing=selectors.file_checks_for(sampled_file=sampled))
    add_base_version(form, version=sampled.version)
    if request.method == "POST":
        if not perms["read_files"]:
            raise PermissionDenied("Alleen de auditoren van een lopende audit toetsen dossiers.")
        if form.is_valid():
            try:
                services.file_check_record(
                    actor=request.user, sampled_file=sampled, answers=form.answers(), base_version=base_version_of(form)
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("De dossiertoets is vastgelegd."))
                return redirect("audits:detail", audit_id=audit.pk)
    # Named (and logged as a view of the family) only for whom may read the file now; see
    # selectors.sampled_family_ids_readable. A teamleider whose family moved on reads the checks, not who it was.
    readable = sampled.family_id in selectors.sampled_family_ids_readable(user=request.user, files=[sampled])
    if readable:
        access_log_view(request=request, family_id=sampled.family.pk, what="auditsteekproef: dossiertoets")
    context = {"audit": audit, "sampled": sampled, "form": form, "can": perms, "readable": readable}
    return render(request, "audits/file_check.html", context, status=400 if form.errors else 200)
