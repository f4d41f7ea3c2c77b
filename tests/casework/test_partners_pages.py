"""The partner pages for the fixed cast, the family page sections, the timeline and the admin."""

import datetime as dt

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casework.partners import services as svc
from casework.partners.models import Inzet, InzetStatusChange, Partner, SharingBasis
from privacy.models import AccessLogEntry, Action
from tests.support.factories import MemberFactory
from tests.support.once import once
from tests.support.partners_support import make_basis, make_inzet, make_partner

pytestmark = pytest.mark.django_db
ROLES = ["worker", "colleague", "teamleider", "outsider", "bestuur", "auditor", "beheer"]
READ = {"worker": 200, "colleague": 200, "teamleider": 200}
WRITE = {"worker": 200, "colleague": 403, "teamleider": 403}
BASIS = {"worker": 200, "colleague": 403, "teamleider": 200}


def _url(name, family, **kwargs):
    return reverse(f"casework:{name}", kwargs={"family_id": family.pk, **kwargs})


@pytest.mark.parametrize("role", ROLES)
def test_every_partner_page_for_every_role(client, cast, role):
    partner = make_partner()
    inzet = make_inzet(family=cast.family, partner=partner)
    basis = make_basis(family=cast.family, partner=partner)
    pages = [
        ("inzet_detail", {"inzet_id": inzet.pk}, READ),
        ("inzet_create", {}, WRITE),
        ("inzet_edit", {"inzet_id": inzet.pk}, WRITE),
        ("inzet_status", {"inzet_id": inzet.pk}, WRITE),
        ("inzet_message", {"inzet_id": inzet.pk}, WRITE),
        ("basis_create", {}, BASIS),
        ("basis_withdraw", {"basis_id": basis.pk}, BASIS),
    ]
    client.force_login(getattr(cast, role))
    for name, kwargs, rule in pages:
        response = client.get(_url(name, cast.family, **kwargs))
        want = rule.get(role, 404)
        assert response.status_code == want, f"{role} GET {name}: {response.status_code}, expected {want}"


def test_inzet_of_another_family_is_not_found_under_this_family(client, cast):
    inzet = make_inzet(family=cast.other_family, partner=make_partner())
    client.force_login(cast.worker)
    assert client.get(_url("inzet_detail", cast.family, inzet_id=inzet.pk)).status_code == 404
    client.force_login(cast.outsider)
    assert client.get(_url("inzet_detail", cast.family, inzet_id=inzet.pk)).status_code == 404
    assert client.get(_url("inzet_detail", cast.other_family, inzet_id=inzet.pk)).status_code == 200


@pytest.mark.parametrize("role", ["colleague", "teamleider", "outsider", "bestuur"])
def test_posts_by_others_change_nothing(client, cast, role):
    partner = make_partner()
    inzet = make_inzet(family=cast.family, partner=partner)
    client.force_login(getattr(cast, role))
    client.post(
        _url("inzet_status", cast.family, inzet_id=inzet.pk), {**once(), "to_status": "gestart", "on": "2026-01-01"}
    )
    client.post(
        _url("inzet_create", cast.family),
        {**once(), "partner": partner.pk, "description": "x", "product_category": "45"},
    )
    inzet.refresh_from_db()
    assert inzet.status == "aangevraagd" and Inzet.objects.count() == 1


def test_worker_adds_changes_and_ends_help_through_the_pages(client, cast):
    partner = make_partner("Jeugdhulp Oost")
    client.force_login(cast.worker)
    today = timezone.localdate()
    form = {
        **once(),
        "partner": partner.pk,
        "child": "",
        "product_category": "45",
        "product_code": "45A48",
        "description": "Ambulante gezinsbehandeling",
        "volume": "3",
        "unit": "uur",
        "frequency": "",
        "requested_on": (today - dt.timedelta(days=20)).isoformat(),
        "promised_start": (today - dt.timedelta(days=5)).isoformat(),
        "status": "wachtlijst",
    }
    response = client.post(_url("inzet_create", cast.family), form)
    assert response.status_code == 200  # frequency missing: refused, input kept
    assert "Vul omvang, eenheid en frequentie samen in" in response.content.decode()
    assert 'value="Ambulante gezinsbehandeling"' in response.content.decode()
    form["frequency"] = "week"
    assert client.post(_url("inzet_create", cast.family), form).status_code == 302
    inzet = Inzet.objects.get()
    assert inzet.status == "wachtlijst"
    status_url = _url("inzet_status", cast.family, inzet_id=inzet.pk)
    response = client.post(
        status_url, {**once(), "to_status": "gestart", "on": (today + dt.timedelta(days=2)).isoformat(), "version": "1"}
    )
    assert "De datum kan niet in de toekomst liggen." in response.content.decode()
    assert (
        client.post(status_url, {**once(), "to_status": "gestart", "on": today.isoformat(), "version": "1"}).status_code
        == 302
    )
    response = client.post(
        status_url, {**once(), "to_status": "gestopt", "on": today.isoformat(), "reason": "", "version": "2"}
    )
    assert "Kies de reden waarom de inzet eindigt." in response.content.decode()
    client.post(
        status_url,
        {
            **once(),
            "to_status": "gestopt",
            "on": today.isoformat(),
            "reason": "door_gezin",
            "note": "verhuisd",
            "version": "2",
        },
    )
    inzet.refresh_from_db()
    assert (inzet.status, inzet.end_reason, inzet.version) == ("gestopt", "door_gezin", 3)
    assert client.get(status_url).status_code == 403  # final: no further step offered
    detail = client.get(_url("inzet_detail", cast.family, inzet_id=inzet.pk)).content.decode()
    assert "voortijdig, door het gezin" in detail and "verhuisd" in detail
    assert AccessLogEntry.objects.filter(
        family_ids__has=cast.family.pk, action=Action.VIEW, what="inzet partner"
    ).exists()


def test_basis_pages_record_and_withdraw(client, cast):
    partner = make_partner("Wijkteam Centrum")
    client.force_login(cast.teamleider)
    data = {
        **once(),
        "partner": partner.pk,
        "kind": "toestemming",
        "purpose": "hulp afstemmen",
        "start_on": "2026-01-01",
    }
    data.update(shares_children="on", shares_inzetten="on")
    response = client.post(_url("basis_create", cast.family), data)
    assert response.status_code == 200 and "Vul in wie toestemming gaf." in response.content.decode()
    data.update(consent_by="moeder", consent_on="2026-01-01", consent_for="delen met het wijkteam")
    assert client.post(_url("basis_create", cast.family), data).status_code == 302
    basis = SharingBasis.objects.get()
    assert not basis.shares_agreements and basis.author == cast.teamleider
    page = client.get(_url("family_detail", cast.family)).content.decode()
    assert "Wie ziet wat" in page and "gegeven door moeder" in page and "delen met het wijkteam" in page
    withdraw = _url("basis_withdraw", cast.family, basis_id=basis.pk)
    assert client.post(withdraw, {"reason": ""}).status_code == 200
    assert client.post(withdraw, {"reason": "moeder trekt toestemming in"}).status_code == 302
    basis.refresh_from_db()
    assert basis.withdrawn_reason == "moeder trekt toestemming in"
    page = client.get(_url("family_detail", cast.family)).content.decode()
    assert "Ziet nu niets van dit gezin." in page and "moeder trekt toestemming in" in page


def test_family_page_shows_help_and_write_links_only_to_writers(client, cast):
    partner = make_partner("GGZ Jeugd Noord")
    make_inzet(
        family=cast.family, partner=partner, description="Traumabehandeling", volume=1, unit="uur", frequency="week"
    )
    make_basis(family=cast.family, partner=partner)
    client.force_login(cast.worker)
    page = client.get(_url("family_detail", cast.family)).content.decode()
    assert "Hulp van partners" in page and "Traumabehandeling" in page and "1 uren per week" in page
    assert _url("inzet_create", cast.family) in page and _url("basis_create", cast.family) in page
    client.force_login(cast.colleague)
    page = client.get(_url("family_detail", cast.family)).content.decode()
    assert "Traumabehandeling" in page
    assert _url("inzet_create", cast.family) not in page and _url("basis_create", cast.family) not in page
    assert "intrekken" not in page


def _family_page_queries(client, cast):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(_url("family_detail", cast.family)).status_code == 200
    return len(ctx.captured_queries)


def test_family_page_query_count_does_not_grow_with_inzetten(client, cast):
    client.force_login(cast.worker)
    partner = make_partner()
    make_inzet(family=cast.family, partner=partner)
    make_basis(family=cast.family, partner=partner)
    few = _family_page_queries(client, cast)
    for n in range(12):
        other = make_partner()
        inzet = make_inzet(family=cast.family, partner=other, days_ago=40, promised_in=5 if n % 2 else 50)
        svc.inzet_change_status(actor=cast.worker, inzet=inzet, to_status="wachtlijst", on=timezone.localdate())
        svc.inzet_post_message(actor=cast.worker, inzet=inzet, text=f"bericht {n}")
        make_basis(family=cast.family, partner=other)
    many = _family_page_queries(client, cast)
    assert many == few


def test_timeline_shows_status_changes_and_partner_system_messages(client, cast):
    partner = make_partner("Jeugdhulp Oost")
    make_basis(family=cast.family, partner=partner)
    inzet = make_inzet(family=cast.family, partner=partner, description="Gezinsbehandeling")
    svc.inzet_change_status(
        via_partner=partner, client_id="jho", inzet=inzet, to_status="gestart", on=timezone.localdate()
    )
    svc.inzet_post_message(via_partner=partner, inzet=inzet, text="Eerste huisbezoek gedaan.")
    client.force_login(cast.worker)
    page = client.get(_url("family_detail", cast.family)).content.decode()
    timeline = page[page.index('class="timeline"') :]
    assert "Hulp van Jeugdhulp Oost: Gezinsbehandeling gestart" in timeline
    assert "via Jeugdhulp Oost (systeem)" in timeline
    assert "Eerste huisbezoek gedaan." in timeline
    assert InzetStatusChange.objects.filter(via_partner=partner).count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_partners_in_admin_for_beheer_only_and_no_family_data(client, cast, role):
    make_partner("Jeugdhulp Oost")
    client.force_login(getattr(cast, role))
    response = client.get(reverse("admin:casework_partner_changelist"))
    assert response.status_code == (200 if role == "beheer" else 302)
    if role == "beheer":
        assert "Jeugdhulp Oost" in response.content.decode()
    registered = {m._meta.model_name for m in admin.site._registry}
    assert "partner" in registered
    assert not registered & {"inzet", "inzetstatuschange", "inzetmessage", "sharingbasis", "sharingbasisevent"}


def test_beheer_adds_partner_with_checked_codes(client, cast):
    client.force_login(cast.beheer)
    data = {"name": "Zorg BV", "kind": "zorgaanbieder", "agb_code": "123", "kvk_number": "", "active": "on"}
    response = client.post(reverse("admin:casework_partner_add"), data)
    assert response.status_code == 200 and "Een AGB-code bestaat uit 8 cijfers." in response.content.decode()
    data["agb_code"] = "12345678"
    assert client.post(reverse("admin:casework_partner_add"), data).status_code == 302
    assert Partner.objects.get(name="Zorg BV").agb_code == "12345678"


def test_worker_edits_details_and_posts_a_message(client, cast):
    inzet = make_inzet(family=cast.family, partner=make_partner(), description="Gezinsbehandeling")
    client.force_login(cast.worker)
    new_start = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    form = {
        "child": cast.family.members.get(role="jeugdige").pk,
        "product_category": "45",
        "product_code": "",
        "description": "Intensieve gezinsbehandeling",
        "volume": "",
        "unit": "",
        "frequency": "",
        "requested_on": inzet.requested_on.isoformat(),
        "promised_start": new_start,
        "version": "1",
    }
    edit_url = _url("inzet_edit", cast.family, inzet_id=inzet.pk)
    assert 'type="hidden" name="version" value="1"' in client.get(edit_url).content.decode()
    assert client.post(edit_url, form).status_code == 302
    inzet.refresh_from_db()
    assert inzet.description == "Intensieve gezinsbehandeling" and inzet.promised_start.isoformat() == new_start
    assert inzet.version == 2 and inzet.child is not None and inzet.product_code == ""
    # a second save from the same (now stale) page is refused, with the typed text kept
    response = client.post(edit_url, {**form, "description": "Tweede versie"})
    assert response.status_code == 200 and "in een ander venster opgeslagen" in response.content.decode()
    assert 'value="Tweede versie"' in response.content.decode()
    inzet.refresh_from_db()
    assert inzet.description == "Intensieve gezinsbehandeling" and inzet.version == 2
    message_url = _url("inzet_message", cast.family, inzet_id=inzet.pk)
    assert client.post(message_url, {**once(), "text": "Moeder gebeld over de start."}).status_code == 302
    detail = client.get(_url("inzet_detail", cast.family, inzet_id=inzet.pk)).content.decode()
    assert "Moeder gebeld over de start." in detail


def test_basis_end_before_start_is_named_at_the_field(client, cast):
    partner = make_partner()
    client.force_login(cast.worker)
    data = {
        **once(),
        "partner": partner.pk,
        "kind": "wettelijke_taak",
        "legal_reference": "artikel 7.3.1 Jeugdwet",
        "purpose": "hulp afstemmen",
        "start_on": "2026-02-10",
        "end_on": "2026-02-01",
    }
    response = client.post(_url("basis_create", cast.family), data)
    page = response.content.decode()
    assert response.status_code == 200 and not SharingBasis.objects.exists()
    assert "De einddatum ligt vóór de begindatum." in page and "sharingbasis_end_after_start" not in page
    assert response.context["form"].errors.get("end_on")
    assert 'value="artikel 7.3.1 Jeugdwet"' in page


def test_inzet_form_refuses_a_child_of_another_family_and_an_inactive_partner(client, cast):
    partner, inactive = make_partner(), make_partner(active=False)
    other_child = MemberFactory(family=cast.other_family, first_name="Emre", role="jeugdige")
    client.force_login(cast.worker)
    form = {
        **once(),
        "partner": partner.pk,
        "child": other_child.pk,
        "product_category": "45",
        "description": "Gezinsbehandeling",
        "requested_on": timezone.localdate().isoformat(),
        "status": "aangevraagd",
    }
    response = client.post(_url("inzet_create", cast.family), form)
    assert response.status_code == 200 and "child" in response.context["form"].errors
    response = client.post(_url("inzet_create", cast.family), {**form, "child": "", "partner": inactive.pk})
    assert response.status_code == 200 and "partner" in response.context["form"].errors
    assert not Inzet.objects.exists()
    page = client.get(_url("inzet_create", cast.family)).content.decode()
    assert inactive.name not in page and partner.name in page
