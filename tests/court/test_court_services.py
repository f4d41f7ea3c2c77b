"""Court work's rules: a measure's periods, extensions through a decided request, the end, the request's dates."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from casework.court import services as svc
from casework.court.models import MeasurePeriod, RequestStatus
from casework.court.selectors import measures_ending_without_request
from privacy.models import AccessLogEntry
from tests.support.court_support import child_of, ots, ruling

pytestmark = pytest.mark.django_db


def test_a_measure_opens_with_its_first_period_and_ruling(cast, fixed_day):
    measure = ots(actor=cast.worker, family=cast.family)
    period = measure.periods.get()
    assert (period.kind, period.start, period.end) == ("eerste", dt.date(2026, 1, 6), dt.date(2026, 7, 31))
    assert period.ruling.case_number == "C/18/123456"
    assert measure.court_decision_on == dt.date(2026, 1, 5)
    assert AccessLogEntry.objects.filter(what="maatregel vastgelegd", family_ids__has=cast.family.pk).exists()


@pytest.mark.parametrize(
    ("kind", "end", "with_ruling", "message"),
    [
        ("ots", None, True, "einddatum van deze periode"),
        ("ots", dt.date(2027, 1, 6), True, "hoogstens een jaar"),
        ("ots", dt.date(2026, 6, 1), False, "Kies de beschikking"),
        ("voogdij", dt.date(2027, 1, 1), True, "geen einddatum"),
        ("ots", dt.date(2025, 12, 1), True, "vóór de begindatum"),
    ],
)
def test_a_period_that_breaks_the_rules_is_refused(cast, fixed_day, kind, end, with_ruling, message):
    granted = ruling(actor=cast.worker, family=cast.family) if with_ruling else None
    with pytest.raises(ValidationError, match=message):
        svc.measure_open(
            actor=cast.worker,
            family=cast.family,
            child=child_of(cast.family),
            kind=kind,
            start=dt.date(2026, 1, 6),
            end=end,
            ruling=granted,
        )


def test_a_voluntary_trajectory_needs_no_ruling_and_a_guardianship_no_end(cast, fixed_day):
    child = child_of(cast.family)
    svc.measure_open(
        actor=cast.worker,
        family=cast.family,
        child=child,
        kind="vrijwillig",
        start=dt.date(2026, 2, 1),
        end=dt.date(2026, 12, 31),
    )
    voogdij = svc.measure_open(
        actor=cast.worker,
        family=cast.family,
        child=child,
        kind="voogdij",
        start=dt.date(2026, 3, 1),
        ruling=ruling(actor=cast.worker, family=cast.family),
    )
    assert voogdij.end is None and voogdij.periods.get().end is None


def test_a_refused_ruling_grants_no_period(cast, fixed_day):
    refused = ruling(actor=cast.worker, family=cast.family, outcome="afgewezen")
    with pytest.raises(ValidationError, match="wees het verzoek niet toe"):
        svc.measure_open(
            actor=cast.worker,
            family=cast.family,
            child=child_of(cast.family),
            kind="ots",
            start=dt.date(2026, 1, 6),
            end=dt.date(2026, 7, 1),
            ruling=refused,
        )


def test_extension_is_a_new_period_from_the_day_after_the_end(cast, fixed_day):
    measure = ots(actor=cast.worker, family=cast.family)
    second = ruling(actor=cast.worker, family=cast.family, ruled_on=dt.date(2026, 6, 1), case_number="C/18/200000")
    period = svc.measure_extend(actor=cast.worker, measure=measure, ruling=second, end=dt.date(2027, 7, 31))
    measure.refresh_from_db()
    assert (period.kind, period.start, period.end) == ("verlenging", dt.date(2026, 8, 1), dt.date(2027, 7, 31))
    assert (measure.start, measure.end) == (dt.date(2026, 1, 6), dt.date(2027, 7, 31))
    assert list(measure.periods.values_list("kind", flat=True)) == ["eerste", "verlenging"]


def test_a_request_to_extend_is_due_lead_weeks_before_the_end(cast, fixed_day):
    measure = ots(actor=cast.worker, family=cast.family)
    request = svc.court_request_create(actor=cast.worker, family=cast.family, kind="verlenging", measure=measure)
    assert request.due_on == dt.date(2026, 6, 5)  # 31 July minus 8 weeks
    assert request.child == measure.child and request.status == RequestStatus.VOORBEREIDING
    with pytest.raises(ValidationError, match="loopt al een verzoek"):
        svc.court_request_create(actor=cast.worker, family=cast.family, kind="verlenging", measure=measure)


@override_settings(COURT={"EXTENSION_REQUEST_LEAD_WEEKS": 10})
def test_the_lead_time_is_a_setting(cast, fixed_day):
    measure = ots(actor=cast.worker, family=cast.family)
    request = svc.court_request_create(actor=cast.worker, family=cast.family, kind="verlenging", measure=measure)
    assert request.due_on == dt.date(2026, 5, 22)


def test_a_granted_extension_adds_its_period_when_decided(cast, fixed_day):
    measure = ots(actor=cast.worker, family=cast.family)
    request = svc.court_request_create(actor=cast.worker, family=cast.family, kind="verlenging", measure=measure)
    svc.court_request_submit(
        actor=cast.worker,
        request=request,
        submitted_on=dt.date(2026, 6, 1),
        court="Rechtbank Noord-Nederland",
        case_number="C/18/200000",
    )
    granted = ruling(actor=cast.worker, family=cast.family, ruled_on=dt.date(2026, 6, 9), case_number="C/18/200000")
    with pytest.raises(ValidationError, match="tot wanneer"):
        svc.court_request_decide(actor=cast.worker, request=request, ruling=granted)
    svc.court_request_decide(actor=cast.worker, request=request, ruling=granted, new_end=dt.date(2027, 7, 31))
    request.refresh_from_db()
    measure.refresh_from_db()
    assert request.status == RequestStatus.BESLIST and request.ruling == granted
    assert measure.end == dt.date(2027, 7, 31)
    assert MeasurePeriod.objects.filter(measure=measure, ruling=granted, kind="verlenging").exists()
    with pytest.raises(ValidationError, match="beslist"):
        svc.court_request_withdraw(actor=cast.worker, request=request)


def test_an_extension_waits_for_the_pending_request_and_a_ruling_grants_one_period(cast, fixed_day):
    measure = ots(actor=cast.worker, family=cast.family)
    granted = ruling(actor=cast.worker, family=cast.family, ruled_on=dt.date(2026, 6, 1), case_number="C/18/2")
    request = svc.court_request_create(actor=cast.worker, family=cast.family, kind="verlenging", measure=measure)
    with pytest.raises(ValidationError, match="loopt een verzoek tot verlenging"):
        svc.measure_extend(actor=cast.worker, measure=measure, ruling=granted, end=dt.date(2027, 7, 31))
    svc.court_request_withdraw(actor=cast.worker, request=request)
    svc.measure_extend(actor=cast.worker, measure=measure, ruling=granted, end=dt.date(2027, 7, 31))
    measure.refresh_from_db()
    with pytest.raises(ValidationError, match="wees al een periode"):
        svc.measure_extend(actor=cast.worker, measure=measure, ruling=granted, end=dt.date(2028, 7, 31))


def test_the_old_measure_form_cannot_rewrite_a_measure_granted_by_a_ruling(cast, fixed_day):
    from casework import services

    measure = ots(actor=cast.worker, family=cast.family)
    measure.end = dt.date(2026, 12, 31)  # what a ModelForm does before the service runs
    data = {"kind": "ots", "start": measure.start, "end": measure.end, "court_decision_on": measure.court_decision_on}
    with pytest.raises(ValidationError, match="rechtbankpagina"):
        services.measure_save(actor=cast.worker, family=cast.family, child=measure.child, measure=measure, data=data)
    period = measure.periods.get()
    assert period.end == dt.date(2026, 7, 31)


def test_ending_a_measure_withdraws_its_request_in_preparation(cast, fixed_day):
    measure = ots(actor=cast.worker, family=cast.family)
    request = svc.court_request_create(actor=cast.worker, family=cast.family, kind="verlenging", measure=measure)
    with pytest.raises(ValidationError, match="niet vooruit"):
        svc.measure_end(actor=cast.worker, measure=measure, ended_on=dt.date(2026, 7, 31), reason="afgelopen")
    svc.measure_end(
        actor=cast.worker, measure=measure, ended_on=dt.date(2026, 6, 10), reason="opgeheven", note="Het gaat goed"
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.INGETROKKEN and request.version == 2 and request.saved_by == cast.worker
    assert AccessLogEntry.objects.filter(what="verzoek rechtbank ingetrokken", family_ids__has=cast.family.pk).exists()
    with pytest.raises(ValidationError, match="beëindigd"):
        svc.measure_extend(
            actor=cast.worker,
            measure=measure,
            ruling=ruling(actor=cast.worker, family=cast.family),
            end=dt.date(2027, 1, 1),
        )


@pytest.mark.parametrize("role", ["colleague", "teamleider", "outsider", "bestuur", "auditor", "beheer"])
def test_only_the_gezinsmanager_records_court_work(cast, fixed_day, role):
    with pytest.raises(PermissionDenied):
        ruling(actor=getattr(cast, role), family=cast.family)


class TestSignal:
    """ "Verzoek verlenging uiterlijk ...": for each measure ending without a pending request (fixed day 10-06-2026)."""

    def test_a_measure_ending_within_the_window_without_a_request_is_a_signal(self, cast, fixed_day):
        measure = ots(actor=cast.worker, family=cast.family)
        [ending] = measures_ending_without_request(families=[cast.family.pk], today=fixed_day)[cast.family.pk]
        assert ending.measure_id == measure.pk and ending.due_on == dt.date(2026, 6, 5)
        assert ending.reason() == "OTS van Sanne eindigt op 31-07-2026: verzoek verlenging uiterlijk 05-06-2026"
        assert ending.overdue(today=fixed_day)

    def test_a_pending_request_silences_it_and_a_withdrawn_one_brings_it_back(self, cast, fixed_day):
        measure = ots(actor=cast.worker, family=cast.family)
        request = svc.court_request_create(actor=cast.worker, family=cast.family, kind="verlenging", measure=measure)
        assert measures_ending_without_request(families=[cast.family.pk], today=fixed_day) == {}
        svc.court_request_withdraw(actor=cast.worker, request=request)
        assert cast.family.pk in measures_ending_without_request(families=[cast.family.pk], today=fixed_day)

    def test_the_window_edges(self, cast, fixed_day):
        ots(actor=cast.worker, family=cast.family, end=dt.date(2026, 8, 5))  # exactly 8 weeks on: in
        ots(
            actor=cast.worker, family=cast.family, start=dt.date(2026, 2, 1), end=dt.date(2026, 8, 6)
        )  # a day later: out
        lapsed = ots(actor=cast.worker, family=cast.family, start=dt.date(2025, 6, 10), end=dt.date(2026, 6, 9))
        found = measures_ending_without_request(families=[cast.family.pk], today=fixed_day)[cast.family.pk]
        assert [e.end for e in found] == [dt.date(2026, 6, 9), dt.date(2026, 8, 5)]  # ended yesterday: lapsed
        assert found[0].reason() == "OTS van Sanne is afgelopen op 09-06-2026: leg de verlenging of het einde vast"
        svc.measure_end(actor=cast.worker, measure=lapsed, ended_on=dt.date(2026, 6, 9), reason="afgelopen")
        found = measures_ending_without_request(families=[cast.family.pk], today=fixed_day)[cast.family.pk]
        assert [e.end for e in found] == [dt.date(2026, 8, 5)]

    def test_an_ended_measure_a_voluntary_one_and_a_closed_family_give_none(self, cast, fixed_day):
        measure = ots(actor=cast.worker, family=cast.family)
        svc.measure_open(
            actor=cast.worker,
            family=cast.family,
            child=child_of(cast.family),
            kind="vrijwillig",
            start=dt.date(2026, 2, 1),
            end=dt.date(2026, 7, 1),
        )
        svc.measure_end(actor=cast.worker, measure=measure, ended_on=dt.date(2026, 6, 1), reason="opgeheven")
        assert measures_ending_without_request(families=[cast.family.pk], today=fixed_day) == {}
