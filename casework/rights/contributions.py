"""What the privacy register adds to "Mijn gezinnen": requests whose term is nearly over or past (one query)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..extensions import WORKLIST
from ..worklist import WorkItem
from .models import PrivacyRequestStatus
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
                    family_name=pr.family.name,
                    due_on=pr.due_on,
                    due_label=_("wettelijke termijn"),
                    source=_("privacy"),
                    url=reverse("rights:detail", kwargs={"request_id": pr.pk}),
                )
            )
    return items


def register_all() -> None:
    WORKLIST.register("casework.privacy_requests", requests_due_worklist)
