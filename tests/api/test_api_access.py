"""The partner access matrix: what each partner system sees through /api/v1, and what it never sees."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from api.models import PartnerClient
from casework.partners.models import EndReason, InzetStatus
from privacy.models import AccessLogEntry
from tests.support.api_support import READ_SCOPES, bearer, make_client, make_token
from tests.support.factories import AgreementFactory, FamilyFactory, MemberFactory, PlanVersionFactory
from tests.support.partners_support import make_basis, make_inzet, make_partner

PROBLEM = "application/problem+json"


@pytest.fixture
def world(cast):
    """Partner A works with `family`, partner B with `other_family`; each has a client and a token."""
    a, b = make_partner("Jeugdhulp A"), make_partner("Jeugdhulp B")
    old_plan = cast.family.current_plan
    AgreementFactory(plan=old_plan, partner=a, owner_kind="partner", description="Oude afspraak")
    plan = PlanVersionFactory(family=cast.family, number=2)
    agreement_a = AgreementFactory(plan=plan, partner=a, owner_kind="partner", description="Gezinstherapie plannen")
    AgreementFactory(plan=plan, description="Moeder belt de huisarts")
    basis_a = make_basis(family=cast.family, partner=a)
    inzet_a = make_inzet(family=cast.family, partner=a)
    basis_b = make_basis(family=cast.other_family, partner=b)
    inzet_b = make_inzet(family=cast.other_family, partner=b)
    MemberFactory(family=cast.other_family, first_name="Mert", role="jeugdige")
    client_a, _ = make_client(partner=a)
    client_b, _ = make_client(partner=b)
    return {
        "a": a,
        "b": b,
        "basis_a": basis_a,
        "basis_b": basis_b,
        "inzet_a": inzet_a,
        "inzet_b": inzet_b,
        "agreement_a": agreement_a,
        "client_a": client_a,
        "client_b": client_b,
        "token_a": make_token(client_a),
        "token_b": make_token(client_b),
    }


def _results(response):
    assert response.status_code == 200, response.content
    return response.json()["resultaten"]


def test_partner_sees_only_its_own_families(client, cast, world):
    ids_a = [g["id"] for g in _results(client.get("/api/v1/gezinnen", **bearer(world["token_a"])))]
    ids_b = [g["id"] for g in _results(client.get("/api/v1/gezinnen", **bearer(world["token_b"])))]
    assert ids_a == [cast.family.pk]
    assert ids_b == [cast.other_family.pk]


def test_family_payload_is_minimal(client, cast, world):
    response = client.get(f"/api/v1/gezinnen/{cast.family.pk}", **bearer(world["token_a"]))
    body = response.json()
    assert set(body) == {"id", "gedeeld", "inzetten", "gewijzigdOp"}
    assert body["inzetten"] == [world["inzet_a"].pk]
    assert body["gedeeld"] == {"jeugdigen": True, "afspraken": True, "inzetten": True}
    assert body["gewijzigdOp"].endswith("Z")
    assert "De Vries" not in response.content.decode()


def test_other_partners_family_child_agreement_and_inzet_answer_404(client, cast, world):
    token_b = world["token_b"]
    sanne = cast.family.members.get(first_name="Sanne")
    for url in (
        f"/api/v1/gezinnen/{cast.family.pk}",
        f"/api/v1/jeugdigen/{sanne.pk}",
        f"/api/v1/afspraken/{world['agreement_a'].pk}",
        f"/api/v1/inzetten/{world['inzet_a'].pk}",
    ):
        response = client.get(url, **bearer(token_b))
        assert response.status_code == 404, url
        assert response["Content-Type"] == PROBLEM
        assert response.json()["status"] == 404


def test_children_only_where_shared_and_never_parents(client, cast, world):
    names = [c["voornaam"] for c in _results(client.get("/api/v1/jeugdigen", **bearer(world["token_a"])))]
    assert names == ["Sanne"]
    names_b = [c["voornaam"] for c in _results(client.get("/api/v1/jeugdigen", **bearer(world["token_b"])))]
    assert names_b == ["Mert"]


def test_agreements_only_own_in_current_plan(client, cast, world):
    rows = _results(client.get("/api/v1/afspraken", **bearer(world["token_a"])))
    assert [r["omschrijving"] for r in rows] == ["Gezinstherapie plannen"]
    assert rows[0]["gezin"] == cast.family.pk
    assert _results(client.get("/api/v1/afspraken", **bearer(world["token_b"]))) == []


def test_inzetten_only_own(client, world):
    rows = _results(client.get("/api/v1/inzetten", **bearer(world["token_a"])))
    assert [r["id"] for r in rows] == [world["inzet_a"].pk]


def _assert_gone(client, cast, world):
    token = world["token_a"]
    assert client.get(f"/api/v1/gezinnen/{cast.family.pk}", **bearer(token)).status_code == 404
    assert client.get(f"/api/v1/inzetten/{world['inzet_a'].pk}", **bearer(token)).status_code == 404
    assert _results(client.get("/api/v1/gezinnen", **bearer(token))) == []
    assert _results(client.get("/api/v1/jeugdigen", **bearer(token))) == []
    assert _results(client.get("/api/v1/afspraken", **bearer(token))) == []


def test_withdrawn_basis_answers_404(client, cast, world):
    basis = world["basis_a"]
    basis.withdrawn_at = timezone.now()
    basis.withdrawn_by = cast.worker
    basis.withdrawn_reason = "Toestemming ingetrokken"
    basis.save()
    _assert_gone(client, cast, world)


def test_ended_basis_answers_404(client, cast, world):
    basis = world["basis_a"]
    basis.end_on = timezone.localdate() - dt.timedelta(days=1)
    basis.save()
    _assert_gone(client, cast, world)


def test_basis_runs_out_after_last_inzet_ended(client, cast, world, settings):
    settings.SHARING_ENDS_AFTER_INZET_DAYS = 30
    inzet = world["inzet_a"]
    inzet.status = InzetStatus.GESTOPT
    inzet.requested_on = inzet.actual_start = timezone.localdate() - dt.timedelta(days=90)
    inzet.end_on = timezone.localdate() - dt.timedelta(days=31)
    inzet.end_reason = EndReason.VOLGENS_PLAN
    inzet.save()
    _assert_gone(client, cast, world)


def test_parts_not_shared_are_not_returned(client, cast, world):
    basis = world["basis_a"]
    basis.shares_agreements = basis.shares_inzetten = False
    basis.save()
    token = world["token_a"]
    family = client.get(f"/api/v1/gezinnen/{cast.family.pk}", **bearer(token)).json()
    assert family["gedeeld"] == {"jeugdigen": True, "afspraken": False, "inzetten": False}
    assert family["inzetten"] == []
    assert [c["voornaam"] for c in _results(client.get("/api/v1/jeugdigen", **bearer(token)))] == ["Sanne"]
    assert _results(client.get("/api/v1/afspraken", **bearer(token))) == []
    assert _results(client.get("/api/v1/inzetten", **bearer(token))) == []
    assert client.get(f"/api/v1/inzetten/{world['inzet_a'].pk}", **bearer(token)).status_code == 404
    assert client.get(f"/api/v1/afspraken/{world['agreement_a'].pk}", **bearer(token)).status_code == 404


def test_basis_sharing_nothing_the_api_shows_is_no_basis(client, cast, world):
    """Only notes and scores (never served here), or nothing at all: the family is not listed and answers 404."""
    basis = world["basis_a"]
    basis.shares_children = basis.shares_agreements = basis.shares_inzetten = False
    basis.shares_notes = basis.shares_scores = True
    basis.save()
    _assert_gone(client, cast, world)
    assert not AccessLogEntry.objects.filter(family_ids__has=cast.family.pk, channel="api").exists()


def test_children_hidden_when_the_basis_does_not_share_them(client, cast, world):
    basis = world["basis_a"]
    basis.shares_children = False
    basis.save()
    token = world["token_a"]
    sanne = cast.family.members.get(first_name="Sanne")
    assert _results(client.get("/api/v1/jeugdigen", **bearer(token))) == []
    assert _results(client.get(f"/api/v1/jeugdigen?gezin={cast.family.pk}", **bearer(token))) == []
    assert client.get(f"/api/v1/jeugdigen/{sanne.pk}", **bearer(token)).status_code == 404


def test_another_partners_inzet_and_agreement_in_the_same_family_stay_hidden(client, cast, world):
    """B works with the same family too; A sees only its own inzet and agreement, even by B's name in the text."""
    b = world["b"]
    make_basis(family=cast.family, partner=b)
    inzet_b = make_inzet(family=cast.family, partner=b)
    plan = cast.family.current_plan
    named_a = AgreementFactory(plan=plan, partner=b, owner_kind="partner", owner_name="Jeugdhulp A")
    by_text = AgreementFactory(plan=plan, owner_kind="netwerk", owner_name="Jeugdhulp A")
    token = world["token_a"]
    assert [r["id"] for r in _results(client.get("/api/v1/inzetten", **bearer(token)))] == [world["inzet_a"].pk]
    assert client.get(f"/api/v1/gezinnen/{cast.family.pk}", **bearer(token)).json()["inzetten"] == [world["inzet_a"].pk]
    assert [r["id"] for r in _results(client.get("/api/v1/afspraken", **bearer(token)))] == [world["agreement_a"].pk]
    for url in (f"/api/v1/inzetten/{inzet_b.pk}", f"/api/v1/afspraken/{named_a.pk}", f"/api/v1/afspraken/{by_text.pk}"):
        assert client.get(url, **bearer(token)).status_code == 404, url
    write = client.post(
        f"/api/v1/inzetten/{inzet_b.pk}/berichten",
        data={"tekst": "Hallo"},
        content_type="application/json",
        **bearer(token),
    )
    assert write.status_code == 404


def test_read_scope_cannot_write(client, world):
    token = make_token(world["client_a"], scopes=READ_SCOPES)
    inzet = world["inzet_a"]
    response = client.post(
        f"/api/v1/inzetten/{inzet.pk}/start",
        data={"datum": str(timezone.localdate())},
        content_type="application/json",
        HTTP_IF_MATCH=inzet.etag,
        **bearer(token),
    )
    assert response.status_code == 403
    assert response["Content-Type"] == PROBLEM
    inzet.refresh_from_db()
    assert inzet.status == InzetStatus.AANGEVRAAGD


def test_scope_per_resource(client, cast, world):
    token = make_token(world["client_a"], scopes=["inzetten:lezen"])
    assert client.get("/api/v1/inzetten", **bearer(token)).status_code == 200
    assert client.get("/api/v1/gezinnen", **bearer(token)).status_code == 403
    assert client.get("/api/v1/afspraken", **bearer(token)).status_code == 403


def test_staff_session_does_not_authenticate(client, cast, world):
    client.force_login(cast.worker)
    response = client.get("/api/v1/gezinnen")
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_user_bound_token_is_refused(client, cast, world):
    token = make_token(world["client_a"], user=cast.worker)
    assert client.get("/api/v1/gezinnen", **bearer(token)).status_code == 401


def test_inactive_client_or_partner_is_refused(client, world):
    PartnerClient.objects.filter(pk=world["client_a"].pk).update(active=False)
    assert client.get("/api/v1/gezinnen", **bearer(world["token_a"])).status_code == 401
    world["b"].active = False
    world["b"].save()
    assert client.get("/api/v1/gezinnen", **bearer(world["token_b"])).status_code == 401


def test_reads_land_in_access_log_with_channel_client_and_purpose(client, cast, world):
    client_a = world["client_a"]
    client.get("/api/v1/gezinnen", **bearer(world["token_a"]))
    client.get(f"/api/v1/inzetten/{world['inzet_a'].pk}", **bearer(world["token_a"]))
    rows = AccessLogEntry.objects.filter(family_ids__has=cast.family.pk, channel="api").order_by("id")
    assert [(r.action, r.what) for r in rows] == [("lijst", "API: gezinnen"), ("inzien", "API: inzet")]
    assert {(r.client, r.purpose, r.user_id) for r in rows} == {(client_a.client_id, client_a.purpose, None)}
    assert not AccessLogEntry.objects.filter(family_ids__has=cast.other_family.pk).exists()


def test_list_logs_one_row_per_family_shown(client, cast, world):
    MemberFactory(family=cast.family, first_name="Daan", role="jeugdige")
    assert len(_results(client.get("/api/v1/jeugdigen", **bearer(world["token_a"])))) == 2
    rows = AccessLogEntry.objects.filter(channel="api", what="API: jeugdigen")
    assert [(r.family_ids, r.action, r.client) for r in rows] == [
        ([cast.family.pk], "lijst", world["client_a"].client_id)
    ]


def test_family_without_any_basis_is_invisible(client, cast, world):
    stranger = FamilyFactory(team=cast.family.team, manager=cast.worker)
    make_inzet(family=stranger, partner=world["a"])
    assert client.get(f"/api/v1/gezinnen/{stranger.pk}", **bearer(world["token_a"])).status_code == 404
    ids = [r["gezin"] for r in _results(client.get("/api/v1/inzetten", **bearer(world["token_a"])))]
    assert stranger.pk not in ids


def test_list_queries_do_not_grow_with_the_number_of_families(client, cast, world):
    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, **bearer(world["token_a"])).status_code == 200
        return len(ctx.captured_queries)

    urls = ["/api/v1/gezinnen", "/api/v1/jeugdigen", "/api/v1/afspraken", "/api/v1/inzetten"]
    before = [count(url) for url in urls]
    for _ in range(4):
        extra = FamilyFactory(team=cast.family.team, manager=cast.worker)
        MemberFactory(family=extra, role="jeugdige")
        plan = PlanVersionFactory(family=extra, number=1)
        AgreementFactory(plan=plan, partner=world["a"], owner_kind="partner")
        make_basis(family=extra, partner=world["a"])
        make_inzet(family=extra, partner=world["a"])
    after = [count(url) for url in urls]
    assert after == before
    assert len(_results(client.get("/api/v1/gezinnen", **bearer(world["token_a"])))) == 5
