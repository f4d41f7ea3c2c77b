"""What the privacy register adds to "Mijn gezinnen": requests whose term is nearly over or past (one query)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..extensions import TIMELINE, WORKLIST
from ..timeline import TimelineEntry
from ..worklist import WorkItem
from .models import FamilyStatement, PrivacyRequestStatus
from .selectors import requests_for_user, term_state


def requests_due_worklist(*, user):
    today = timezone.localdate()
    items = []
    for pr in requests_for_user(user=user).filter(status=PrivacyRequestStatus.OPEN).order_by("due_on", "id")[:50]:
        term = term_state(request=pr, today=today)
        if term.signal:
            items.append(
                WorkItem(
                    title=_("Privacyverzoek (%(kind)s) beslissen") % {"kind": pr.get_kind_display()},
                    family_id=pr.family_id,
                    # The officer sees no family file: the dossier number only, never the family's name.
                    family_name=pr.family.reference if user.is_security_officer else pr.family.name,
                    due_on=pr.due_on,
                    due_label=_("wettelijke termijn"),
                    source=_("privacy"),
                    url=reverse("rights:detail", kwargs={"request_id": pr.pk}),
                )
            )
    return items


def statements(*, family, limit, user=None):
    """The family's own statements about the file as a whole (those about a contact are shown with it)."""
    qs = (
        FamilyStatement.objects.filter(family=family, contact__isnull=True)
        .select_related("recorded_by")
        .order_by("-at", "-id")
    )
    return [
        TimelineEntry(
            at=st.at,
            kind="statement",
            title=_("Eigen verklaring van %(who)s, na een afgewezen verzoek tot correctie") % {"who": st.by_name},
            author=st.recorded_by,
            body=st.text,
        )
        for st in (qs[:limit] if limit else qs)
    ]


def register_all() -> None:
    WORKLIST.register("casework.privacy_requests", requests_due_worklist)
    TIMELINE.register("casework.family_statements", statements)
