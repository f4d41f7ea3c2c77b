"""`manage.py demo_data`: see casework/demo for what it makes and why it is built this way."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.demo import DemoSecondFactorUnavailable, demo_second_factor_ensure, demo_totp_secret
from accounts.models import User
from casework.demo.builder import (
    Builder,
    history_timestamps_settable,
    next_batch,
    next_reference_number,
)
from casework.demo.court import add_court_work
from casework.demo.partners import add_partner_help
from casework.demo.texts import (
    DEFAULT_PASSWORD,
    LOGINS,
)
from casework.models import (
    Family,
)
from casework.services import family_summaries_rebuild


class Command(BaseCommand):
    help = "Maak een demo-organisatie: teams, medewerkers en gezinnen met hun geschiedenis."

    def add_arguments(self, parser):
        parser.add_argument("--families", type=int, default=300, help="aantal gezinnen (standaard 300)")
        parser.add_argument("--teams", type=int, default=3, help="aantal teams (standaard 3)")
        parser.add_argument("--gezinsmanagers-per-team", type=int, default=7, help="standaard 7")
        parser.add_argument("--seed", type=int, default=2026, help="voor reproduceerbare data (standaard 2026)")
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="wachtwoord van alle demo-gebruikers")
        parser.add_argument(
            "--contacts-per-month", type=float, default=2.0, help="gemiddeld aantal contacten per gezin per maand"
        )
        parser.add_argument("--months-min", type=int, default=6, help="kortste geschiedenis in maanden (standaard 6)")
        parser.add_argument("--months-max", type=int, default=18, help="langste geschiedenis in maanden (standaard 18)")
        parser.add_argument("--append", action="store_true", help="toevoegen, ook als er al gezinnen zijn")
        parser.add_argument("--if-empty", action="store_true", help="niets doen (zonder fout) als er al gezinnen zijn")

    def handle(self, *args, **opts):
        if opts["families"] < 0 or opts["teams"] < 1 or opts["gezinsmanagers_per_team"] < 1:
            raise CommandError("Geef minstens 1 team en 1 gezinsmanager per team op.")
        if opts["contacts_per_month"] <= 0 or not 1 <= opts["months_min"] <= opts["months_max"]:
            raise CommandError("--contacts-per-month moet positief zijn en 1 <= --months-min <= --months-max.")
        if Family.objects.exists() and not opts["append"]:
            if opts["if_empty"]:
                self.stdout.write("Er zijn al gezinnen; demo-data niet opnieuw aangemaakt.")
                if User.objects.filter(username=LOGINS[0][0]).exists():
                    self._print_logins(LOGINS, opts["password"])
                return
            raise CommandError("Er zijn al gezinnen in de database. Gebruik --append om demo-data toe te voegen.")

        began = time.monotonic()
        builder = Builder(
            seed=opts["seed"],
            contacts_per_month=opts["contacts_per_month"],
            months=(opts["months_min"], opts["months_max"]),
        )
        n = opts["families"]
        chunk = max(50, min(1000, int(40_000 / (opts["contacts_per_month"] * 12))))
        with transaction.atomic(), history_timestamps_settable():
            casts, logins = builder.organisation(
                n_teams=opts["teams"],
                per_team=opts["gezinsmanagers_per_team"],
                password=opts["password"],
                batch=next_batch(),
            )
            seq = next_reference_number()
            for first in range(0, n, chunk):
                drafts = [builder.family(casts[i % len(casts)], seq + i) for i in range(first, min(n, first + chunk))]
                builder.save(drafts)
                if n > chunk and opts["verbosity"] >= 1:
                    self.stdout.write(
                        f"  {builder.counts['families']}/{n} gezinnen, {builder.counts['contacts']} contacten "
                        f"({time.monotonic() - began:.0f} s)"
                    )
            builder.counts.update(add_partner_help(seed=opts["seed"]))
            builder.counts.update(add_court_work())
            # Contacts were bulk-loaded past the services: summarise them in one statement.
            builder.counts["family summaries"] = family_summaries_rebuild()

        elapsed = time.monotonic() - began
        self.stdout.write(self.style.SUCCESS(f"Demo-data aangemaakt in {elapsed:.1f} s:"))
        for key, value in builder.counts.items():
            self.stdout.write(f"  {value:>9}  {key}")
        self._print_logins(logins, opts["password"])

    def _print_logins(self, logins, password):
        if not logins:
            return
        self.stdout.write(f"\nDemo-gebruikers (wachtwoord: {password}):")
        for username, role in logins:
            self.stdout.write(f"  {username:<16} {role}")
        self._print_second_factor([username for username, _ in logins])

    def _print_second_factor(self, usernames):
        """Local demo only: the demo users share one TOTP secret (accounts.demo); elsewhere nothing."""
        demo_second_factor_ensure(usernames=usernames)
        try:
            secret = demo_totp_secret()
        except DemoSecondFactorUnavailable:
            return
        self.stdout.write(
            f"\nTweede stap: na het wachtwoord vraagt het inloggen een code. De demo-gebruikers delen één\n"
            f"TOTP-sleutel: {secret} (zet die in een authenticator-app), of haal de code\n"
            f"van dit moment op met `make code` (manage.py demo_code)."
        )
