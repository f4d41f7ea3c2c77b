"""'Mijn gezinnen': the lists of families a user carries or reads, with the figures that matter today.

The list logs every family it shows (and every family in the worklist) in one
access-log write, so a list costs no query per family for the log. Its rows are
built from memoised cells (`rows.Cells`): a team list of hundreds of families
renders in a fraction of what a template include per cell cost.
"""

from typing import Any

from django.shortcuts import render
from django.utils import timezone
from django.utils.html import format_html

from accounts.selectors import request_leads_a_team
from casework import selectors
from casework.models import Phase
from casework.worklist import worklist_for_user
from privacy.services import access_log_record_many

from .rows import Cells, url_maker


def _rows(families: list[dict[str, Any]], *, writable_ids: set[int], today) -> list[dict[str, Any]]:
    cells = Cells()
    family_url = url_maker("casework:family_detail")
    contact_url = url_maker("casework:contact_create")
    rows = []
    for f in families:
        fig = selectors.family_row_figures(row=f, today=today)
        phase = cells.phase_label(f["phase"])
        if f["phase"] == Phase.AFGESLOTEN:
            phase = format_html("{} {}", phase, cells.date(f["closed_on"]))
        rows.append(
            {
                "url": family_url(f["id"]),
                "name": f["name"],
                "reference": f["reference"],
                "manager": cells.person(
                    f["manager_id"],
                    first_name=f["manager__first_name"],
                    last_name=f["manager__last_name"],
                    username=f["manager__username"],
                ),
                "safety": cells.score(f["last_safety"], fig.safety_change, safety=True),
                "lijn": cells.score(f["last_lijn"], fig.lijn_change, safety=False),
                "days": cells.contact_days(fig.days_since_contact, overdue=fig.contact_overdue),
                "phase": phase,
                "phase_days": cells.days_in_phase(fig.days_in_phase),
                "overdue": cells.overdue(f["overdue_agreements"]),
                "contact_url": contact_url(f["id"]) if f["id"] in writable_ids else "",
            }
        )
    return rows


def my_families(request):
    """'Mijn gezinnen': a worker's own families with the figures that matter today."""
    if "alle" in request.GET:
        show_all = request.GET["alle"] == "1"
    else:
        # A teamleider or gedragswetenschapper has no families of their own:
        # their "mijn gezinnen" is the team's.
        show_all = not selectors.family_user_has_own(user=request.user)
    closed = request.GET.get("afgesloten") == "1"
    families = selectors.family_list_values_for_user(user=request.user, only_mine=not show_all, include_closed=closed)
    today = timezone.localdate()
    worklist = worklist_for_user(user=request.user)
    shown = {f["id"] for f in families} | {item.family_id for item in worklist}
    access_log_record_many(user=request.user, family_ids=sorted(shown), what="Mijn gezinnen", request=request)
    substituting = selectors.family_ids_substituted_by(user=request.user)
    writable_ids = {
        f["id"]
        for f in families
        if f["phase"] != Phase.AFGESLOTEN and (f["manager_id"] == request.user.pk or f["id"] in substituting)
    }
    context = {
        "rows": _rows(families, writable_ids=writable_ids, today=today),
        "show_all": show_all,
        "closed": closed,
        "today": today,
        "can_register": request_leads_a_team(request),
        "worklist": worklist,
    }
    return render(request, "casework/my_families.html", context)
