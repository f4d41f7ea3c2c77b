"""Guards found in review: logging of every page, writes never reaching past reads, bad input."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from casework import services
from casework.models import Family, Measure
from privacy.models import AccessLogEntry
from tests.support.casework_support import contact_data, family_pages
from tests.support.once import once


def test_every_page_that_shows_a_family_logs_the_view(client, cast):
    for user, names in [
        (cast.worker, None),
        (cast.teamleider, {"casework:assign", "casework:substitution", "casework:phase_change"}),
    ]:
        client.force_login(user)
        for name, kwargs, _rule in family_pages(cast):
            if names is not None and name not in names:
                continue
            if name in {"casework:contact_correct", "casework:access_log"} or (
                names is None and name in {"casework:assign", "casework:substitution"}
            ):
                continue
            before = AccessLogEntry.objects.filter(user=user, family_ids__has=cast.family.pk).count()
            response = client.get(reverse(name, kwargs={"family_id": cast.family.pk, **kwargs}))
            assert response.status_code == 200, name
            after = AccessLogEntry.objects.filter(user=user, family_ids__has=cast.family.pk).count()
            assert after == before + 1, f"{name} did not log the view"


def test_a_gezinsmanager_who_left_the_team_cannot_write(cast):
    cast.worker.memberships.update(end=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        services.contact_record(actor=cast.worker, family=cast.family, data=contact_data())


def test_service_writes_carry_the_client_address(client, cast):
    client.force_login(cast.worker)
    client.post(
        reverse("casework:network_create", kwargs={"family_id": cast.family.pk}),
        {**once(), "name": "Buurman Piet", "relation": "buurman"},
        REMOTE_ADDR="10.1.2.3",
    )
    entry = AccessLogEntry.objects.get(family_ids__has=cast.family.pk, action="toevoegen")
    assert entry.ip_address == "10.1.2.3"


def test_the_log_names_no_family_data_for_beheer(client, cast):
    family = cast.family
    services.family_change_phase(actor=cast.worker, family=family, to_phase="generaliseren")
    services.substitution_create(
        actor=cast.teamleider,
        family=family,
        substitute=cast.colleague,
        start=timezone.localdate(),
        end=timezone.localdate(),
    )
    services.contact_record(actor=cast.worker, family=family, data=contact_data())
    logged = " ".join(AccessLogEntry.objects.values_list("what", flat=True))
    client.force_login(cast.beheer)
    html = client.get(reverse("casework:access_log", kwargs={"family_id": family.pk})).content.decode()
    for secret in [family.name, "Sanne", "Petra", "Oma Bakker", "generaliseren", str(cast.colleague)]:
        assert secret not in logged
    for secret in [family.name, "Sanne", "Petra", "Oma Bakker"]:
        assert secret not in html


@pytest.mark.parametrize(
    ("user", "url", "params"),
    [
        ("teamleider", "casework:substitution", {"beeindig": "abc"}),
        ("teamleider", "casework:substitution", {"beeindig": "999999"}),
        ("beheer", "access_log_lookup", {"dossiernummer": "\x00"}),
        ("worker", "casework:plan_compare", {"a": "x", "b": "\x00"}),
        ("worker", "casework:family_detail", {"tijdlijn": "\x00"}),
    ],
)
def test_bad_input_never_gives_a_server_error(client, cast, user, url, params):
    client.force_login(getattr(cast, user))
    kwargs = {} if url == "access_log_lookup" else {"family_id": cast.family.pk}
    method = client.post if "beeindig" in params else client.get
    response = method(reverse(url, kwargs=kwargs), params)
    assert response.status_code < 500


def test_worker_is_not_offered_closing_and_gets_a_message_when_trying(client, cast):
    client.force_login(cast.worker)
    url = reverse("casework:phase_change", kwargs={"family_id": cast.family.pk})
    assert 'value="afgesloten"' not in client.get(url).content.decode()
    response = client.post(
        url, {**once(), "to_phase": "afgesloten", "on": timezone.localdate().isoformat(), "note": "Klaar"}
    )
    assert response.status_code == 200
    assert "to_phase" in response.context["form"].errors
    assert 'value="Klaar"' in response.content.decode()


def test_history_cannot_be_deleted_with_the_family(cast):
    with pytest.raises(ProtectedError):
        Family.objects.filter(pk=cast.family.pk).delete()


def test_a_child_with_a_measure_stays_a_child(client, cast):
    child = cast.family.members.get(role="jeugdige")
    Measure.objects.create(child=child, kind="ots", court_decision_on="2026-01-05", start="2026-01-10")
    client.force_login(cast.worker)
    response = client.post(
        reverse("casework:member_edit", kwargs={"family_id": cast.family.pk, "member_id": child.pk}),
        {"first_name": child.first_name, "last_name": child.last_name, "role": "ouder", "version": "1"},
    )
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    child.refresh_from_db()
    assert child.role == "jeugdige"


def test_a_plan_cannot_be_agreed_with_the_parents_in_the_future(client, cast):
    client.force_login(cast.worker)
    response = client.post(
        reverse("casework:plan_create", kwargs={"family_id": cast.family.pk}),
        {
            "zorgen": "Z",
            "krachten": "K",
            "centrale_lijn": "C",
            "goals": "G",
            "agreed_with_parents_on": "2099-01-01",
            "afspraak-TOTAL_FORMS": "0",
            "afspraak-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "agreed_with_parents_on" in response.context["form"].errors


def test_closed_families_can_be_listed(client, cast):
    services.family_change_phase(actor=cast.teamleider, family=cast.family, to_phase="afgesloten")
    client.force_login(cast.teamleider)
    url = reverse("casework:my_families")
    assert cast.family.name not in client.get(url).content.decode()
    assert cast.family.name in client.get(url + "?afgesloten=1").content.decode()
