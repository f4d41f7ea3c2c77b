"""What documents add to the family file: their entries on the timeline."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.dates import noon

from ..extensions import TIMELINE
from ..timeline import TimelineEntry
from .models import Document


def document_timeline(*, family, limit, user=None):
    """One entry per document on its own date, linking to the download (one query)."""
    qs = Document.objects.filter(family=family).select_related("uploaded_by", "child").order_by("-dated_on", "-id")
    rows = list(qs[:limit] if limit else qs)
    return [
        TimelineEntry(
            at=noon(d.dated_on),
            kind="document",
            title=_("Document: %(title)s") % {"title": d.title},
            author=d.uploaded_by,
            body=f"{d.get_kind_display()} · {d.written_by}",
            extra={
                "url": reverse("casework:document_download", kwargs={"family_id": family.pk, "document_id": d.pk}),
                "link_text": _("downloaden"),
            },
        )
        for d in rows
    ]


def register_all() -> None:
    TIMELINE.register("casework.documents", document_timeline)
