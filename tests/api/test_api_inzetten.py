"""Writing through the API: start and stop with If-Match, progress messages, and their records."""

import datetime as dt

import pytest
from django.utils import timezone

from casework import services
from casework.models import Family, Member
from casework.partners.models import Inzet, InzetMessage, InzetStatus, InzetStatusChange, SharingBasis
from privacy.models import AccessLogEntry
from tests.support.api_support import bearer, make_client, make_token
from tests.support.factories import AgreementFactory, MemberFactory, PlanVersionFactory
from tests.support.partners_support import make_basis, make_inzet, make_partner

PROBLEM = "application/problem+json"


@pytest.fixture
def setup(cast):
    partner = make_partner("Jeugdhulp A")
    make_basis(family=cast.family, partner=partner)
    inzet = make_inzet(family=cast.family, partner=partner)
    api_client, _ = make_client(partner=partner)
    return {"partner": partner, "inzet": inzet, "client": api_client, "token": make_token(api_client)}


def _post(client, url, body, token, **headers):
    return client.post(url, data=body, content_type="application/json", **bearer(token), **headers)


def _today() -> str:
    return timezone.localdate().isoformat()


def test_detail_has_etag_matching_version(client, setup):
    inzet = setup["inzet"]
    response = client.get(f"/api/v1/inzetten/{inzet.pk}", **bearer(setup["token"]))
    assert response.status_code == 200
    assert response["ETag"] == inzet.etag
    assert response.json()["versie"] == inzet.version
    assert response.json()["gewijzigdOp"].endswith("Z")


def test_start_without_if_match_is_428(client, setup):
    inzet = setup["inzet"]
    response = _post(client, f"/api/v1/inzetten/{inzet.pk}/start", {"datum": _today()}, setup["token"])
    assert response.status_code == 428
    assert response["Content-Type"] == PROBLEM
    inzet.refresh_from_db()
    assert inzet.status == InzetStatus.AANGEVRAAGD


def test_stale_if_match_is_412_and_nothing_changes(client, setup):
    inzet = setup["inzet"]
    stale = inzet.etag
    ok = _post(client, f"/api/v1/inzetten/{inzet.pk}/start", {"datum": _today()}, setup["token"], HTTP_IF_MATCH=stale)
    assert ok.status_code == 200
    response = _post(
        client,
        f"/api/v1/inzetten/{inzet.pk}/stop",
        {"datum": _today(), "redencode": "volgens_plan"},
        setup["token"],
        HTTP_IF_MATCH=stale,
    )
    assert response.status_code == 412
    assert response["Content-Type"] == PROBLEM
    inzet.refresh_from_db()
    assert inzet.status == InzetStatus.GESTART


def test_if_match_compares_strongly(client, setup):
    """RFC 9110: a weak tag never matches in If-Match; one of a list of strong tags does."""
    inzet = setup["inzet"]
    url = f"/api/v1/inzetten/{inzet.pk}/start"
    weak = _post(client, url, {"datum": _today()}, setup["token"], HTTP_IF_MATCH=f"W/{inzet.etag}")
    assert weak.status_code == 412
    assert weak["Content-Type"] == PROBLEM
    unquoted = _post(client, url, {"datum": _today()}, setup["token"], HTTP_IF_MATCH=inzet.etag.strip('"'))
    assert unquoted.status_code == 412
    inzet.refresh_from_db()
    assert inzet.status == InzetStatus.AANGEVRAAGD
    listed = _post(client, url, {"datum": _today()}, setup["token"], HTTP_IF_MATCH=f'"inzet-0-v1", {inzet.etag}')
    assert listed.status_code == 200, listed.content
    assert listed["ETag"].startswith('"') and not listed["ETag"].startswith("W/")


def test_start_with_current_etag_changes_status_and_returns_new_etag(client, setup):
    inzet = setup["inzet"]
    start_on = timezone.localdate() - dt.timedelta(days=2)
    response = _post(
        client,
        f"/api/v1/inzetten/{inzet.pk}/start",
        {"datum": start_on.isoformat(), "toelichting": "Eerste gesprek gehad"},
        setup["token"],
        HTTP_IF_MATCH=inzet.etag,
    )
    assert response.status_code == 200, response.content
    inzet.refresh_from_db()
    assert inzet.status == InzetStatus.GESTART
    assert inzet.actual_start == start_on
    assert response["ETag"] == inzet.etag != f'"inzet-{inzet.pk}-v1"'
    change = InzetStatusChange.objects.filter(inzet=inzet).latest("id")
    assert change.via_partner == setup["partner"]
    assert change.author is None
    assert change.client_id == setup["client"].client_id
    log = AccessLogEntry.objects.filter(family_ids__has=inzet.family_id, action="wijzigen").latest("id")
    assert (log.channel, log.client, log.user_id) == ("api", setup["client"].client_id, None)


def test_stop_needs_a_reason_code_named_in_invalid_params(client, setup):
    inzet = setup["inzet"]
    started = _post(
        client, f"/api/v1/inzetten/{inzet.pk}/start", {"datum": _today()}, setup["token"], HTTP_IF_MATCH="*"
    )
    response = _post(
        client, f"/api/v1/inzetten/{inzet.pk}/stop", {"datum": _today()}, setup["token"], HTTP_IF_MATCH=started["ETag"]
    )
    assert response.status_code == 400
    body = response.json()
    assert response["Content-Type"] == PROBLEM
    assert {"type", "title", "status", "detail", "instance"} <= set(body)
    assert body["instance"] == f"/api/v1/inzetten/{inzet.pk}/stop"
    assert [p["name"] for p in body["invalidParams"]] == ["redencode"]

    wrong = _post(
        client,
        f"/api/v1/inzetten/{inzet.pk}/stop",
        {"datum": _today(), "redencode": "verzonnen"},
        setup["token"],
        HTTP_IF_MATCH=started["ETag"],
    )
    assert [p["name"] for p in wrong.json()["invalidParams"]] == ["redencode"]

    stopped = _post(
        client,
        f"/api/v1/inzetten/{inzet.pk}/stop",
        {"datum": _today(), "redencode": "volgens_plan"},
        setup["token"],
        HTTP_IF_MATCH=started["ETag"],
    )
    assert stopped.status_code == 200
    assert stopped.json()["status"] == "gestopt"
    assert stopped.json()["redenEinde"] == "volgens_plan"


def test_service_rules_come_back_as_field_errors(client, setup):
    inzet = setup["inzet"]
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = _post(client, f"/api/v1/inzetten/{inzet.pk}/start", {"datum": future}, setup["token"], HTTP_IF_MATCH="*")
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["datum"]


def test_impossible_step_is_409(client, setup):
    inzet = setup["inzet"]
    response = _post(
        client,
        f"/api/v1/inzetten/{inzet.pk}/stop",
        {"datum": _today(), "redencode": "volgens_plan"},
        setup["token"],
        HTTP_IF_MATCH=inzet.etag,
    )
    assert response.status_code == 409
    assert response["Content-Type"] == PROBLEM


def test_progress_message_reaches_the_timeline_record(client, setup):
    inzet = setup["inzet"]
    response = _post(client, f"/api/v1/inzetten/{inzet.pk}/berichten", {"tekst": "Goed gesprek gehad."}, setup["token"])
    assert response.status_code == 201, response.content
    message = InzetMessage.objects.get(inzet=inzet)
    assert message.text == "Goed gesprek gehad."
    assert message.via_partner == setup["partner"]
    assert response.json()["tijdstip"].endswith("Z")
    empty = _post(client, f"/api/v1/inzetten/{inzet.pk}/berichten", {"tekst": ""}, setup["token"])
    assert empty.status_code == 400
    assert empty.json()["invalidParams"][0]["name"] == "tekst"


def test_bad_bodies_never_cause_a_server_error(client, setup):
    inzet = setup["inzet"]
    url = f"/api/v1/inzetten/{inzet.pk}/start"
    token = setup["token"]
    not_json = client.post(url, data="datum=vandaag", content_type="text/plain", HTTP_IF_MATCH="*", **bearer(token))
    assert not_json.status_code == 415
    broken = client.post(url, data="{not json", content_type="application/json", HTTP_IF_MATCH="*", **bearer(token))
    assert broken.status_code == 400
    a_list = _post(client, url, ["x"], token, HTTP_IF_MATCH="*")
    assert a_list.status_code == 400
    bad_date = _post(client, url, {"datum": "31-02-2026"}, token, HTTP_IF_MATCH="*")
    assert bad_date.status_code == 400
    assert bad_date.json()["invalidParams"][0]["name"] == "datum"
    for response in (not_json, broken, a_list, bad_date):
        assert response["Content-Type"] == PROBLEM


def test_other_partner_cannot_write(client, cast, setup):
    other = make_partner("Jeugdhulp B")
    make_basis(family=cast.family, partner=other)
    other_client, _ = make_client(partner=other)
    inzet = setup["inzet"]
    response = _post(
        client, f"/api/v1/inzetten/{inzet.pk}/start", {"datum": _today()}, make_token(other_client), HTTP_IF_MATCH="*"
    )
    assert response.status_code == 404
    assert (
        _post(
            client, f"/api/v1/inzetten/{inzet.pk}/berichten", {"tekst": "Hallo"}, make_token(other_client)
        ).status_code
        == 404
    )
    assert not InzetMessage.objects.exists()


def test_changes_since_filters_inzetten_and_families(client, cast, setup):
    token = setup["token"]
    inzet = setup["inzet"]
    later = (timezone.now() + dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    earlier = (timezone.now() - dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert client.get(f"/api/v1/inzetten?gewijzigdSinds={later}", **bearer(token)).json()["resultaten"] == []
    assert [
        r["id"] for r in client.get(f"/api/v1/inzetten?gewijzigdSinds={earlier}", **bearer(token)).json()["resultaten"]
    ] == [inzet.pk]
    assert client.get(f"/api/v1/gezinnen?gewijzigdSinds={later}", **bearer(token)).json()["resultaten"] == []
    # A status change moves the family's gewijzigdOp too.
    _post(client, f"/api/v1/inzetten/{inzet.pk}/start", {"datum": _today()}, token, HTTP_IF_MATCH="*")
    since = (timezone.now() - dt.timedelta(seconds=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    families = client.get(f"/api/v1/gezinnen?gewijzigdSinds={since}", **bearer(token)).json()["resultaten"]
    assert [f["id"] for f in families] == [cast.family.pk]


def test_a_changed_child_moves_its_family_for_synchronisation(client, cast, setup):
    """A corrected name or birth date reaches a synchronising partner through gewijzigdSinds."""
    child = MemberFactory(family=cast.family, first_name="Sem")
    Member.objects.filter(family=cast.family).update(updated_at=timezone.now() - dt.timedelta(days=2))
    for model in (Inzet, SharingBasis):
        model.objects.filter(family=cast.family).update(created_at=timezone.now() - dt.timedelta(days=2))
    Inzet.objects.filter(family=cast.family).update(updated_at=timezone.now() - dt.timedelta(days=2))
    Family.objects.filter(pk=cast.family.pk).update(created_at=timezone.now() - dt.timedelta(days=2))
    SharingBasis.objects.filter(family=cast.family).update(start_on=timezone.localdate() - dt.timedelta(days=2))
    since = (timezone.now() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    token = setup["token"]
    assert client.get(f"/api/v1/jeugdigen?gewijzigdSinds={since}", **bearer(token)).json()["resultaten"] == []
    services.member_save(
        actor=cast.worker,
        family=cast.family,
        member=child,
        data={
            "first_name": "Semmy",
            "last_name": child.last_name,
            "role": "jeugdige",
            "date_of_birth": child.date_of_birth,
        },
    )
    names = [
        c["voornaam"]
        for c in client.get(f"/api/v1/jeugdigen?gewijzigdSinds={since}", **bearer(token)).json()["resultaten"]
    ]
    assert "Semmy" in names


def test_a_write_is_logged_with_the_clients_purpose(client, cast, setup):
    _post(client, f"/api/v1/inzetten/{setup['inzet'].pk}/berichten", {"tekst": "Eerste sessie gepland"}, setup["token"])
    entry = AccessLogEntry.objects.filter(channel="api", action="toevoegen").get()
    assert (entry.client, entry.purpose) == (setup["client"].client_id, setup["client"].purpose)


def test_bad_query_parameters_are_named(client, setup):
    token = setup["token"]
    response = client.get("/api/v1/gezinnen?gewijzigdSinds=gisteren&paginaGrootte=0", **bearer(token))
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert sorted(p["name"] for p in response.json()["invalidParams"]) == ["gewijzigdSinds", "paginaGrootte"]
    huge = client.get("/api/v1/inzetten/99999999999999999999999", **bearer(token))
    assert huge.status_code == 404
    too_big_page = client.get("/api/v1/inzetten?pagina=99999999999999999999", **bearer(token))
    assert too_big_page.status_code == 400


def test_pagination_is_stable_and_links_pages(client, cast, setup):
    for _ in range(2):
        make_inzet(family=cast.family, partner=setup["partner"])
    token = setup["token"]
    first = client.get("/api/v1/inzetten?paginaGrootte=2", **bearer(token)).json()
    assert first["aantal"] == 3
    assert first["vorige"] is None
    second = client.get(first["volgende"], **bearer(token)).json()
    ids = [r["id"] for r in first["resultaten"] + second["resultaten"]]
    assert ids == sorted(ids) and len(set(ids)) == 3
    assert second["volgende"] is None
    past_end = client.get("/api/v1/inzetten?pagina=9", **bearer(token)).json()
    assert past_end["resultaten"] == [] and past_end["aantal"] == 3


def test_changes_in_parts_not_shared_do_not_move_gewijzigd_op(client, cast, setup):
    basis = cast.family.sharing_bases.get()
    basis.shares_inzetten = basis.shares_agreements = False
    basis.save()
    inzet = setup["inzet"]
    inzet.updated_at = timezone.now() + dt.timedelta(hours=1)
    inzet.save(update_fields=["updated_at"])
    soon = (timezone.now() + dt.timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    url = f"/api/v1/gezinnen?gewijzigdSinds={soon}"
    assert client.get(url, **bearer(setup["token"])).json()["resultaten"] == []
    basis.shares_inzetten = True
    basis.save()
    assert [f["id"] for f in client.get(url, **bearer(setup["token"])).json()["resultaten"]] == [cast.family.pk]


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _changed_family_ids(client, token, since: dt.datetime) -> list[int]:
    response = client.get(f"/api/v1/gezinnen?gewijzigdSinds={_stamp(since)}", **bearer(token))
    assert response.status_code == 200, response.content
    return [f["id"] for f in response.json()["resultaten"]]


def test_a_basis_recorded_earlier_counts_as_a_change_on_its_first_day(client, cast, setup):
    """Recorded last week, starting today: a partner synchronising since yesterday must get the family and inzet."""
    long_ago = timezone.now() - dt.timedelta(days=10)
    Family.objects.filter(pk=cast.family.pk).update(created_at=long_ago)
    Member.objects.filter(family=cast.family).update(updated_at=long_ago)
    Inzet.objects.filter(pk=setup["inzet"].pk).update(updated_at=long_ago)
    SharingBasis.objects.filter(family=cast.family).update(created_at=long_ago, start_on=timezone.localdate())
    assert _changed_family_ids(client, setup["token"], timezone.now() - dt.timedelta(days=2)) == [cast.family.pk]
    assert _changed_family_ids(client, setup["token"], timezone.now() - dt.timedelta(days=12)) == [cast.family.pk]
    shown = client.get(f"/api/v1/gezinnen/{cast.family.pk}", **bearer(setup["token"])).json()["gewijzigdOp"]
    assert dt.datetime.fromisoformat(shown) <= timezone.now()  # never a moment still to come
    inzetten = client.get(
        f"/api/v1/inzetten?gewijzigdSinds={_stamp(timezone.now() - dt.timedelta(days=2))}", **bearer(setup["token"])
    )
    assert [i["id"] for i in inzetten.json()["resultaten"]] == [setup["inzet"].pk]
    SharingBasis.objects.filter(family=cast.family).update(start_on=timezone.localdate() - dt.timedelta(days=9))
    assert _changed_family_ids(client, setup["token"], timezone.now() - dt.timedelta(days=2)) == []
    inzetten = client.get(
        f"/api/v1/inzetten?gewijzigdSinds={_stamp(timezone.now() - dt.timedelta(days=2))}", **bearer(setup["token"])
    )
    assert inzetten.json()["resultaten"] == []


def test_a_plan_version_about_others_does_not_move_gewijzigd_op(client, cast, setup):
    """A new plan version moves it only when it carries (or drops) one of this partner's agreements."""
    number = cast.family.plan_versions.count() + 1
    since = timezone.now()
    plan = PlanVersionFactory(family=cast.family, number=number)
    AgreementFactory(plan=plan, owner_kind="gezin", description="Moeder belt de huisarts")
    assert _changed_family_ids(client, setup["token"], since) == []
    AgreementFactory(plan=plan, partner=setup["partner"], owner_kind="partner")
    assert _changed_family_ids(client, setup["token"], since) == [cast.family.pk]
    since = timezone.now()
    PlanVersionFactory(family=cast.family, number=number + 1)  # drops the partner's agreement
    assert _changed_family_ids(client, setup["token"], since) == [cast.family.pk]
