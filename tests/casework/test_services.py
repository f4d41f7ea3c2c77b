"""Services of the family file, called directly."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from casework import services
from casework.models import (
    Agreement,
    AgreementStatusChange,
    Assignment,
    ContactAddendum,
    ContactRevision,
    Family,
    Phase,
    PhaseChange,
    PlanVersion,
)
from core.models import AppendOnlyError
from privacy.models import AccessLogEntry
from tests.support.casework_support import contact_data
from tests.support.factories import ContactFactory, MembershipFactory

TODAY = timezone.localdate


def test_contact_record_keeps_both_scores_and_logs(cast):
    members = list(cast.family.members.all())
    contact = services.contact_record(actor=cast.worker, family=cast.family, data=contact_data(), participants=members)
    assert (contact.safety_score, contact.lijn_score) == (7, 5)
    assert set(contact.participants.all()) == set(members)
    assert AccessLogEntry.objects.filter(family_ids__has=cast.family.pk, action="toevoegen").exists()


@pytest.mark.parametrize("score", [-1, 11, 100])
def test_contact_record_refuses_scores_outside_0_to_10(cast, score):
    with pytest.raises(ValidationError) as error:
        services.contact_record(actor=cast.worker, family=cast.family, data=contact_data(safety_score=score))
    assert "safety_score" in error.value.error_dict


def test_contact_record_refuses_a_future_date(cast):
    with pytest.raises(ValidationError) as error:
        services.contact_record(
            actor=cast.worker, family=cast.family, data=contact_data(date=TODAY() + dt.timedelta(days=1))
        )
    assert "date" in error.value.error_dict


def test_contact_record_refuses_participants_of_another_family(cast):
    stranger = cast.other_family.members.create(first_name="X", last_name="Y", role="ouder")
    with pytest.raises(ValidationError):
        services.contact_record(actor=cast.worker, family=cast.family, data=contact_data(), participants=[stranger])


@pytest.mark.parametrize("role", ["colleague", "teamleider", "outsider", "bestuur", "beheer"])
def test_only_the_gezinsmanager_records_contacts(cast, role):
    with pytest.raises(PermissionDenied):
        services.contact_record(actor=getattr(cast, role), family=cast.family, data=contact_data())


def test_author_corrects_until_end_of_next_day_and_old_values_are_kept(cast):
    contact = services.contact_record(actor=cast.worker, family=cast.family, data=contact_data())
    services.contact_correct(actor=cast.worker, contact=contact, data=contact_data(safety_score=4, note="Anders."))
    contact.refresh_from_db()
    assert contact.safety_score == 4
    assert contact.corrected_at is not None
    revision = ContactRevision.objects.get(contact=contact)
    assert revision.previous["safety_score"] == 7
    assert revision.previous["note"] == "Rustig gesprek."

    until = services.contact_correctable_until(contact=contact)
    recorded = timezone.localtime(contact.created_at).date()
    assert timezone.localtime(until).date() == recorded + dt.timedelta(days=2)
    assert timezone.localtime(until).time() == dt.time.min
    assert services.contact_can_correct(user=cast.worker, contact=contact, now=until - dt.timedelta(seconds=1))
    assert not services.contact_can_correct(user=cast.worker, contact=contact, now=until)


def test_old_contact_gets_an_addendum_not_a_correction(cast):
    contact = ContactFactory(family=cast.family, created_at=timezone.now() - dt.timedelta(days=3))
    with pytest.raises(PermissionDenied):
        services.contact_correct(actor=cast.worker, contact=contact, data=contact_data())
    addendum = services.contact_add_addendum(actor=cast.worker, contact=contact, text="Moeder belde later terug.")
    assert ContactAddendum.objects.get(contact=contact) == addendum
    contact.refresh_from_db()
    assert contact.note == "Gesprek met moeder en de kinderen aan de keukentafel."
    with pytest.raises(ValidationError):
        services.contact_add_addendum(actor=cast.worker, contact=contact, text="   ")


def test_someone_else_cannot_correct_a_fresh_contact(cast):
    contact = services.contact_record(actor=cast.worker, family=cast.family, data=contact_data())
    new_manager = MembershipFactory(team=cast.family.team).user
    services.family_assign(actor=cast.teamleider, family=cast.family, manager=new_manager)
    cast.family.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.contact_correct(actor=new_manager, contact=contact, data=contact_data())


def test_plan_versions_never_overwrite(cast):
    family = cast.family
    first = family.current_plan
    agreements = [{"description": "Oma haalt de kinderen op", "owner_kind": "netwerk", "owner_name": "oma"}]
    second = services.plan_version_create(
        actor=cast.worker,
        family=family,
        data={"zorgen": "Nieuw", "krachten": "K", "centrale_lijn": "C", "goals": "G"},
        agreements=agreements,
    )
    family.refresh_from_db()
    assert second.number == first.number + 1
    assert family.current_plan == second
    first.refresh_from_db()
    assert first.zorgen == "Spanningen thuis lopen op."
    assert [a.description for a in second.agreements.all()] == ["Oma haalt de kinderen op"]
    with pytest.raises(AppendOnlyError):
        second.save()
    assert PlanVersion.objects.filter(family=family).count() == 2


def test_agreement_status_change_is_kept(cast):
    agreement = Agreement.objects.create(plan=cast.family.current_plan, description="Bellen", owner_kind="gezin")
    services.agreement_set_status(actor=cast.worker, family=cast.family, agreement=agreement, status="gedaan")
    change = AgreementStatusChange.objects.get(agreement=agreement)
    assert (change.from_status, change.to_status, change.author) == ("open", "gedaan", cast.worker)


def test_agreement_of_an_old_version_cannot_be_changed(cast):
    old = Agreement.objects.create(plan=cast.family.current_plan, description="Oud", owner_kind="gezin")
    services.plan_version_create(
        actor=cast.worker,
        family=cast.family,
        data={"zorgen": "Z", "krachten": "K", "centrale_lijn": "C", "goals": "G"},
        agreements=[],
    )
    cast.family.refresh_from_db()
    with pytest.raises(ValidationError):
        services.agreement_set_status(actor=cast.worker, family=cast.family, agreement=old, status="gedaan")


def test_phase_changes_are_history_and_closing_is_for_the_teamleider(cast):
    family = cast.family
    services.family_change_phase(actor=cast.worker, family=family, to_phase=Phase.GENERALISEREN)
    family.refresh_from_db()
    assert family.phase == Phase.GENERALISEREN
    assert family.phase_since == TODAY()
    with pytest.raises(ValidationError) as refused:
        services.family_change_phase(actor=cast.worker, family=family, to_phase=Phase.AFGESLOTEN)
    assert "teamleider" in refused.value.error_dict["to_phase"][0].message
    with pytest.raises(PermissionDenied):
        services.family_change_phase(actor=cast.colleague, family=family, to_phase=Phase.BETREKKEN)
    with pytest.raises(ValidationError):
        services.family_change_phase(actor=cast.worker, family=family, to_phase=Phase.GENERALISEREN)
    services.family_change_phase(actor=cast.teamleider, family=family, to_phase=Phase.AFGESLOTEN, note="Doel bereikt")
    family.refresh_from_db()
    assert family.closed_on == TODAY()
    phases = list(PhaseChange.objects.filter(family=family).values_list("to_phase", flat=True))
    assert phases == ["aanmelding", "ondersteunen", "generaliseren", "afgesloten"]
    # A closed file can no longer be written by the gezinsmanager.
    with pytest.raises(PermissionDenied):
        services.contact_record(actor=cast.worker, family=family, data=contact_data())


def test_exactly_one_gezinsmanager_with_assignments_as_history(cast):
    family = cast.family
    new_manager = MembershipFactory(team=family.team).user
    with pytest.raises(PermissionDenied):
        services.family_assign(actor=cast.worker, family=family, manager=new_manager)
    with pytest.raises(ValidationError):
        services.family_assign(actor=cast.teamleider, family=family, manager=cast.outsider)
    services.family_assign(actor=cast.teamleider, family=family, manager=new_manager, reason="Verlof")
    family.refresh_from_db()
    assert family.manager == new_manager
    assert list(Assignment.objects.filter(family=family).values_list("manager", flat=True)) == [
        cast.worker.pk,
        new_manager.pk,
    ]
    with pytest.raises(PermissionDenied):
        services.contact_record(actor=cast.worker, family=family, data=contact_data())
    services.contact_record(actor=new_manager, family=family, data=contact_data())


def test_family_create_starts_history(cast):
    family = services.family_create(
        actor=cast.teamleider, team=cast.family.team, manager=cast.worker, name="Gezin Nieuw", reference="N-1"
    )
    assert family.phase == Phase.AANMELDING
    assert Assignment.objects.filter(family=family, manager=cast.worker).exists()
    assert PhaseChange.objects.filter(family=family, to_phase=Phase.AANMELDING).exists()
    assert Family.objects.filter(reference="N-1").exists()


def test_measure_needs_a_child_of_the_family(cast):
    parent = cast.family.members.get(role="ouder")
    with pytest.raises(ValidationError):
        services.measure_save(
            actor=cast.worker, family=cast.family, child=parent, data={"kind": "ots", "start": TODAY()}
        )
    child = cast.family.members.get(role="jeugdige")
    with pytest.raises(ValidationError):
        services.measure_save(
            actor=cast.worker,
            family=cast.family,
            child=child,
            data={"kind": "ots", "start": TODAY(), "end": TODAY() - dt.timedelta(days=1)},
        )


def test_a_substitute_writes_the_file_only_during_the_period(cast):
    family = cast.family
    today = TODAY()
    with pytest.raises(PermissionDenied):
        services.substitution_create(
            actor=cast.worker, family=family, substitute=cast.colleague, start=today, end=today
        )
    with pytest.raises(ValidationError):
        services.substitution_create(
            actor=cast.teamleider, family=family, substitute=cast.outsider, start=today, end=today
        )
    with pytest.raises(PermissionDenied):
        services.contact_record(actor=cast.colleague, family=family, data=contact_data())
    later = services.substitution_create(
        actor=cast.teamleider,
        family=family,
        substitute=cast.colleague,
        start=today + dt.timedelta(days=3),
        end=today + dt.timedelta(days=10),
    )
    with pytest.raises(PermissionDenied):
        services.contact_record(actor=cast.colleague, family=family, data=contact_data())
    now = services.substitution_create(
        actor=cast.teamleider, family=family, substitute=cast.colleague, start=today, end=today, reason="Vakantie"
    )
    services.contact_record(actor=cast.colleague, family=family, data=contact_data())
    family.refresh_from_db()
    assert family.manager == cast.worker  # still exactly one gezinsmanager
    services.substitution_end(actor=cast.teamleider, substitution=now)
    with pytest.raises(PermissionDenied):
        services.contact_record(actor=cast.colleague, family=family, data=contact_data())
    now.refresh_from_db()
    assert (now.start, now.end, now.ended_by) == (today, today, cast.teamleider)
    assert later.ended_at is None
