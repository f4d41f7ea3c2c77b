"""The family page: the whole file on one page, the family's timeline and the two score series.

Thin: read through selectors; what apps above casework add (links, timeline
entries) comes through casework.extensions. The view is logged through
render_family; a family outside the user's reach is a 404.
"""

from django.utils import timezone

from casework import selectors, services
from casework.access import family_permissions
from casework.court.selectors import court_summary
from casework.documents.selectors import document_list
from casework.family_links import agreement_links, family_links
from casework.partners.views import family_partner_context
from casework.retention import documents_with_retention, family_retention
from casework.timeline import family_timeline
from core.charts import score_chart

from .chart_marks import chart_marks
from .helpers import render_family
from .rows import url_maker

TIMELINE_PAGE = 25  # entries shown at first (the newest), and added by each "meer"
TIMELINE_MAX = 1000  # beyond this "meer" is "alles"
FAMILY_PAGE_DOCUMENTS = 5  # the newest; the documents page lists them all


def _timeline_length(asked: str | None) -> int | None:
    """How many timeline entries to show: the newest TIMELINE_PAGE, more on "meer", all on "alles".

    A family with years of contacts has hundreds: the page shows the newest and
    grows on request, so it costs the same whatever the family's history. The
    printable plan and the file export stay complete.
    """
    if asked == "alles":
        return None
    if asked and asked.isdigit() and len(asked) <= 4:
        return min(max(int(asked), TIMELINE_PAGE), TIMELINE_MAX)
    return TIMELINE_PAGE


def family_detail(request, family_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, with_figures=True)
    shown = _timeline_length(request.GET.get("tijdlijn"))
    series = selectors.contact_score_series(family=family)
    chart = score_chart(series)
    timeline = family_timeline(family=family, limit=shown, user=request.user)
    correct_url = url_maker("casework:contact_correct", family.pk)  # one reversal each, not one per contact
    addendum_url = url_maker("casework:contact_addendum", family.pk)
    for entry in timeline:
        if entry.kind == "contact":
            entry.obj.correct_url, entry.obj.addendum_url = correct_url(entry.obj.pk), addendum_url(entry.obj.pk)
    plan = selectors.plan_current_with_agreements(family=family)
    for agreement in plan.agreements.all() if plan else []:
        agreement.links = agreement_links(agreement=agreement, family=family, user=request.user)
    context = {
        "figures": selectors.family_figures(family=family),
        "can": family_permissions(user=request.user, family=family),
        "links": family_links(user=request.user, family=family),
        "members": selectors.family_members(family=family),
        "network": list(family.network.all()),
        "substitutions": selectors.substitution_list(family=family),
        "plan": plan,
        "chart": chart,
        "marks": chart_marks(chart, series),
        "series": series,
        "timeline": timeline,
        "correctable": {
            e.obj.pk
            for e in timeline
            if e.kind == "contact" and services.contact_can_correct(user=request.user, contact=e.obj)
        },
        "timeline_all": shown is None,
        "timeline_more": None if shown is None or len(timeline) < shown else shown + TIMELINE_PAGE,
        "today": timezone.localdate(),
        "documents": documents_with_retention(
            family=family, documents=list(document_list(family=family)[:FAMILY_PAGE_DOCUMENTS])
        ),
        "retention": family_retention(family=family),
        **court_summary(family=family),
        **family_partner_context(family=family, user=request.user),
    }
    return render_family(request, "casework/family_detail.html", family=family, what="gezinsdossier", context=context)
