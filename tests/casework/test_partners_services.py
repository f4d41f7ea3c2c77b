"""Writing partners' help and sharing bases: transitions, reasons, stale versions, who may write."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from casework.partners import services as svc
from casework.partners import sharing
from casework.partners.models import (
    BasisKind,
    InzetMessage,
    InzetStatus,
    InzetStatusChange,
    SharingBasisEvent,
)
from privacy.models import AccessLogEntry, Channel
from tests.support.partners_support import make_basis, make_inzet, make_partner

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _data(**extra):
    data = {
        "product_category": "45",
        "product_code": "45A48",
        "description": "Ambulante gezinsbehandeling",
        "volume": 3,
        "unit": "uur",
        "frequency": "week",
        "requested_on": TODAY() - dt.timedelta(days=10),
        "promised_start": TODAY() + dt.timedelta(days=5),
    }
    data.update(extra)
    return data


def test_create_keeps_first_status_row_and_logs(cast):
    partner = make_partner()
    child = cast.family.members.get(role="jeugdige")
    inzet = svc.inzet_create(
        actor=cast.worker, family=cast.family, partner=partner, data=_data(child=child, status="wachtlijst")
    )
    assert inzet.status == InzetStatus.WACHTLIJST and inzet.child == child and inzet.version == 1
    row = InzetStatusChange.objects.get(inzet=inzet)
    assert (row.from_status, row.to_status, row.author) == ("", "wachtlijst", cast.worker)
    assert AccessLogEntry.objects.filter(
        family_ids__has=cast.family.pk, user=cast.worker, what__contains="inzet"
    ).exists()


@pytest.mark.parametrize("who", ["colleague", "teamleider", "outsider", "bestuur"])
def test_only_the_gezinsmanager_creates(cast, who):
    with pytest.raises(PermissionDenied):
        svc.inzet_create(actor=getattr(cast, who), family=cast.family, partner=make_partner(), data=_data())


def test_create_rejects_bad_input_with_field_names(cast):
    partner = make_partner()
    cases = [
        (_data(status="gestart"), "status"),
        (_data(promised_start=TODAY() - dt.timedelta(days=20)), "promised_start"),
        (_data(requested_on=TODAY() + dt.timedelta(days=1)), "requested_on"),
        (_data(unit=""), "unit"),
        (_data(child=cast.family.members.get(role="ouder")), "child"),
        (_data(product_category="4"), "product_category"),
    ]
    for data, field in cases:
        with pytest.raises(ValidationError) as err:
            svc.inzet_create(actor=cast.worker, family=cast.family, partner=partner, data=data)
        assert field in err.value.message_dict, (field, err.value)
    inactive = make_partner(active=False)
    with pytest.raises(ValidationError) as err:
        svc.inzet_create(actor=cast.worker, family=cast.family, partner=inactive, data=_data())
    assert "partner" in err.value.message_dict


def test_update_bumps_version(cast):
    inzet = make_inzet(family=cast.family, partner=make_partner())
    before = inzet.updated_at
    new_start = TODAY() + dt.timedelta(days=3)
    inzet = svc.inzet_update(actor=cast.worker, inzet=inzet, data={"promised_start": new_start, "volume": None})
    assert inzet.promised_start == new_start and inzet.version == 2 and inzet.updated_at > before
    with pytest.raises(PermissionDenied):
        svc.inzet_update(actor=cast.colleague, inzet=inzet, data={"volume": 2, "unit": "uur", "frequency": "week"})


def test_transitions_and_dates(cast):
    inzet = make_inzet(family=cast.family, partner=make_partner(), days_ago=30)
    on = TODAY() - dt.timedelta(days=5)
    inzet = svc.inzet_change_status(actor=cast.worker, inzet=inzet, to_status="wachtlijst", on=on)
    inzet = svc.inzet_change_status(actor=cast.worker, inzet=inzet, to_status="gestart", on=on, note="Eerste gesprek")
    assert (inzet.status, inzet.actual_start, inzet.version) == ("gestart", on, 3)
    with pytest.raises(ValidationError) as err:
        svc.inzet_change_status(actor=cast.worker, inzet=inzet, to_status="wachtlijst", on=on)
    assert "to_status" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        svc.inzet_change_status(actor=cast.worker, inzet=inzet, to_status="gestopt", on=TODAY())
    assert "reason" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        svc.inzet_change_status(
            actor=cast.worker,
            inzet=inzet,
            to_status="gestopt",
            on=TODAY() + dt.timedelta(days=1),
            reason="volgens_plan",
        )
    assert "toekomst" in err.value.message_dict["on"][0]
    with pytest.raises(ValidationError) as err:
        svc.inzet_change_status(
            actor=cast.worker, inzet=inzet, to_status="gestopt", on=on - dt.timedelta(days=1), reason="volgens_plan"
        )
    assert "on" in err.value.message_dict
    inzet = svc.inzet_change_status(
        actor=cast.worker, inzet=inzet, to_status="gestopt", on=TODAY(), reason="volgens_plan"
    )
    assert (inzet.status, inzet.end_on, inzet.end_reason) == ("gestopt", TODAY(), "volgens_plan")
    with pytest.raises(ValidationError):  # final
        svc.inzet_change_status(actor=cast.worker, inzet=inzet, to_status="gestart", on=TODAY())
    history = list(InzetStatusChange.objects.filter(inzet=inzet).values_list("from_status", "to_status"))
    assert history == [
        ("", "aangevraagd"),
        ("aangevraagd", "wachtlijst"),
        ("wachtlijst", "gestart"),
        ("gestart", "gestopt"),
    ]


def test_status_date_not_before_requested_and_rejection_needs_reason(cast):
    inzet = make_inzet(family=cast.family, partner=make_partner(), days_ago=3)
    with pytest.raises(ValidationError) as err:
        svc.inzet_change_status(actor=cast.worker, inzet=inzet, to_status="gestart", on=TODAY() - dt.timedelta(days=4))
    assert "aanvraagdatum" in err.value.message_dict["on"][0]
    with pytest.raises(ValidationError) as err:
        svc.inzet_change_status(actor=cast.worker, inzet=inzet, to_status="afgewezen", on=TODAY(), reason="onzin")
    assert "reason" in err.value.message_dict
    inzet = svc.inzet_change_status(
        actor=cast.worker, inzet=inzet, to_status="afgewezen", on=TODAY(), reason="geen_capaciteit"
    )
    assert inzet.end_on == TODAY() and inzet.actual_start is None


def test_stale_version_is_refused(cast):
    inzet = make_inzet(family=cast.family, partner=make_partner())
    with pytest.raises(svc.StaleInzet):
        svc.inzet_change_status(actor=cast.worker, inzet=inzet, to_status="gestart", on=TODAY(), expected_version=7)
    assert InzetStatusChange.objects.filter(inzet=inzet).count() == 1
    inzet = svc.inzet_change_status(actor=cast.worker, inzet=inzet, to_status="gestart", on=TODAY(), expected_version=1)
    assert inzet.version == 2


def test_permission_is_checked_before_the_version(cast):
    """A writer without the right learns nothing about the inzet, not even that its version moved."""
    partner, other = make_partner(), make_partner()
    inzet = make_inzet(family=cast.family, partner=partner)
    make_basis(family=cast.family, partner=other)
    with pytest.raises(PermissionDenied):
        svc.inzet_change_status(via_partner=other, inzet=inzet, to_status="gestart", on=TODAY(), expected_version=9)
    with pytest.raises(PermissionDenied):
        svc.inzet_update(actor=cast.colleague, inzet=inzet, data={"description": "x"}, expected_version=9)


def test_author_rule_person_or_partner_system(cast):
    partner, other = make_partner(), make_partner()
    inzet = make_inzet(family=cast.family, partner=partner)
    with pytest.raises(ValueError):
        svc.inzet_change_status(inzet=inzet, to_status="gestart", on=TODAY())
    with pytest.raises(ValueError):
        svc.inzet_change_status(actor=cast.worker, via_partner=partner, inzet=inzet, to_status="gestart", on=TODAY())
    with pytest.raises(PermissionDenied):  # read-only colleague
        svc.inzet_change_status(actor=cast.colleague, inzet=inzet, to_status="gestart", on=TODAY())
    with pytest.raises(PermissionDenied):  # no basis yet
        svc.inzet_change_status(via_partner=partner, inzet=inzet, to_status="gestart", on=TODAY())
    make_basis(family=cast.family, partner=other)
    with pytest.raises(PermissionDenied):  # not its inzet
        svc.inzet_change_status(via_partner=other, inzet=inzet, to_status="gestart", on=TODAY())
    make_basis(family=cast.family, partner=partner, shares_inzetten=False)
    with pytest.raises(PermissionDenied):  # basis does not cover inzetten
        svc.inzet_change_status(via_partner=partner, inzet=inzet, to_status="gestart", on=TODAY())
    make_basis(family=cast.family, partner=partner)
    inzet = svc.inzet_change_status(
        via_partner=partner, client_id="client-123", channel=Channel.API, inzet=inzet, to_status="gestart", on=TODAY()
    )
    row = InzetStatusChange.objects.filter(inzet=inzet).last()
    assert row.author is None and row.via_partner == partner and row.client_id == "client-123"
    assert "systeem" in row.author_label
    log = AccessLogEntry.objects.filter(family_ids__has=cast.family.pk, channel=Channel.API).get()
    assert log.user is None and log.client == "client-123" and partner.name in log.purpose


def test_messages_author_rule_and_length(cast):
    partner = make_partner()
    inzet = make_inzet(family=cast.family, partner=partner)
    with pytest.raises(PermissionDenied):
        svc.inzet_post_message(inzet=inzet, text="Gestart", via_partner=partner)
    make_basis(family=cast.family, partner=partner)
    for bad in ["", "   ", "x" * 1001]:
        with pytest.raises(ValidationError) as err:
            svc.inzet_post_message(inzet=inzet, text=bad, via_partner=partner)
        assert "text" in err.value.message_dict
    msg = svc.inzet_post_message(inzet=inzet, text=" Eerste gesprek gevoerd ", via_partner=partner, client_id="c1")
    assert msg.text == "Eerste gesprek gevoerd" and msg.family_id == cast.family.pk
    svc.inzet_post_message(inzet=inzet, text="Gebeld met moeder", actor=cast.worker)
    with pytest.raises(PermissionDenied):
        svc.inzet_post_message(inzet=inzet, text="x", actor=cast.colleague)
    assert InzetMessage.objects.filter(inzet=inzet).count() == 2


def test_basis_record_validation_per_kind(cast):
    partner = make_partner()
    start = TODAY()
    with pytest.raises(ValidationError) as err:
        sharing.sharing_basis_record(
            actor=cast.worker, family=cast.family, partner=partner, data={"kind": BasisKind.TOESTEMMING, "purpose": ""}
        )
    assert {"consent_by", "consent_on", "consent_for", "purpose"} <= set(err.value.message_dict)
    with pytest.raises(ValidationError) as err:
        sharing.sharing_basis_record(
            actor=cast.worker,
            family=cast.family,
            partner=partner,
            data={"kind": BasisKind.RECHTERLIJKE_UITSPRAAK, "purpose": "x"},
        )
    assert set(err.value.message_dict) == {"legal_reference"}
    with pytest.raises(ValidationError) as err:
        sharing.sharing_basis_record(
            actor=cast.worker,
            family=cast.family,
            partner=partner,
            data={
                "kind": BasisKind.WETTELIJKE_TAAK,
                "legal_reference": "Jeugdwet",
                "purpose": "x",
                "start_on": start,
                "end_on": start - dt.timedelta(days=1),
            },
        )
    assert "end_on" in err.value.message_dict
    basis = sharing.sharing_basis_record(
        actor=cast.teamleider,
        family=cast.family,
        partner=partner,
        data={
            "kind": BasisKind.TOESTEMMING,
            "consent_by": "moeder",
            "consent_on": start,
            "consent_for": "delen met de behandelaar",
            "purpose": "hulp afstemmen",
        },
    )
    assert basis.author == cast.teamleider and not basis.shares_notes and not basis.shares_scores
    assert SharingBasisEvent.objects.get(basis=basis).kind == "vastgelegd"
    for who in ["colleague", "outsider", "bestuur"]:
        with pytest.raises(PermissionDenied):
            sharing.sharing_basis_record(actor=getattr(cast, who), family=cast.family, partner=partner, data={})


def test_basis_withdraw_needs_reason_once(cast):
    basis = make_basis(family=cast.family, partner=make_partner())
    with pytest.raises(ValidationError) as err:
        sharing.sharing_basis_withdraw(actor=cast.worker, basis=basis, reason=" ")
    assert "reason" in err.value.message_dict
    with pytest.raises(PermissionDenied):
        sharing.sharing_basis_withdraw(actor=cast.colleague, basis=basis, reason="toestemming ingetrokken")
    basis = sharing.sharing_basis_withdraw(actor=cast.worker, basis=basis, reason="toestemming ingetrokken")
    assert basis.withdrawn_by == cast.worker and basis.withdrawn_at is not None
    assert list(SharingBasisEvent.objects.filter(basis=basis).values_list("kind", flat=True)) == ["ingetrokken"]
    with pytest.raises(ValidationError):
        sharing.sharing_basis_withdraw(actor=cast.worker, basis=basis, reason="nogmaals")


def test_update_with_a_stale_version_is_refused(cast):
    inzet = make_inzet(family=cast.family, partner=make_partner())
    with pytest.raises(svc.StaleInzet):
        svc.inzet_update(actor=cast.worker, inzet=inzet, data={"description": "Nieuw"}, expected_version=2)
    inzet.refresh_from_db()
    assert (inzet.description, inzet.version) == ("Gezinsbehandeling", 1)
    inzet = svc.inzet_update(actor=cast.worker, inzet=inzet, data={"description": "Nieuw"}, expected_version=1)
    assert (inzet.description, inzet.version) == ("Nieuw", 2)


def test_update_refuses_a_request_date_after_the_end(cast):
    inzet = make_inzet(family=cast.family, partner=make_partner(), days_ago=20)
    inzet = svc.inzet_change_status(
        actor=cast.worker, inzet=inzet, to_status="afgewezen", on=TODAY() - dt.timedelta(days=15), reason="niet_passend"
    )
    with pytest.raises(ValidationError) as err:
        svc.inzet_update(actor=cast.worker, inzet=inzet, data={"requested_on": TODAY() - dt.timedelta(days=10)})
    assert "requested_on" in err.value.message_dict
