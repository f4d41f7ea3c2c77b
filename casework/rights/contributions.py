"""What the privacy register adds to "Mijn gezinnen": requests whose term is nearly over or past, and files
proposed for destruction that wait for this user's agreement (one query each)."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..extensions import TIMELINE, WORKLIST
from ..timeline import TimelineEntry
from ..worklist import WorkItem
from .models import OPEN_DESTRUCTION, DestructionStep, FamilyStatement, FileDestructionEvent, PrivacyRequestStatus
from .selectors import destructions_for_user, requests_for_user, term_state


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


def destructions_worklist(*, user):
    """Proposals this user may still agree to: not agreed yet by them, and (for a teamleider) not waiting for the
    officer. The dossier number only: nobody reads a file about to be destroyed for this."""
    agreed = FileDestructionEvent.objects.filter(destruction=OuterRef("pk"), step=DestructionStep.AKKOORD)
    waiting = (
        destructions_for_user(user=user)
        .filter(status__in=OPEN_DESTRUCTION)
        .exclude(Exists(agreed.filter(by=user)))
        .order_by("proposed_on", "pk")
    )
    if not user.is_security_officer:
        waiting = waiting.exclude(Exists(agreed.filter(as_officer=False)))
    return [
        WorkItem(
            title=_("Dossier voorgesteld voor vernietiging: akkoord of afwijzen"),
            family_id=d.family_id,
            family_name=d.family.reference,
            due_on=d.request.due_on if d.request is not None else None,
            due_label=_("wettelijke termijn") if d.request_id else "",
            source=_("privacy"),
            url=reverse("rights:destruction", kwargs={"destruction_id": d.pk}),
        )
        for d in waiting[:50]
    ]


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
    WORKLIST.register("casework.destructions", destructions_worklist)
    TIMELINE.register("casework.family_statements", statements)
