"""What court work adds to the family file: the timeline's rulings, periods and requests, and the
"verzoek verlenging uiterlijk ..." items in "Mijn gezinnen"."""

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.dates import noon

from ..access import families_writable_by
from ..extensions import TIMELINE, WORKLIST
from ..timeline import TimelineEntry
from ..worklist import WorkItem
from .models import CourtRequest, CourtRuling, Hearing, MeasurePeriod, Stay
from .selectors import measures_ending_without_request, stays_without_authorisation


def _sliced(qs, limit):
    return list(qs[:limit] if limit else qs)


def rulings(*, family, limit, user=None):
    qs = CourtRuling.objects.filter(family=family).select_related("author").order_by("-ruled_on", "-id")
    return [
        TimelineEntry(
            at=noon(r.ruled_on),
            kind="ruling",
            title=_("Beschikking %(court)s: %(outcome)s") % {"court": r.court, "outcome": r.get_outcome_display()},
            author=r.author,
            body=r.granted or r.requested,
        )
        for r in _sliced(qs, limit)
    ]


def periods(*, family, limit, user=None):
    qs = (
        MeasurePeriod.objects.filter(measure__child__family=family)
        .select_related("author", "measure__child")
        .order_by("-start", "-id")
    )
    entries = []
    for p in _sliced(qs, limit):
        measure = p.measure
        until = f"{p.end:%d-%m-%Y}" if p.end else _("geen einddatum")
        entries.append(
            TimelineEntry(
                at=noon(p.start),
                kind="measure",
                title=_("%(period)s %(measure)s %(name)s tot en met %(until)s")
                % {
                    "period": p.get_kind_display().capitalize(),
                    "measure": measure.get_kind_display(),
                    "name": measure.child.first_name,
                    "until": until,
                },
                author=p.author,
            )
        )
    return entries


def requests(*, family, limit, user=None):
    qs = CourtRequest.objects.filter(family=family).select_related("author").order_by("-created_at", "-id")
    url = reverse("casework:court", kwargs={"family_id": family.pk})
    return [
        TimelineEntry(
            at=r.created_at,
            kind="court-request",
            title=_("Verzoek aan de rechtbank: %(kind)s (%(status)s)")
            % {"kind": r.get_kind_display(), "status": r.get_status_display()},
            author=r.author,
            extra={"url": url, "link_text": _("naar de rechtbankpagina")},
        )
        for r in _sliced(qs, limit)
    ]


def request_url(*, family_id: int, measure_id: int) -> str:
    """The form for a request to extend this measure, filled in (the signal's one click)."""
    base = reverse("casework:court_request_new", kwargs={"family_id": family_id})
    query: dict[str, str] = {"maatregel": str(measure_id), "soort": "verlenging"}
    return f"{base}?{urlencode(query)}"


def measures_ending_worklist(*, user):
    """Measures of the user's own families that end without a request: one query."""
    today = timezone.localdate()
    found = measures_ending_without_request(families=families_writable_by(user=user), today=today)
    return [
        WorkItem(
            title=ending.reason(),
            family_id=ending.family_id,
            family_name=ending.family_name,
            due_on=ending.due_on,
            due_label=_("verzoek uiterlijk"),
            source=_("rechtbank"),
            url=request_url(family_id=ending.family_id, measure_id=ending.measure_id),
        )
        for endings in found.values()
        for ending in endings
    ]


def stays(*, family, limit, user=None):
    qs = Stay.objects.filter(child__family=family).select_related("author", "child").order_by("-start", "-id")
    return [
        TimelineEntry(
            at=noon(s.start),
            kind="stay",
            title=_("%(name)s woont vanaf nu: %(kind)s") % {"name": s.child.first_name, "kind": s.get_kind_display()},
            author=s.author,
            body=s.place,
        )
        for s in _sliced(qs, limit)
    ]


def hearings(*, family, limit, user=None):
    qs = Hearing.objects.filter(family=family).select_related("author").order_by("-starts_at", "-id")
    url = reverse("casework:court", kwargs={"family_id": family.pk}) + "#kop-zittingen"
    return [
        TimelineEntry(
            at=h.starts_at,
            kind="hearing",
            title=(
                _("Zitting %(kind)s, %(court)s: %(outcome)s") if h.outcome else _("Zitting %(kind)s gepland, %(court)s")
            )
            % {"kind": h.get_kind_display(), "court": h.court, "outcome": h.get_outcome_display()},
            author=h.author,
            body=h.outcome_note,
            extra={"url": url, "link_text": _("naar de zittingen")},
        )
        for h in _sliced(qs, limit)
    ]


def stays_unauthorised_worklist(*, user):
    """Children of the user's own families placed without a valid authorisation: one query."""
    found = stays_without_authorisation(families=families_writable_by(user=user), today=timezone.localdate())
    return [
        WorkItem(
            title=problem.reason(),
            family_id=problem.family_id,
            family_name=problem.family_name,
            due_on=None,
            source=_("rechtbank"),
            url=reverse(
                "casework:court_stay_authorisation", kwargs={"family_id": problem.family_id, "stay_id": problem.stay_id}
            ),
        )
        for problems in found.values()
        for problem in problems
    ]


def register_all() -> None:
    TIMELINE.register("casework.rulings", rulings)
    TIMELINE.register("casework.periods", periods)
    TIMELINE.register("casework.court_requests", requests)
    TIMELINE.register("casework.stays", stays)
    TIMELINE.register("casework.hearings", hearings)
    WORKLIST.register("casework.measures_ending", measures_ending_worklist)
    WORKLIST.register("casework.stays_unauthorised", stays_unauthorised_worklist)
