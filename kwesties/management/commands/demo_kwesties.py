"""`manage.py demo_kwesties`: kwesties on every level of the path, so the board's first screens are not empty.

Through the same services the gezinsmanager, the teamleider and the board use: one escalated to the board,
one at the team past its time (marked overdue as the hourly task would), one solved by the teamleider, one
still with its gezinsmanager. Each notice goes out as in real use (by e-mail to the console under make run).
"""

import datetime as dt

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, OrgRole, TeamRole, User
from casework.models import Family
from kwesties import services
from kwesties.models import Kwestie
from kwesties.tasks import mark_overdue

WAITING = (
    "GGZ Jeugd Noord start de traumabehandeling niet",
    "De kinderen wachten al veertien weken op traumabehandeling; zonder behandeling blijft de veiligheid laag.",
)
PARTNER = (
    "Jeugdhulp Oost levert de toegezegde gezinscoach niet",
    "De gezinscoach zou in week 40 starten; er is nog niemand geweest en het plan loopt vast op die afspraak.",
)
FORM = (
    "Het verwijsformulier van de gemeente vraagt alles wat al in het plan staat",
    "Dubbel werk bij elke verwijzing: een half uur per gezin.",
)
LAW = (
    "Geen plek in een gesloten setting in de regio",
    "Een jongere met een machtiging wacht thuis; de rechter vraagt om een plek.",
)


class Command(BaseCommand):
    help = "Kwesties op elk niveau (demo): bij het bestuur, over tijd bij het team, opgelost, nog bij de gezinsmanager."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="niets doen als er al kwesties zijn")

    @transaction.atomic
    def handle(self, *args, **opts):
        if opts["if_empty"] and Kwestie.objects.exists():
            self.stdout.write("Er zijn al kwesties; niets aangemaakt.")
            return
        leads = Membership.objects.active().filter(role=TeamRole.TEAMLEIDER).select_related("team", "user")
        first_lead: dict[int, Membership] = {}
        for lead in leads.order_by("team__name", "pk"):
            first_lead.setdefault(lead.team_id, lead)  # one teamleider per team, whatever the team has
        board = User.objects.filter(org_role=OrgRole.BESTUUR, is_active=True).exists()
        made = 0
        for lead in first_lead.values():
            families = list(
                Family.objects.filter(team=lead.team, closed_on__isnull=True, destroyed_at__isnull=True)
                .select_related("manager")
                .order_by("pk")[:4]
            )
            if len(families) < 2:
                continue
            made += self._team(lead, families, board=board)
            board = False  # one at the board is enough: the first team with room for it
        self.stdout.write(self.style.SUCCESS(f"{made} kwesties aangemaakt (een bij het bestuur, een over tijd)."))

    def _raise(self, family: Family, text: tuple[str, str], kind: str, partner: str = "") -> Kwestie:
        title, blocks = text
        return services.kwestie_raise(
            actor=family.manager, title=title, blocks=blocks, kind=kind, partner_name=partner, families=[family]
        )

    def _team(self, lead: Membership, families: list[Family], *, board: bool) -> int:
        first, second = families[0], families[1]
        worker = first.manager
        waiting = self._raise(first, WAITING, "wachtlijst", "GGZ Jeugd Noord")
        waiting = services.kwestie_escalate(actor=worker, kwestie=waiting, reason="Zelf gebeld en gemaild: geen datum")
        if board:  # the teamleider takes it up, then to the board: regional agreements are theirs
            waiting = services.kwestie_escalate(actor=lead.user, kwestie=waiting, reason="Speelt in meer gezinnen")
            services.kwestie_escalate(actor=lead.user, kwestie=waiting, reason="Afspraken met de regio nodig")
        partner = self._raise(second, PARTNER, "partner", "Jeugdhulp Oost")
        partner = services.kwestie_escalate(actor=second.manager, kwestie=partner, reason="Partner reageert niet")
        # Three weeks at the team without an answer: past the team's fourteen days, as the hourly task marks it.
        Kwestie.objects.filter(pk=partner.pk).update(level_since=timezone.now() - dt.timedelta(days=21))
        mark_overdue()  # the hourly task itself: marks it and tells its owner
        form = self._raise(first, FORM, "procedure")
        form = services.kwestie_escalate(actor=worker, kwestie=form, reason="Geldt voor het hele team")
        services.kwestie_resolve(
            actor=lead.user, kwestie=form, resolution="Met de gemeente afgesproken: het plan volstaat als bijlage."
        )
        self._raise(families[-1], LAW, "wet")
        return 4
