"""`manage.py demo_reflections`: a year of quarterly reflections for the demo organisation.

Each senior holds a reflection with each gezinsmanager of their team about
every three months, through the same service a senior uses, so the events and
checks are real. Most are afgerond (the team aggregate shows from five
workers); the newest of some is still a concept, and a few workers missed the
last round, so the senior's overview and the reminders have something to show.
"""

import datetime as dt
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, Team, TeamRole
from reflection.models import NOT_APPLICABLE, Reflection, Source
from reflection.selectors import checklist_items, checklist_version_current
from reflection.services import reflection_create, reflection_worker_reflect

NOTES = [
    "Beide ouders kwamen aan het woord; de kinderen nog weinig.",
    "Sterk in het benoemen van wat al lukt.",
    "De centrale lijn werd samen met moeder opnieuw geformuleerd.",
    "Oma werd genoemd maar nog niet gevraagd.",
    "De afspraken waren concreet: wie, wat, wanneer en wie controleert.",
    "",
]
GOALS = [
    "Het netwerk eerder betrekken: bij het volgende huisbezoek samen een netwerkcirkel maken.",
    "Vader een eigen plek in het gesprek geven, ook als moeder het woord voert.",
    "Schaalvragen gebruiken om de centrale lijn concreet te maken.",
    "Veiligheidsafspraken afsluiten met wie controleert en wanneer.",
]
OWN = [
    "Ik merk dat ik snel meega met de ouder die het meest praat.",
    "Het lukte goed om zonder schuld over de zorgen te praten.",
    "Ik wil beter worden in het betrekken van de kinderen zelf.",
]


class Command(BaseCommand):
    help = "Reflecties (reflectie-instrument) voor de demo-organisatie."

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=4, help="aantal kwartalen terug (standaard 4)")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--if-empty", action="store_true", help="niets doen als er al reflecties zijn")

    @transaction.atomic
    def handle(self, *args, rounds, seed, if_empty, **opts):
        if Reflection.objects.exists():
            if not if_empty:
                self.stderr.write("Er zijn al reflecties; niets gedaan.")
            return
        version = checklist_version_current()
        if version is None:
            raise CommandError("Er is geen checklist in gebruik (draai eerst de migraties).")
        items = checklist_items(version=version)
        rng = random.Random(seed)  # noqa: S311 (reproducible demo data, not security)
        today = timezone.localdate()
        count = 0
        for team in Team.objects.order_by("name"):
            seniors = list(Membership.objects.active().filter(team=team, role=TeamRole.SENIOR).select_related("user"))
            workers = list(
                Membership.objects.active().filter(team=team, role=TeamRole.GEZINSMANAGER).select_related("user")
            )
            if not seniors:
                continue
            senior = seniors[0].user
            for index, membership in enumerate(workers):
                skips_last = index % 5 == 4  # one in five missed the last round: due for a reminder
                for round_back in range(rounds, 0 if skips_last else -1, -1):
                    held_on = today - dt.timedelta(days=91 * round_back + rng.randint(3, 20))
                    if held_on < membership.start:
                        continue
                    concept = round_back == 0 and index % 4 == 1
                    reflection = reflection_create(
                        actor=senior,
                        worker=membership.user,
                        team=team,
                        held_on=held_on,
                        source=rng.choice([Source.CASENOTE, Source.CASENOTE, Source.RECORDING]),
                        source_description=rng.choice(
                            ["Casenote over een huisbezoek", "Opname van een gesprek met beide ouders"]
                        ),
                        learning_goals=rng.choice(GOALS),
                        ratings={item.pk: self._rating(rng, rounds - round_back) for item in items},
                        complete=not concept,
                    )
                    if not concept:  # as if completed on the day it was held, so it falls in that quarter
                        completed = timezone.make_aware(dt.datetime.combine(held_on, dt.time(16)))
                        Reflection.objects.filter(pk=reflection.pk).update(completed_at=completed)
                    else:
                        reflection_worker_reflect(actor=membership.user, reflection=reflection, text=rng.choice(OWN))
                    count += 1
        self.stdout.write(f"{count} reflecties aangemaakt.")

    @staticmethod
    def _rating(rng, growth: int):
        """Ratings that grow a little over the year, now and then not applicable."""
        if rng.random() < 0.08:
            return (NOT_APPLICABLE, NOT_APPLICABLE, "Kwam in dit gesprek niet aan de orde.")
        base = 2 + (growth >= 2)
        adherence = max(1, min(4, base + rng.choice([-1, 0, 0, 1])))
        competence = max(1, min(4, base + rng.choice([-1, -1, 0, 1])))
        return (adherence, competence, rng.choice(NOTES))
