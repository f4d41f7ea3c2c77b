"""'Mijn gezinnen': the lists of families a user carries or reads, with the figures that matter today.

The list logs every family it shows (and every family in the worklist) in one
access-log write, so a list costs no query per family for the log.
"""

from django.shortcuts import render
from django.utils import timezone

from accounts.selectors import teams_led_by
from casework import selectors
from casework.worklist import worklist_for_user
from privacy.services import access_log_record_many


def my_families(request):
    """'Mijn gezinnen': a worker's own families with the figures that matter today."""
    if "alle" in request.GET:
        show_all = request.GET["alle"] == "1"
    else:
        # A teamleider or gedragswetenschapper has no families of their own:
        # their "mijn gezinnen" is the team's.
        show_all = not selectors.family_user_has_own(user=request.user)
    closed = request.GET.get("afgesloten") == "1"
    families = list(selectors.family_list_for_user(user=request.user, only_mine=not show_all, include_closed=closed))
    today = timezone.localdate()
    worklist = worklist_for_user(user=request.user)
    shown = {f.pk for f in families} | {item.family_id for item in worklist}
    access_log_record_many(user=request.user, family_ids=sorted(shown), what="Mijn gezinnen", request=request)
    substituting = selectors.family_ids_substituted_by(user=request.user)
    context = {
        "rows": [(f, selectors.family_figures(family=f, today=today)) for f in families],
        "writable_ids": {
            f.pk for f in families if not f.is_closed and (f.manager_id == request.user.pk or f.pk in substituting)
        },
        "show_all": show_all,
        "closed": closed,
        "today": today,
        "can_register": teams_led_by(user=request.user).exists(),
        "worklist": worklist,
    }
    return render(request, "casework/my_families.html", context)
