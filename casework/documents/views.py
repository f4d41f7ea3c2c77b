"""Pages for the family's documents: the list, the upload, the download.

Thin: reads through the document selectors, writes through `document_store`.
The download is the only way to a document's bytes: access-checked like the
family page ("not yours" is "not found"), sent as an attachment that the
browser may not sniff, and logged as a download.
"""

import logging

from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from casework import access, selectors
from casework.retention import documents_with_retention, family_retention
from casework.views.helpers import render_family
from core.views import create_once
from privacy.models import Action
from privacy.services import access_log_record

from . import selectors as sel
from . import services as svc
from .forms import DocumentForm

logger = logging.getLogger(__name__)


@require_GET
def document_list(request, family_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id)
    context = {
        "documents": documents_with_retention(family=family, documents=list(sel.document_list(family=family))),
        "retention": family_retention(family=family),
        "can_write": access.can_write_file(user=request.user, family=family),
    }
    return render_family(request, "casework/documents.html", family=family, what="documenten", context=context)


def document_create(request, family_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, write=True)
    form = DocumentForm(request.POST or None, request.FILES or None, family=family)
    if request.method == "POST":

        def create() -> str:
            upload = form.cleaned_data["file"]
            svc.document_check_size(size=upload.size)  # refused before its bytes are read into memory
            svc.document_store(
                actor=request.user,
                family=family,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                dated_on=form.cleaned_data["dated_on"],
                written_by=form.cleaned_data["written_by"],
                child=form.cleaned_data["child"],
                retention_class=form.cleaned_data["retention_class"],
                content=upload.read(),
                filename=upload.name,
            )
            return reverse("casework:documents", kwargs={"family_id": family.pk})

        done = create_once(request, form, kind="document", create=create, saved=_("Het document is toegevoegd."))
        if done:
            return done
    return render_family(
        request, "casework/document_form.html", family=family, what="document toevoegen", context={"form": form}
    )


@require_GET
def document_download(request, family_id: int, document_id: int):
    family, document = sel.document_get_for_user(user=request.user, family_id=family_id, document_id=document_id)
    try:
        stored = document.file.open("rb")
    except FileNotFoundError:
        logger.error("Document %s: its file %s is missing from the private storage", document.pk, document.file.name)
        raise Http404(_("Het bestand van dit document is niet gevonden; meld het bij functioneel beheer.")) from None
    # The row says which document, never its title: the log is read more widely than the file.
    access_log_record(
        user=request.user,
        family_id=family.pk,
        action=Action.DOWNLOAD,
        what=f"document {document.pk} gedownload",
        request=request,
    )
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
