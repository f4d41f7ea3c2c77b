"""The per-family summary the list pages read: kept by the services, always equal to a fresh rebuild."""

import datetime as dt
import io
import random

import pytest
from django.core.management import call_command

from casework import services
from casework.models import Contact, FamilySummary, Phase
from tests.support.casework_support import contact_data
from tests.support.clock import FIXED_DAY
from tests.support.factories import ContactFactory, FamilyFactory

pytestmark = pytest.mark.usefixtures("fixed_day")
TODAY = FIXED_DAY


def _rows() -> list[dict]:
    return list(FamilySummary.objects.order_by("family_id").values())


def _assert_equals_fresh_rebuild() -> None:
    kept = _rows()
    FamilySummary.objects.all().delete()
    services.family_summaries_rebuild()
    assert _rows() == kept


def test_summary_follows_every_kind_of_change_and_equals_a_rebuild(cast):
    rng = random.Random(12)
    family = cast.family  # one contact from the cast, 7 days ago
    _assert_equals_fresh_rebuild()
    recorded = []
    for _ in range(8):  # newer, older and same-day contacts, in a fixed random order
        day = TODAY - dt.timedelta(days=rng.choice([0, 0, 1, 3, 10, 40]))
        data = contact_data(date=day, safety_score=rng.randint(0, 10), lijn_score=rng.randint(0, 10))
        recorded.append(services.contact_record(actor=cast.worker, family=family, data=data))
        _assert_equals_fresh_rebuild()
    latest, before = Contact.objects.filter(family=family).order_by("-date", "-id")[:2]
    summary = FamilySummary.objects.get(family=family)
    assert (summary.last_contact_id, summary.last_safety, summary.last_lijn) == (
        latest.pk,
        latest.safety_score,
        latest.lijn_score,
    )
    assert (summary.prev_contact_id, summary.prev_safety, summary.prev_lijn) == (
        before.pk,
        before.safety_score,
        before.lijn_score,
    )
    # A correction moves a contact back in time and changes its scores.
    corrected = recorded[-1]
    services.contact_correct(
        actor=cast.worker, contact=corrected, data=contact_data(date=TODAY - dt.timedelta(days=60), safety_score=1)
    )
    _assert_equals_fresh_rebuild()
    # An addendum, a phase change and closing change no figure the summary holds.
    services.contact_add_addendum(actor=cast.worker, contact=latest, text="Later gehoord: het ging goed.")
    services.family_change_phase(actor=cast.worker, family=family, to_phase=Phase.GENERALISEREN)
    _assert_equals_fresh_rebuild()
    family.refresh_from_db()
    services.family_change_phase(actor=cast.teamleider, family=family, to_phase=Phase.AFGESLOTEN)
    _assert_equals_fresh_rebuild()


def test_a_family_without_contacts_has_no_row_and_the_command_rebuilds(cast):
    family = FamilyFactory(team=cast.family.team, manager=cast.worker)
    assert not FamilySummary.objects.filter(family=family).exists()
    ContactFactory(family=family, date=TODAY, safety_score=2, lijn_score=3)
    kept = _rows()
    FamilySummary.objects.all().delete()
    call_command("rebuild_family_summaries", stdout=io.StringIO())
    assert _rows() == kept
    row = FamilySummary.objects.get(family=family)
    assert (row.last_safety, row.last_lijn, row.prev_safety, row.last_contact_on) == (2, 3, None, TODAY)
