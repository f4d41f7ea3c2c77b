"""Demo court work, so the court pages, the signals and the agenda show something after `make run`.

Through the court services, as gm.noord would record it: one family whose OTS
ends in five weeks with no request yet (the "verzoek verlenging uiterlijk"
signal, already late), one whose request is due next week and in preparation,
one whose request was sent with a hearing next week and its ruling among the
documents, one child in a foster family on a
machtiging uithuisplaatsing, and one in a network foster family whose
authorisation has not come yet (the stay signal).
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from casework.court import services as svc
from casework.court.models import CourtRuling, MeasurePeriod
from casework.documents import services as documents
from casework.models import Family, Measure, MeasureKind, Phase
from core.dates import add_months
from core.pdf import render_pdf

COURT = "Rechtbank Noord-Nederland"


def _ots_ending(*, families: list[Family], weeks: int, today: dt.date) -> tuple[Family, Measure] | None:
    """A family with an open OTS whose current period can end in `weeks` weeks and stay within a year."""
    end = today + dt.timedelta(weeks=weeks)
    for family in families:
        measure = (
            Measure.objects.filter(child__family=family, kind=MeasureKind.OTS, ended_on__isnull=True, end__gte=today)
            .order_by("pk")
            .first()
        )
        if measure is None:
            continue
        period = measure.periods.order_by("-start").first()
        if period is not None and add_months(period.start, 12) > end:
            MeasurePeriod.objects.filter(pk=period.pk).update(end=end)
            Measure.objects.filter(pk=measure.pk).update(end=end)
            if period.ruling_id:
                granted = f"Toegewezen: {measure.get_kind_display()} tot en met {end:%d-%m-%Y}"
                CourtRuling.objects.filter(pk=period.ruling_id).update(granted=granted)
            measure.refresh_from_db()
            families.remove(family)
            return family, measure
    return None


def _submitted_with_hearing(*, family: Family, measure: Measure, today: dt.date) -> int:
    """A request sent to the court ten days ago, its hearing next week, and the ruling it extends as a document."""
    actor = family.manager
    request = svc.court_request_create(actor=actor, family=family, kind="verlenging", measure=measure, court=COURT)
    svc.court_request_submit(
        actor=actor, request=request, submitted_on=today - dt.timedelta(days=10), court=COURT, case_number=""
    )
    svc.hearing_plan(
        actor=actor,
        family=family,
        kind="verlenging",
        starts_at=timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=7), dt.time(10, 30))),
        court=COURT,
        location="Zittingszaal 2, Guyotplein 1, Groningen",
        request=request,
        invited_members=list(family.members.all()),
        invited_others="Raad voor de Kinderbescherming",
    )
    period = measure.periods.order_by("-start").first()
    ruling = period.ruling if period else None
    if ruling is None:
        return 0
    content = render_pdf(template_name="casework/demo_beschikking.html", context={"ruling": ruling, "measure": measure})
    documents.document_store(
        actor=actor,
        family=family,
        kind="beschikking",
        title=f"Beschikking {measure.get_kind_display()} {measure.child.first_name}",
        dated_on=min(ruling.ruled_on, today),
        written_by=COURT,
        content=content,
        filename="beschikking.pdf",
        child=measure.child,
        ruling=ruling,
    )
    return 1


@transaction.atomic
def add_court_work(*, today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    families = list(Family.objects.filter(manager__username="gm.noord").exclude(phase=Phase.AFGESLOTEN).order_by("pk"))
    placed = families[:2]  # before the OTS picks take families out of the list: a small demo has few
    counts = {"verzoeken rechtbank": 0, "zittingen": 0, "verblijven": 0, "documenten": 0}
    _ots_ending(families=families, weeks=5, today=today)  # its OTS ends soon and no request is made: the signal
    submitted = _ots_ending(families=families, weeks=4, today=today)
    if submitted is not None:
        family, measure = submitted
        counts["documenten"] += _submitted_with_hearing(family=family, measure=measure, today=today)
        counts["verzoeken rechtbank"] += 1
        counts["zittingen"] += 1
    prepared = _ots_ending(families=families, weeks=9, today=today)
    if prepared is not None:  # the request is due next week; its report is being written (courtreports' demo)
        family, measure = prepared
        svc.court_request_create(actor=family.manager, family=family, kind="verlenging", measure=measure, court=COURT)
        counts["verzoeken rechtbank"] += 1
    for family, authorised in zip(placed, (True, False), strict=False):
        child = family.members.filter(role="jeugdige").order_by("date_of_birth", "pk").first()
        if child is None:
            continue
        actor = family.manager
        machtiging = None
        start = today - dt.timedelta(days=40 if authorised else 12)
        if authorised:
            ruling = svc.ruling_record(
                actor=actor,
                family=family,
                court=COURT,
                case_number=f"C/18/{300000 + family.pk} / JE RK {today:%y}-{family.pk % 90 + 10}",
                ruled_on=start - dt.timedelta(days=1),
                outcome="toegewezen",
                requested="Machtiging uithuisplaatsing in een pleeggezin voor een jaar",
                granted="Machtiging uithuisplaatsing voor zes maanden",
            )
            machtiging = svc.measure_open(
                actor=actor,
                family=family,
                child=child,
                kind=MeasureKind.MUHP,
                start=start,
                end=start + dt.timedelta(days=182),
                ruling=ruling,
            )
        svc.stay_record(
            actor=actor,
            family=family,
            child=child,
            kind="pleeggezin" if authorised else "netwerkpleeggezin",
            place="Pleeggezin Hoekstra, Assen" if authorised else "bij oma, Winschoten",
            start=start,
            authorisation=machtiging,
        )
        counts["verblijven"] += 1
    return counts
