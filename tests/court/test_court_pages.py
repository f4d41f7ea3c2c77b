"""The court pages for the fixed cast, and the signal's one click to a request through the pages."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.court import services as svc
from casework.court.models import CourtRequest, CourtRuling, RequestStatus
from casework.models import Measure
from tests.support.court_support import child_of, ots
from tests.support.factories import MemberFactory
from tests.support.once import assert_created_once, form_token

pytestmark = pytest.mark.django_db
ROLES = ["worker", "colleague", "teamleider", "outsider", "bestuur", "auditor", "beheer"]
READ = {"worker": 200, "colleague": 200, "teamleider": 200}
WRITE = {"worker": 200, "colleague": 403, "teamleider": 403}


def _url(name, family, **kwargs):
    return reverse(f"casework:{name}", kwargs={"family_id": family.pk, **kwargs})


@pytest.mark.parametrize("role", ROLES)
def test_every_court_page_for_every_role(client, cast, fixed_day, role):
    measure = ots(actor=cast.worker, family=cast.family)
    request = svc.court_request_create(actor=cast.worker, family=cast.family, kind="verlenging", measure=measure)
    stay = svc.stay_record(
        actor=cast.worker, family=cast.family, child=measure.child, kind="pleeggezin", start=fixed_day
    )
    hearing = svc.hearing_plan(
        actor=cast.worker,
        family=cast.family,
        kind="verlenging",
        starts_at=timezone.now() + dt.timedelta(days=7),
        court="Rechtbank Noord-Nederland",
        request=request,
    )
    pages = [
        ("court_stay_create", {}, WRITE),
        ("court_stay_authorisation", {"stay_id": stay.pk}, WRITE),
        ("court_hearing_create", {}, WRITE),
        ("court_hearing_edit", {"hearing_id": hearing.pk}, WRITE),
        ("court_hearing_outcome", {"hearing_id": hearing.pk}, WRITE),
        ("court", {}, READ),
        ("court_ruling_create", {}, WRITE),
        ("court_measure_open", {}, WRITE),
        ("court_measure_extend", {"measure_id": measure.pk}, WRITE),
        ("court_measure_end", {"measure_id": measure.pk}, WRITE),
        ("court_request_new", {}, WRITE),
        ("court_request_submit", {"request_id": request.pk}, WRITE),
        ("court_request_decide", {"request_id": request.pk}, WRITE),
        ("court_request_withdraw", {"request_id": request.pk}, WRITE),
    ]
    client.force_login(getattr(cast, role))
    for name, kwargs, rule in pages:
        response = client.get(_url(name, cast.family, **kwargs))
        want = rule.get(role, 404)
        assert response.status_code == want, f"{role} GET {name}: {response.status_code}, expected {want}"


def test_a_measure_or_request_of_another_family_is_not_found(client, cast, fixed_day):
    MemberFactory(family=cast.other_family, role="jeugdige", first_name="Emre")
    theirs = ots(actor=cast.outsider, family=cast.other_family)
    request = svc.court_request_create(actor=cast.outsider, family=cast.other_family, kind="verlenging", measure=theirs)
    client.force_login(cast.worker)
    assert client.get(_url("court_measure_end", cast.family, measure_id=theirs.pk)).status_code == 404
    assert client.get(_url("court_request_decide", cast.family, request_id=request.pk)).status_code == 404
    assert client.get(_url("court", cast.other_family)).status_code == 404


def test_from_the_signal_to_a_submitted_request_and_a_granted_extension(client, cast, fixed_day):
    measure = ots(actor=cast.worker, family=cast.family)
    client.force_login(cast.worker)
    page = client.get(_url("family_detail", cast.family)).content.decode()
    link = f"{_url('court_request_new', cast.family)}?maatregel={measure.pk}&amp;soort=verlenging"
    assert "verzoek verlenging uiterlijk 05-06-2026" in page and link in page
    home = client.get(reverse("casework:my_families")).content.decode()
    assert "verzoek verlenging uiterlijk 05-06-2026" in home

    form_url = link.replace("&amp;", "&")
    form = client.get(form_url).content.decode()
    assert f'<option value="{measure.pk}" selected>' in form and '<option value="verlenging" selected>' in form
    assert_created_once(
        client,
        form_url,
        {"kind": "verlenging", "measure": measure.pk, "court": "Rechtbank Noord-Nederland"},
        rows=CourtRequest.objects.all(),
    )
    request = CourtRequest.objects.get()
    assert request.due_on == dt.date(2026, 6, 5)
    assert "verzoek verlenging uiterlijk" not in client.get(_url("family_detail", cast.family)).content.decode()

    submit = _url("court_request_submit", cast.family, request_id=request.pk)
    token = form_token(client, submit)
    sent = client.post(submit, {**token, "submitted_on": "2026-06-04", "court": "Rechtbank Noord-Nederland"})
    assert sent.status_code == 302
    ruling_url = _url("court_ruling_create", cast.family)
    assert_created_once(
        client,
        ruling_url,
        {
            "court": "Rechtbank Noord-Nederland",
            "case_number": "C/18/200000",
            "ruled_on": "2026-06-09",
            "outcome": "toegewezen",
            "granted": "Verlenging OTS met een jaar",
        },
        rows=CourtRuling.objects.all(),
    )
    granted = CourtRuling.objects.get(case_number="C/18/200000")
    decide = _url("court_request_decide", cast.family, request_id=request.pk)
    token = form_token(client, decide)
    missing = client.post(decide, {**token, "ruling": granted.pk})
    assert "Vul in tot wanneer de maatregel is verlengd." in missing.content.decode()
    done = client.post(decide, {**token, "ruling": granted.pk, "new_end": "2027-07-31"})
    assert done.status_code == 302
    request.refresh_from_db()
    measure.refresh_from_db()
    assert request.status == RequestStatus.BESLIST and measure.end == dt.date(2027, 7, 31)
    court = client.get(_url("court", cast.family)).content.decode()
    assert "verlenging" in court and "C/18/200000" in court and "31-07-2027" in court
    timeline = client.get(_url("family_detail", cast.family)).content.decode()
    assert "Verlenging ondertoezichtstelling (OTS) Sanne tot en met 31-07-2027" in timeline


def test_a_wrong_measure_form_keeps_what_was_typed(client, cast, fixed_day):
    client.force_login(cast.worker)
    url = _url("court_measure_open", cast.family)
    token = form_token(client, url)
    child = child_of(cast.family)
    response = client.post(url, {**token, "child": child.pk, "kind": "ots", "start": "2026-01-06", "end": "2027-03-01"})
    page = response.content.decode()
    assert response.status_code == 200 and "hoogstens een jaar" in page and 'value="2027-03-01"' in page
    assert not Measure.objects.exists()


def test_the_old_measure_form_keeps_a_measure_and_its_period_equal(client, cast, fixed_day):
    from casework import services

    child = child_of(cast.family)
    data = {"kind": "vrijwillig", "start": dt.date(2026, 1, 1), "end": dt.date(2026, 12, 31), "court_decision_on": None}
    measure = services.measure_save(actor=cast.worker, family=cast.family, child=child, data=data)
    assert list(measure.periods.values_list("start", "end")) == [(dt.date(2026, 1, 1), dt.date(2026, 12, 31))]
    measure = Measure.objects.get(pk=measure.pk)
    data["end"] = dt.date(2026, 11, 30)
    services.measure_save(
        actor=cast.worker, family=cast.family, child=child, measure=measure, data=data, base_version=measure.version
    )
    assert list(measure.periods.values_list("end", flat=True)) == [dt.date(2026, 11, 30)]


def test_an_odd_number_in_the_query_string_is_ignored_not_an_error(client, cast, fixed_day):
    client.force_login(cast.worker)
    for query in ("?maatregel=²&soort=verlenging", "?maatregel=99999999999999999999", "?soort=onzin"):
        assert client.get(_url("court_request_new", cast.family) + query).status_code == 200
    assert client.get(_url("court_hearing_create", cast.family) + "?verzoek=²").status_code == 200
