"""Where a child lives, and the authorisation each placement rests on (fixed day 10-06-2026)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from casework.court import services as svc
from casework.court.models import Stay
from casework.court.rules import authorisation_problem
from casework.court.selectors import stays_without_authorisation
from tests.support.court_support import child_of, ots, ruling

pytestmark = pytest.mark.django_db


def _measure(cast, kind, start=dt.date(2026, 1, 6), end=dt.date(2026, 12, 31)):
    granted = ruling(actor=cast.worker, family=cast.family)
    return svc.measure_open(
        actor=cast.worker,
        family=cast.family,
        child=child_of(cast.family),
        kind=kind,
        start=start,
        end=end,
        ruling=granted,
    )


def _problems(cast, today):
    found = stays_without_authorisation(families=[cast.family.pk], today=today).get(cast.family.pk, [])
    return [p.problem for p in found]


@pytest.mark.parametrize(
    ("stay_kind", "measure_kind", "ok"),
    [
        ("thuis", None, True),
        ("pleeggezin", None, False),
        ("pleeggezin", "machtiging_uhp", True),
        ("netwerkpleeggezin", "voogdij", True),
        ("gezinshuis", "voorlopige_voogdij", True),
        ("residentieel", "vrijwillig", True),  # the parents' consent in a voluntary trajectory
        ("residentieel", "ots", False),  # an OTS alone does not place a child out of home
        ("gesloten", "machtiging_uhp", False),
        ("gesloten", "machtiging_gesloten", True),
    ],
)
def test_which_authorisation_a_stay_rests_on(cast, fixed_day, stay_kind, measure_kind, ok):
    child = child_of(cast.family)
    measure = None
    if measure_kind:
        end = None if measure_kind == "voogdij" else dt.date(2026, 12, 31)
        measure = _measure(cast, measure_kind, end=end)
    problem = authorisation_problem(stay_kind=stay_kind, child_id=child.pk, authorisation=measure, on=fixed_day)
    assert (problem == "") is ok, problem


def test_an_authorisation_must_cover_the_day(cast, fixed_day):
    child = child_of(cast.family)
    measure = _measure(cast, "machtiging_uhp", start=dt.date(2026, 1, 6), end=dt.date(2026, 6, 9))
    problem = authorisation_problem(stay_kind="pleeggezin", child_id=child.pk, authorisation=measure, on=fixed_day)
    assert problem == "de grondslag geldt niet op 10-06-2026"


def test_a_placement_without_authorisation_is_a_signal_until_it_comes(cast, fixed_day):
    child = child_of(cast.family)
    stay = svc.stay_record(
        actor=cast.worker,
        family=cast.family,
        child=child,
        kind="pleeggezin",
        start=dt.date(2026, 6, 1),
        place="Pleeggezin De Vries",
    )
    assert _problems(cast, fixed_day) == ["geen machtiging of maatregel vastgelegd"]
    [found] = stays_without_authorisation(families=[cast.family.pk], today=fixed_day)[cast.family.pk]
    assert (
        found.reason()
        == "Sanne verblijft in een pleeggezin zonder geldige grondslag: geen machtiging of maatregel vastgelegd"
    )
    machtiging = _measure(cast, "machtiging_uhp", start=dt.date(2026, 6, 1))
    svc.stay_set_authorisation(actor=cast.worker, stay=stay, authorisation=machtiging)
    assert _problems(cast, fixed_day) == []
    ots(actor=cast.worker, family=cast.family)
    svc.stay_record(
        actor=cast.worker,
        family=cast.family,
        child=child,
        kind="gesloten",
        start=dt.date(2026, 6, 10),
        authorisation=machtiging,
    )
    assert _problems(cast, fixed_day) == ["gesloten jeugdhulp vraagt een machtiging gesloten jeugdhulp"]


def test_a_new_stay_ends_the_one_before_and_none_overlap(cast, fixed_day):
    child = child_of(cast.family)
    first = svc.stay_record(actor=cast.worker, family=cast.family, child=child, kind="thuis", start=dt.date(2025, 1, 1))
    svc.stay_record(
        actor=cast.worker, family=cast.family, child=child, kind="netwerkpleeggezin", start=dt.date(2026, 5, 1)
    )
    first.refresh_from_db()
    assert first.end == dt.date(2026, 4, 30)
    with pytest.raises(ValidationError, match="al een verblijf vanaf deze datum"):
        svc.stay_record(actor=cast.worker, family=cast.family, child=child, kind="thuis", start=dt.date(2026, 4, 1))
    assert list(Stay.objects.filter(child=child).values_list("kind", "end")) == [
        ("netwerkpleeggezin", None),
        ("thuis", dt.date(2026, 4, 30)),
    ]


def test_a_stay_at_home_is_never_a_signal_and_a_closed_family_neither(cast, fixed_day):
    child = child_of(cast.family)
    svc.stay_record(actor=cast.worker, family=cast.family, child=child, kind="thuis", start=dt.date(2026, 1, 1))
    assert _problems(cast, fixed_day) == []


def test_an_authorisation_of_another_child_is_refused(cast, fixed_day):
    from tests.support.factories import MemberFactory

    measure = _measure(cast, "machtiging_uhp")
    sibling = MemberFactory(family=cast.family, first_name="Daan", role="jeugdige")
    with pytest.raises(ValidationError, match="maatregel van dit kind"):
        svc.stay_record(
            actor=cast.worker,
            family=cast.family,
            child=sibling,
            kind="pleeggezin",
            start=dt.date(2026, 6, 1),
            authorisation=measure,
        )


@pytest.mark.parametrize("role", ["colleague", "teamleider", "outsider", "beheer"])
def test_only_the_gezinsmanager_records_a_stay(cast, fixed_day, role):
    with pytest.raises(PermissionDenied):
        svc.stay_record(
            actor=getattr(cast, role),
            family=cast.family,
            child=child_of(cast.family),
            kind="thuis",
            start=dt.date(2026, 1, 1),
        )
