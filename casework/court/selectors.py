"""Reads of court work: a family's measures with their periods and rulings, its requests, and the
"verzoek verlenging uiterlijk ..." signal, each in a fixed number of queries.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from casework.models import Family, Measure, MeasureKind, Phase

from .models import (
    PENDING_REQUEST_STATUSES,
    CourtRequest,
    CourtRuling,
    Hearing,
    HearingOutcome,
    MeasurePeriod,
    RequestKind,
    Stay,
    StayKind,
)
from .rules import authorisation_problem

# How long after its end a measure without a recorded extension or end stays a signal.
LAPSED_DAYS = 365
# A request that answers a measure's coming end: to extend it, or to end it (or change it into another).
ANSWERING_KINDS = (RequestKind.VERLENGING, RequestKind.BEEINDIGING, RequestKind.GEZAG)
# Measures the court grants (and whose end it decides on): all but a voluntary trajectory (drang included).
COURT_KINDS = tuple(k for k in MeasureKind.values if k != MeasureKind.VRIJWILLIG)


# The measure's name in a signal, short as workers say it.
SHORT_LABELS: dict[str, Any] = {
    MeasureKind.OTS: _lazy("OTS"),
    MeasureKind.MUHP: _lazy("Machtiging uithuisplaatsing"),
    MeasureKind.MGJ: _lazy("Machtiging gesloten jeugdhulp"),
    MeasureKind.VOOGDIJ: _lazy("Voogdij"),
    MeasureKind.VOORLOPIGE_VOOGDIJ: _lazy("Voorlopige voogdij"),
    MeasureKind.JR: _lazy("Jeugdreclassering"),
}


def request_due_on(*, end: dt.date) -> dt.date:
    """When a request about a measure ending on `end` must be with the court (COURT lead weeks before)."""
    return end - dt.timedelta(weeks=settings.COURT["EXTENSION_REQUEST_LEAD_WEEKS"])


@dataclass(frozen=True)
class MeasureEnding:
    """A measure that ends soon with no request pending that answers it."""

    family_id: int
    family_name: str
    measure_id: int
    kind: str
    kind_label: str
    child_name: str
    end: dt.date
    due_on: dt.date
    lapsed: bool = False  # the end has passed and nobody recorded the extension or the end

    def reason(self) -> str:
        if self.lapsed:
            return _("%(measure)s van %(name)s is afgelopen op %(end)s: leg de verlenging of het einde vast") % {
                "measure": self.kind_label,
                "name": self.child_name,
                "end": f"{self.end:%d-%m-%Y}",
            }
        return _("%(measure)s van %(name)s eindigt op %(end)s: verzoek verlenging uiterlijk %(due)s") % {
            "measure": self.kind_label,
            "name": self.child_name,
            "end": f"{self.end:%d-%m-%Y}",
            "due": f"{self.due_on:%d-%m-%Y}",
        }

    def overdue(self, *, today: dt.date) -> bool:
        return self.due_on < today


def measures_ending_without_request(
    *, families: QuerySet[Family] | Iterable[int], today: dt.date
) -> dict[int, list[MeasureEnding]]:
    """Per family, its open measures ending within MEASURE_ENDING_WEEKS with no pending answering request.

    One query whatever the number of families. The window starts at the signal
    lead (TEAM_SIGNALS MEASURE_ENDING_WEEKS) or the request lead (COURT
    EXTENSION_REQUEST_LEAD_WEEKS), whichever is longer: a worker is warned no
    later than the day the request is due. A measure whose end passed (up to
    LAPSED_DAYS ago) without its extension or its end recorded stays a signal:
    the file no longer says on what ground the GI works.
    """
    weeks = max(settings.TEAM_SIGNALS["MEASURE_ENDING_WEEKS"], settings.COURT["EXTENSION_REQUEST_LEAD_WEEKS"])
    until = today + dt.timedelta(weeks=weeks)
    pending = CourtRequest.objects.filter(
        measure=OuterRef("pk"), status__in=PENDING_REQUEST_STATUSES, kind__in=ANSWERING_KINDS
    )
    rows = (
        Measure.objects.filter(
            child__family__in=families,
            kind__in=COURT_KINDS,
            ended_on__isnull=True,
            end__gte=today - dt.timedelta(days=LAPSED_DAYS),
            end__lte=until,
        )
        .exclude(child__family__phase=Phase.AFGESLOTEN)
        .filter(~Exists(pending))
        .order_by("end", "id")
        .values_list("child__family_id", "child__family__name", "pk", "kind", "child__first_name", "end")
    )
    found: dict[int, list[MeasureEnding]] = defaultdict(list)
    for family_id, family_name, measure_id, kind, name, end in rows:
        found[family_id].append(
            MeasureEnding(
                family_id=family_id,
                family_name=family_name,
                measure_id=measure_id,
                kind=kind,
                kind_label=str(SHORT_LABELS.get(kind, kind)),
                child_name=name,
                end=end,  # type: ignore[arg-type]  # end__gte above: never NULL here
                due_on=request_due_on(end=end),  # type: ignore[arg-type]
                lapsed=end < today,  # type: ignore[operator]
            )
        )
    return dict(found)


def family_measures(*, family: Family) -> list[Measure]:
    """The family's measures, each with its periods (and their rulings) and requests: three queries."""
    periods = MeasurePeriod.objects.select_related("ruling").order_by("start", "id")
    requests = CourtRequest.objects.select_related("ruling").order_by("-created_at", "-id")
    return list(
        Measure.objects.filter(child__family=family)
        .select_related("child")
        .prefetch_related(Prefetch("periods", queryset=periods), Prefetch("requests", queryset=requests))
        .order_by("ended_on", "-start", "id")
    )


def family_rulings(*, family: Family) -> QuerySet[CourtRuling]:
    return CourtRuling.objects.filter(family=family).order_by("-ruled_on", "-id")


def family_requests(*, family: Family) -> QuerySet[CourtRequest]:
    """Every request of the family, newest first, with its measure and ruling (one query)."""
    return (
        CourtRequest.objects.filter(family=family)
        .select_related("measure__child", "child", "ruling")
        .order_by("-created_at", "-id")
    )


def court_request_get(*, family: Family, request_id: int) -> CourtRequest:
    """A request of this (already access-checked) family; another family's is "not found"."""
    found = family_requests(family=family).filter(pk=request_id).first()
    if found is None:
        raise Http404("Verzoek niet gevonden")
    return found


def measure_of_family(*, family: Family, measure_id: int) -> Measure:
    found = Measure.objects.filter(child__family=family, pk=measure_id).select_related("child").first()
    if found is None:
        raise Http404("Maatregel niet gevonden")
    return found


@dataclass(frozen=True)
class StayProblem:
    """A child living out of home today without a valid authorisation."""

    family_id: int
    family_name: str
    stay_id: int
    child_name: str
    kind_label: str
    problem: str

    def reason(self) -> str:
        return _("%(name)s verblijft in een %(kind)s zonder geldige grondslag: %(problem)s") % {
            "name": self.child_name,
            "kind": self.kind_label,
            "problem": self.problem,
        }


def stays_without_authorisation(
    *, families: QuerySet[Family] | Iterable[int], today: dt.date
) -> dict[int, list[StayProblem]]:
    """Per family, its children's current stays out of home that no valid authorisation covers: one query."""
    rows = (
        Stay.objects.filter(child__family__in=families, start__lte=today)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .exclude(kind=StayKind.THUIS)
        .exclude(child__family__phase=Phase.AFGESLOTEN)
        .select_related("child__family", "authorisation")
        .order_by("child__family_id", "start", "id")
    )
    found: dict[int, list[StayProblem]] = defaultdict(list)
    for stay in rows:
        problem = authorisation_problem(
            stay_kind=stay.kind, child_id=stay.child_id, authorisation=stay.authorisation, on=today
        )
        if problem:
            family = stay.child.family
            found[family.pk].append(
                StayProblem(
                    family_id=family.pk,
                    family_name=family.name,
                    stay_id=stay.pk,
                    child_name=stay.child.first_name,
                    kind_label=stay.get_kind_display(),
                    problem=problem,
                )
            )
    return dict(found)


def family_stays(*, family: Family) -> list[Stay]:
    """Every stay of the family's children, newest first, with its authorisation (one query)."""
    return list(
        Stay.objects.filter(child__family=family)
        .select_related("child", "authorisation")
        .order_by("child__date_of_birth", "child_id", "-start", "-id")
    )


def stay_of_family(*, family: Family, stay_id: int) -> Stay:
    found = Stay.objects.filter(child__family=family, pk=stay_id).select_related("child").first()
    if found is None:
        raise Http404("Verblijf niet gevonden")
    return found


def family_hearings(*, family: Family) -> list[Hearing]:
    """The family's hearings, soonest first, with whom they invite (two queries)."""
    return list(
        Hearing.objects.filter(family=family)
        .select_related("request", "ruling")
        .prefetch_related("invited_members")
        .order_by("starts_at", "id")
    )


def hearing_of_family(*, family: Family, hearing_id: int) -> Hearing:
    found = Hearing.objects.filter(family=family, pk=hearing_id).first()
    if found is None:
        raise Http404("Zitting niet gevonden")
    return found


def hearings_between(
    *, families: QuerySet[Family] | Iterable[int], start: dt.datetime, end: dt.datetime
) -> QuerySet[Hearing]:
    """The hearings of these families from `start` up to `end` that still stand (one query)."""
    return (
        Hearing.objects.filter(family__in=families, starts_at__gte=start, starts_at__lt=end)
        .exclude(outcome=HearingOutcome.INGETROKKEN)
        .select_related("family")
        .order_by("starts_at", "id")
    )


def court_summary(*, family: Family) -> dict[str, Any]:
    """What the family page shows of court work: the signals and the next hearing (three queries)."""
    today = timezone.localdate()
    next_hearing = (
        Hearing.objects.filter(family=family, starts_at__gte=timezone.now(), outcome="")
        .order_by("starts_at", "id")
        .first()
    )
    return {
        "endings": measures_ending_without_request(families=[family.pk], today=today).get(family.pk, []),
        "stay_problems": stays_without_authorisation(families=[family.pk], today=today).get(family.pk, []),
        "next_hearing": next_hearing,
    }
