"""The demo audit: this year's cycle, an audit of a demo team in voorbereiding, and only once."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from audits.models import AuditStatus, TeamAudit

pytestmark = pytest.mark.django_db


def test_demo_audits_after_the_demo_organisation():
    call_command("demo_data", families=12, verbosity=0)
    call_command("demo_sessions", weeks=2, verbosity=0)
    call_command("demo_audits", if_empty=True, verbosity=0)
    audit = TeamAudit.objects.get()
    assert audit.cycle.year == timezone.localdate().year
    assert audit.status == AuditStatus.PREPARATION
    assert audit.auditor_assignments.filter(user__username="auditor").exists()
    assert audit.snapshot["families_served"] > 0 and audit.snapshot["sessions"]["held"] > 0
    assert audit.sampled_files.count() == min(10, audit.snapshot["families_served"])
    call_command("demo_audits", if_empty=True, verbosity=0)
    assert TeamAudit.objects.count() == 1
