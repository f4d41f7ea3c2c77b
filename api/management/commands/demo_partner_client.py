"""A partner client for the demo, so the partner API can be tried with `make run`.

Only with DEBUG on: in production functioneel beheer creates clients in the
admin, and a secret printed to a console would be a leak.
"""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from api.models import PartnerClient
from api.services import partner_client_create, partner_client_new_secret
from casework.partners.models import Partner

DEMO_PARTNER = "Jeugdhulp Oost"


class Command(BaseCommand):
    help = "Maak een API-client voor de demopartner en toon het geheim (alleen met DEBUG)."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Niets doen als er al een API-client is.")
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="Geef een (nieuw) geheim voor de democlient als JSON, voor de benchmark en de loadtest.",
        )
        parser.add_argument(
            "--base-url", default="http://127.0.0.1:8000", help="waar de app draait, voor het curl-voorbeeld"
        )

    def handle(self, *args, if_empty: bool = False, as_json: bool = False, base_url: str = "", **options):
        if not settings.DEBUG:
            raise CommandError("Alleen voor de demo (DEBUG): maak echte clients in het beheer.")
        if as_json:
            self._json()
            return
        if if_empty and PartnerClient.objects.exists():
            self.stdout.write("Er is al een API-client; een nieuw geheim maakt functioneel beheer in /admin/.")
            return
        client, secret = self._create()
        partner = client.partner
        self.stdout.write(
            f"\nPartner-API (docs: /api/v1/docs), client voor {partner}:\n"
            f"  client_id:     {client.client_id}\n"
            f"  client_secret: {secret}\n"
            '  curl -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials '
            f"{(base_url or 'http://127.0.0.1:8000').rstrip('/')}/api/v1/oauth/token\n"
        )

    def _create(self) -> tuple[PartnerClient, str]:
        partner = Partner.objects.filter(name=DEMO_PARTNER).first()
        if partner is None:
            raise CommandError(f"Demopartner {DEMO_PARTNER} ontbreekt: draai eerst demo_data.")
        return partner_client_create(
            actor=User.objects.get(username="beheer"),
            partner=partner,
            name=f"{DEMO_PARTNER} – registratiesysteem (demo)",
            scopes=list(settings.API_SCOPES),
            purpose="Demo: afstemmen van de hulp met de gezinsmanager",
        )

    def _json(self) -> None:
        """The demo client and a fresh secret (its old tokens end), made first when there is none.

        Used by scripts/api_benchmark.py and `make loadtest`, which need a working
        secret each run and cannot read one that is stored hashed.
        """
        client = PartnerClient.objects.filter(partner__name=DEMO_PARTNER, active=True).first()
        if client is None:
            client, secret = self._create()
        else:
            secret = partner_client_new_secret(actor=User.objects.get(username="beheer"), client=client)
        self.stdout.write(json.dumps({"client_id": client.client_id, "client_secret": secret}))
