"""Reads of family documents: always through the family's own access rule (`casework.selectors`)."""

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from casework import selectors
from casework.models import Family

from .models import Document


def document_list(*, family: Family) -> QuerySet[Document]:
    """The family's documents, newest first, with what the list shows (one query)."""
    return (
        Document.objects.filter(family=family)
        .select_related("child", "retention_class", "uploaded_by")
        .order_by("-dated_on", "-id")
    )


def document_get_for_user(*, user: User, family_id: int, document_id: int) -> tuple[Family, Document]:
    """A document the user may read, with its family; another family's or team's document is "not found"."""
    family = selectors.family_get_for_user(user=user, family_id=family_id)
    document = Document.objects.filter(family=family, pk=document_id).select_related("child").first()
    if document is None:
        raise Http404("Document niet gevonden")
    return family, document
