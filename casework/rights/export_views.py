"""The file export of an inzage or copy request: put together, redacted item by item, released, downloaded.

Who handles the request does it all; every step and every download leaves an access-log row, and nothing
can be downloaded before it is released.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.concurrency import base_version_of
from core.views import create_once
from privacy.models import Action
from privacy.services import access_log_record

from . import selectors as sel
from . import services as svc
from .export import PART_TITLES, export_parts, export_pdf, export_zip, scope_line
from .forms import ExportStartForm, RedactForm, ReleaseForm
from .models import ExportStatus, FileExport
from .views import require_register_user


def _export_url(pr) -> str:
    return reverse("rights:export", kwargs={"request_id": pr.pk})


def _handled_request(request, request_id: int):
    require_register_user(request)
    pr = sel.request_get_for_user(user=request.user, request_id=request_id)
    if not sel.can_handle(user=request.user, family=pr.family):
        raise PermissionDenied(_("Alleen de privacy officer of de teamleider van dit gezin behandelt dit verzoek."))
    return pr


def export_page(request, request_id: int):
    pr = _handled_request(request, request_id)
    export = FileExport.objects.filter(request=pr).first()
    if export is None:
        return _export_start(request, pr)
    left_out = {(r.part, r.item_id): r for r in export.redactions.select_related("by")}
    parts = export_parts(export=export)
    sections = [
        (key, PART_TITLES[key], [(item, left_out.get((key, item["id"]))) for item in parts[key]])
        for key in PART_TITLES
        if key in parts
    ]
    access_log_record(
        user=request.user, family_id=pr.family_id, action=Action.VIEW, what="dossier samenstellen", request=request
    )
    context = {
        "pr": pr,
        "export": export,
        "sections": sections,
        "redact_form": RedactForm(),
        "release_form": ReleaseForm(version=export.version),
        "concept": export.status == ExportStatus.CONCEPT,
        "scope": scope_line(export=export) if export.child_id or export.scope_note else "",
    }
    return render(request, "rights/export.html", context)


def _export_start(request, pr):
    """Choose what the requester gets (a youth: their own part; a parent without authority: what the law allows)."""
    if pr.kind not in svc.EXPORT_KINDS:
        raise Http404("Geen verzoek om inzage of een kopie")
    form = ExportStartForm(request.POST if request.method == "POST" else None, request=pr)
    if request.method == "POST":

        def start() -> str:
            data = {k: v for k, v in form.cleaned_data.items() if k in ("child", "parts", "scope_note")}
            svc.file_export_start(actor=request.user, request=pr, **data)
            return _export_url(pr)

        done = create_once(request, form, kind="export_start", create=start, saved=_("Het dossier is samengesteld."))
        if done:
            return done
    return render(request, "rights/export_start.html", {"pr": pr, "form": form})


@require_POST
def export_redact(request, request_id: int):
    pr = _handled_request(request, request_id)
    export = FileExport.objects.filter(request=pr).first()
    if export is None:
        raise Http404("Nog geen dossier samengesteld")
    form = RedactForm(request.POST)

    def create() -> str:
        data = form.cleaned_data
        if data["part"] not in PART_TITLES:
            raise ValidationError({"reason": _("Dit deel bestaat niet.")})
        svc.file_export_redact(
            actor=request.user, export=export, part=data["part"], item_id=data["item_id"], reason=data["reason"]
        )
        return _export_url(pr) + f"#deel-{data['part']}"

    def refused(error: ValidationError) -> None:
        for text in error.messages:
            messages.error(request, text)

    done = create_once(
        request, form, kind="export_redact", create=create, saved=_("Weggelaten, met de reden."), on_refused=refused
    )
    if done:
        return done
    for errors in form.errors.values():
        for text in errors:
            messages.error(request, str(text))
    return redirect(_export_url(pr))


@require_POST
def export_release(request, request_id: int):
    pr = _handled_request(request, request_id)
    export = FileExport.objects.filter(request=pr).first()
    if export is None:
        raise Http404("Nog geen dossier samengesteld")
    form = ReleaseForm(request.POST, version=export.version)

    def create() -> str:
        svc.file_export_release(actor=request.user, export=export, base_version=base_version_of(form))
        return _export_url(pr)

    saved = _("Het dossier is vrijgegeven.")
    done = create_once(request, form, kind="export_release", create=create, saved=saved, repeat_message=saved)
    return done or redirect(_export_url(pr))


@require_GET
def export_download(request, request_id: int, fmt: str):
    if fmt not in ("pdf", "zip"):
        raise Http404("Onbekend formaat")
    pr = _handled_request(request, request_id)
    export = FileExport.objects.filter(request=pr, status=ExportStatus.VRIJGEGEVEN).select_related("family").first()
    if export is None:
        raise Http404("Het dossier is nog niet vrijgegeven")
    access_log_record(
        user=request.user,
        family_id=pr.family_id,
        action=Action.DOWNLOAD,
        what=f"dossier gedownload ({fmt})",
        request=request,
    )
    if fmt == "pdf":
        body, content_type = export_pdf(export=export), "application/pdf"
    else:
        body, content_type = export_zip(export=export), "application/zip"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="dossier-{pr.family.reference}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
