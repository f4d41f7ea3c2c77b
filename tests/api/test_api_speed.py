"""The API lists' lean path (issue 12): a fixed number of queries as data grows, and the very same answers.

Timings are measured by scripts/api_benchmark.py, never asserted here; what is
deterministic is: the query count per list does not grow with the families
listed, the lean rows are what the serializers make, and the SQL compiled once
per partner, part and day selects what the ORM query selects.
"""

import datetime as dt
import runpy
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api import rows, visibility
from api.serializers import AfspraakSerializer, InzetSerializer, JeugdigeSerializer
from casework.models import Agreement, Family, Member
from casework.partners.access import family_ids_visible_to_partner
from casework.partners.models import Inzet, InzetStatus, SharedPart
from tests.support.api_support import bearer, make_client, make_token
from tests.support.factories import AgreementFactory, FamilyFactory, MemberFactory, PlanVersionFactory
from tests.support.partners_support import make_basis, make_inzet, make_partner

LISTS = ("/api/v1/gezinnen", "/api/v1/jeugdigen", "/api/v1/afspraken", "/api/v1/inzetten")


def _add_families(partner, count: int, *, start: int = 0) -> None:
    """`count` families shared with `partner`: a child, an agreement it carries, an inzet; every third
    shares only the children, and every fourth has a second basis that adds the inzetten back."""
    for i in range(start, start + count):
        family = FamilyFactory()
        MemberFactory(family=family, first_name=f"Kind{i}", date_of_birth=dt.date(2014, 1, 1) + dt.timedelta(days=i))
        plan = PlanVersionFactory(family=family, number=1)
        AgreementFactory(plan=plan, partner=partner, owner_kind="partner", description=f"Afspraak {i}")
        only_children = i % 3 == 2
        make_basis(
            family=family, partner=partner, shares_agreements=not only_children, shares_inzetten=not only_children
        )
        if i % 4 == 3:
            make_basis(family=family, partner=partner, shares_children=False, shares_agreements=False)
        make_inzet(family=family, partner=partner, status=InzetStatus.GESTART if i % 2 else InzetStatus.AANGEVRAAGD)


@pytest.fixture
def partner_world(db):
    partner = make_partner("Jeugdhulp Snel")
    other = make_partner("Jeugdhulp Anders")
    _add_families(partner, 2)
    _add_families(other, 1)  # never shown to `partner`
    client, _ = make_client(partner=partner)
    return {"partner": partner, "client": client, "token": make_token(client)}


def _count(client, url: str, token: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **bearer(token))
    assert response.status_code == 200, response.content
    return len(queries)


# The token with its client and partner (one query, api.bearer), the list's reads, the access-log insert.
QUERIES = {
    "/api/v1/gezinnen": 5,  # token; bases; the page's change times; its own inzet ids; log
    "/api/v1/jeugdigen": 3,  # token; the page with its window count; log
    "/api/v1/afspraken": 3,
    "/api/v1/inzetten": 3,
}


@pytest.mark.parametrize("url", LISTS)
def test_query_count_of_each_list_is_fixed_as_data_grows(client, partner_world, url):
    small = _count(client, url, partner_world["token"])
    _add_families(partner_world["partner"], 10, start=2)
    assert _count(client, url, partner_world["token"]) == small
    assert small == QUERIES[url]


def test_a_page_past_the_end_counts_without_rows(client, partner_world):
    for url in LISTS:
        response = client.get(f"{url}?pagina=50", **bearer(partner_world["token"]))
        assert response.status_code == 200
        body = response.json()
        assert body["resultaten"] == []
        assert body["aantal"] > 0
        assert body["volgende"] is None


def test_lean_family_list_answers_as_the_serializer_path(client, partner_world):
    """Without gewijzigdSinds the lean path; since the epoch every family, through the serializer path."""
    _add_families(partner_world["partner"], 6, start=2)
    token = partner_world["token"]
    for size in (3, 50):
        for page in (1, 2, 3):
            lean = client.get(f"/api/v1/gezinnen?paginaGrootte={size}&pagina={page}", **bearer(token)).json()
            full = client.get(
                f"/api/v1/gezinnen?paginaGrootte={size}&pagina={page}&gewijzigdSinds=1970-01-01T00:00:00Z",
                **bearer(token),
            ).json()
            assert lean["aantal"] == full["aantal"] == 8
            assert lean["resultaten"] == full["resultaten"]
    shared = {g["id"]: g["gedeeld"] for g in client.get("/api/v1/gezinnen", **bearer(token)).json()["resultaten"]}
    assert {"jeugdigen": True, "afspraken": False, "inzetten": False} in shared.values()
    assert {"jeugdigen": True, "afspraken": True, "inzetten": True} in shared.values()


def test_rows_are_the_serializers_output(partner_world):
    from api import listing

    partner = partner_world["partner"]
    Inzet.objects.filter(partner=partner).update(volume=3, unit="uur", end_on=dt.date(2026, 1, 2))
    inzet_rows = listing.inzet_page(partner=partner, page=1, size=50).rows
    assert [rows.inzet(r) for r in inzet_rows] == InzetSerializer(
        Inzet.objects.filter(pk__in=[r["id"] for r in inzet_rows]).order_by("id"), many=True
    ).data
    children = listing.child_page(partner=partner, family_id=None, changed_since=None, page=1, size=50).rows
    assert children
    assert [rows.jeugdige(r) for r in children] == JeugdigeSerializer(
        Member.objects.filter(pk__in=[r["id"] for r in children]).order_by("id"), many=True
    ).data
    agreements = listing.agreement_page(partner=partner, family_id=None, page=1, size=50).rows
    assert agreements
    assert [rows.afspraak(r) for r in agreements] == AfspraakSerializer(
        Agreement.objects.filter(pk__in=[r["id"] for r in agreements]).order_by("id"), many=True
    ).data


@pytest.mark.parametrize("part", [None, *SharedPart])
def test_compiled_visibility_selects_what_the_orm_query_selects(partner_world, part):
    partner = partner_world["partner"]
    _add_families(partner, 4, start=2)
    expected = {row["family_id"] for row in family_ids_visible_to_partner(partner=partner, part=part)}
    compiled = visibility.visible_family_ids(partner=partner, part=part)
    assert set(Family.objects.filter(pk__in=compiled).values_list("pk", flat=True)) == expected
    assert expected or part in (SharedPart.NOTES, SharedPart.SCORES)  # never shared in this world


def test_gunicorn_conf_imports_and_is_valid():
    from gunicorn.config import Config

    settings = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
    config = Config()
    for name, value in settings.items():
        if name in config.settings:
            config.set(name, value)
    assert config.workers >= 2
    assert config.threads >= 1
    assert config.preload_app is True
    assert config.max_requests > 0 and config.max_requests_jitter > 0
    assert config.accesslog is None


@pytest.mark.parametrize("page", [1, 2, 9])
@pytest.mark.parametrize("size", [1, 3, 50])
def test_compiled_pages_equal_the_orm_pages(partner_world, monkeypatch, page, size):
    """The list pages by their compiled SQL (api.listing) are the ORM's pages, row for row, count included."""
    from api import compiled, listing

    partner = partner_world["partner"]
    _add_families(partner, 4, start=2)
    family_id = Inzet.objects.filter(partner=partner).values_list("family_id", flat=True).first()
    calls = [
        lambda: listing.child_page(partner=partner, family_id=None, changed_since=None, page=page, size=size),
        lambda: listing.child_page(partner=partner, family_id=family_id, changed_since=None, page=page, size=size),
        lambda: listing.agreement_page(partner=partner, family_id=None, page=page, size=size),
        lambda: listing.agreement_page(partner=partner, family_id=family_id, page=page, size=size),
        lambda: listing.inzet_page(partner=partner, page=page, size=size),
        lambda: listing.inzet_page(partner=partner, page=page, size=size, status=InzetStatus.GESTART),
        lambda: listing.inzet_page(partner=partner, page=page, size=size, family_id=family_id),
    ]
    by_sql = [call() for call in calls]
    assert by_sql[0].total and by_sql[4].total  # children and inzetten, on every page (past the end too)
    monkeypatch.setattr(compiled, "available", lambda: False)
    assert [call() for call in calls] == by_sql
