"""`demo_reflections`: enough completed reflections in a demo team that the anonymous aggregate shows."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Team
from reflection.aggregate import reflection_team_aggregate
from reflection.models import Reflection, Status
from reflection.selectors import reflection_due_workers

pytestmark = pytest.mark.django_db


def test_demo_reflections_show_in_the_aggregate_and_run_once():
    call_command("demo_data", families=6, verbosity=0)
    call_command("demo_reflections", if_empty=True, verbosity=0)
    total = Reflection.objects.count()
    assert total > 0 and Reflection.objects.filter(status=Status.CONCEPT).exists()
    noord = Team.objects.get(name="Team Noord")
    today = timezone.localdate()
    aggregate = reflection_team_aggregate(team=noord, since=today - dt.timedelta(days=365), until=today)
    assert aggregate is not None and aggregate["workers"] >= 5
    assert reflection_due_workers(today=today), "some workers missed the last round"
    call_command("demo_reflections", if_empty=True, verbosity=0)
    assert Reflection.objects.count() == total
