"""The demo data command makes a consistent organisation, and only once."""

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from casework.models import Assignment, Contact, Family, PhaseChange


@pytest.mark.django_db
def test_demo_data_is_consistent_with_its_history():
    call_command("demo_data", families=24, verbosity=0)
    assert Family.objects.count() == 24
    assert User.objects.filter(username__in=["gm.noord", "tl.noord", "beheer", "bestuur"]).count() == 4
    assert User.objects.get(username="beheer").is_staff
    # Beheer is no superuser (a grant needs a second person); the security officer approves grants.
    assert not User.objects.get(username="beheer").is_superuser
    assert User.objects.get(username="security").org_role == "security"
    assert Family.objects.filter(manager__username="gm.noord").exists()
    today = timezone.localdate()
    for family in Family.objects.all():
        last_assignment = Assignment.objects.filter(family=family).order_by("start", "id").last()
        assert family.manager_id == last_assignment.manager_id
        last_phase = PhaseChange.objects.filter(family=family).order_by("on", "id").last()
        assert (family.phase, family.phase_since) == (last_phase.to_phase, last_phase.on)
        top = family.plan_versions.aggregate(n=Max("number"))["n"]
        assert (family.current_plan.number if family.current_plan else None) == top
        dates = Contact.objects.filter(family=family).values_list("date", flat=True)
        assert all(family.opened_on <= d <= (family.closed_on or today) for d in dates)
        scores = Contact.objects.filter(family=family).values_list("safety_score", "lijn_score")
        assert all(0 <= s <= 10 and 0 <= c <= 10 for s, c in scores)


@pytest.mark.django_db
def test_demo_data_runs_once_unless_asked():
    call_command("demo_data", families=3, verbosity=0)
    with pytest.raises(CommandError):
        call_command("demo_data", families=3, verbosity=0)
    call_command("demo_data", families=3, if_empty=True, verbosity=0)
    assert Family.objects.count() == 3
    call_command("demo_data", families=3, append=True, verbosity=0)
    assert Family.objects.count() == 6
