"""The reading and writing rules compiled once a day (casework/access_sql.py) say what the ORM rules say.

Compiled per organisation role, list or not, registered rules and day; the
user's id is put into the SQL per call. Tried for every member of the cast, with
a substitution, an audit's sample and an ended membership in the data.
"""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from accounts.models import Membership
from casework import access
from casework.access_sql import _PROBE_ID, _compile
from casework.models import Family, Substitution
from tests.support.audits_support import plan, to_preparation
from tests.support.clock import FIXED_DAY
from tests.support.factories import FamilyFactory


def _orm_readable(user, *, for_lists):
    field, ids = access.readable_id_set(user=user, for_lists=for_lists)
    return set(Family.objects.filter(**{f"{field}__in": ids}).values_list("pk", flat=True))


def _orm_writable(user):
    readable = Family.objects.filter(access.readable_families_filter(user=user))
    ids = access.writable_id_set(user=user, for_lists=False)[1]
    return set(readable.filter(pk__in=ids).values_list("pk", flat=True))


@pytest.fixture
def scene(cast, fixed_day):
    FamilyFactory(team=cast.family.team, manager=cast.colleague, name="Gezin Bakker")
    Substitution.objects.create(
        family=cast.family,
        substitute=cast.colleague,
        start=FIXED_DAY - dt.timedelta(days=1),
        end=FIXED_DAY + dt.timedelta(days=3),
        reason="vakantie",
        author=cast.teamleider,
    )
    audit = to_preparation(cast, plan(cast, sample_size=1))  # the auditor reads the sampled file
    cast.sampled = audit.sampled_files.get().family
    return cast


def test_every_member_of_the_cast_reads_and_writes_what_the_orm_rule_says(scene):
    for role, user in scene.all().items():
        for for_lists in (False, True):
            compiled = set(access.families_readable_by(user=user, for_lists=for_lists).values_list("pk", flat=True))
            assert compiled == _orm_readable(user, for_lists=for_lists), (role, for_lists)
        writable = set(access.families_writable_by(user=user).values_list("pk", flat=True))
        assert writable == _orm_writable(user), role
    assert scene.family.pk in set(access.families_writable_by(user=scene.colleague).values_list("pk", flat=True))
    auditor_reads = set(access.families_readable_by(user=scene.auditor).values_list("pk", flat=True))
    assert auditor_reads == {scene.sampled.pk}
    assert not access.families_readable_by(user=scene.auditor, for_lists=True).exists()


def test_the_sql_is_kept_not_the_answer_a_change_counts_at_once(scene):
    assert access.families_readable_by(user=scene.worker).filter(pk=scene.family.pk).exists()
    Membership.objects.filter(user=scene.worker).update(end=timezone.localdate() - dt.timedelta(days=1))
    assert not access.families_readable_by(user=scene.worker).filter(pk=scene.family.pk).exists()
    assert not access.families_writable_by(user=scene.worker).exists()


def test_a_new_day_is_compiled_anew(scene):
    Membership.objects.filter(user=scene.worker).update(end=FIXED_DAY)  # the last day in the team is today
    assert access.families_readable_by(user=scene.worker).filter(pk=scene.family.pk).exists()
    with time_machine.travel(timezone.now() + dt.timedelta(days=1)):
        assert not access.families_readable_by(user=scene.worker).filter(pk=scene.family.pk).exists()


def test_the_compiled_sql_carries_the_users_id_never_the_probe(scene):
    _sql, params = access.families_readable_by(user=scene.worker).values("pk").query.sql_with_params()
    assert _PROBE_ID not in params and scene.worker.pk in params
    assert _compile.cache_info().currsize >= 1
