"""`manage.py demo_privacy`: the privacy officer's first screens are not empty in the demo.

Two requests in the register through the same services the officer uses (an inzage whose term ends
within the week, a correction just in), and one old file: a family whose help ended in 2004, so its
twenty years have passed and the daily task proposes it for destruction, waiting for two agreements.
"""

import datetime as dt

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from casework.models import Assignment, Family, FileDestruction, Member, Phase, PhaseChange, PrivacyRequest
from casework.rights import destruction, services

OLD_REFERENCE = "GI-2004-000417"


class Command(BaseCommand):
    help = "Privacyverzoeken en een oud dossier dat voor vernietiging is voorgesteld (demo)."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="niets doen als er al privacyverzoeken zijn")

    @transaction.atomic
    def handle(self, *args, **opts):
        if opts["if_empty"] and (PrivacyRequest.objects.exists() or FileDestruction.objects.exists()):
            self.stdout.write("Er zijn al privacyverzoeken; niets aangemaakt.")
            return
        officer = User.objects.filter(username="security").first()
        family = Family.objects.filter(manager__username="gm.noord", destroyed_at__isnull=True).order_by("pk").first()
        if officer is None or family is None:
            self.stdout.write("Geen demo-organisatie; niets aangemaakt.")
            return
        today = timezone.localdate()
        register = {"actor": officer, "family": family, "requester_relation": "ouder"}
        services.privacy_request_register(
            kind="inzage", requester_name="moeder", received_on=today - dt.timedelta(days=26), **register
        )
        services.privacy_request_register(
            kind="correctie",
            requester_name="vader",
            received_on=today - dt.timedelta(days=2),
            description="Het verslag van het laatste huisbezoek klopt niet: ik was er niet bij.",
            **register,
        )
        self._old_file(team=family.team, manager=family.manager)
        proposed = destruction.destruction_proposals_create(today=today)
        self.stdout.write(
            self.style.SUCCESS(f"2 privacyverzoeken geregistreerd, {proposed} dossier voorgesteld voor vernietiging.")
        )

    def _old_file(self, *, team, manager) -> None:
        """A file closed in 2004 (no OTS): kept twenty years after the help ended, so past its date now."""
        if Family.objects.filter(reference=OLD_REFERENCE).exists():
            return
        opened, closed = dt.date(2002, 3, 4), dt.date(2004, 6, 30)
        leader = team.memberships.filter(role="teamleider").first()
        author = leader.user if leader else manager
        old = Family.objects.create(
            name="Gezin Veldkamp",
            reference=OLD_REFERENCE,
            city="Assen",
            team=team,
            manager=manager,
            phase=Phase.AFGESLOTEN,
            phase_since=closed,
            opened_on=opened,
            closed_on=closed,
        )
        Member.objects.create(
            family=old, first_name="Lotte", last_name="Veldkamp", role="jeugdige", date_of_birth=dt.date(1995, 8, 12)
        )
        Member.objects.create(family=old, first_name="Ingrid", last_name="Veldkamp", role="ouder", relation="moeder")
        Assignment.objects.create(family=old, manager=manager, start=opened, author=author)
        PhaseChange.objects.create(family=old, to_phase=Phase.AANMELDING, on=opened, author=author)
        PhaseChange.objects.create(
            family=old,
            from_phase=Phase.AANMELDING,
            to_phase=Phase.AFGESLOTEN,
            on=closed,
            author=author,
            note="Hulp afgerond",
        )
