"""`manage.py demo_audits`: this year's audit cycle with one team audit in preparation.

The demo auditor audits the first demo team that has a teamleider: the audit is
planned, moved to voorbereiding (figures frozen, sample drawn) through the
ordinary services, so the demo shows what an auditor sees. Run after demo_data
and demo_sessions, so the figures have sessions to count.
"""

import datetime as dt

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, OrgRole, Team, TeamRole, User
from audits import services
from audits.models import AuditStatus, TeamAudit


class Command(BaseCommand):
    help = "An audit cycle and a team audit for the demo organisation."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when audits exist.")

    @transaction.atomic
    def handle(self, *args, if_empty, **opts):
        if TeamAudit.objects.exists():
            if not if_empty:
                self.stderr.write("Er zijn al audits; niets gedaan.")
            return
        auditor = User.objects.filter(org_role=OrgRole.AUDITOR, is_active=True).order_by("username").first()
        led = Membership.objects.active().filter(role=TeamRole.TEAMLEIDER).values("team_id")
        team = Team.objects.filter(pk__in=led).order_by("name").first()
        if auditor is None or team is None:
            self.stderr.write("Geen demo-auditor of demoteam: draai eerst demo_data.")
            return
        today = timezone.localdate()
        audit = services.team_audit_plan(
            actor=auditor, year=today.year, team=team, planned_on=today + dt.timedelta(days=14), auditors=[auditor]
        )
        services.team_audit_transition(actor=auditor, audit=audit, to_status=AuditStatus.PREPARATION)
        self.stdout.write(f"Audit {team} {today.year} in voorbereiding, auditor {auditor.username}.")
