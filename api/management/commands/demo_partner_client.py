"""A partner client for the demo, so the partner API can be tried with `make run`.

Only with DEBUG on: in production functioneel beheer creates clients in the
admin, and a secret printed to a console would be a leak.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from api.models import PartnerClient
from api.services import partner_client_create
from casework.partners.models import Partner

DEMO_PARTNER = "Jeugdhulp Oost"


class Command(BaseCommand):
    help = "Maak een API-client voor de demopartner en toon het geheim (alleen met DEBUG)."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Niets doen als er al een API-client is.")

    def handle(self, *args, if_empty: bool = False, **options):
        if not settings.DEBUG:
            raise CommandError("Alleen voor de demo (DEBUG): maak echte clients in het beheer.")
        if if_empty and PartnerClient.objects.exists():
            self.stdout.write("Er is al een API-client; een nieuw geheim maakt functioneel beheer in /admin/.")
            return
        partner = Partner.objects.filter(name=DEMO_PARTNER).first()
        if partner is None:
            raise CommandError(f"Demopartner {DEMO_PARTNER} ontbreekt: draai eerst demo_data.")
        client, secret = partner_client_create(
            actor=User.objects.get(username="beheer"),
            partner=partner,
            name=f"{DEMO_PARTNER} – registratiesysteem (demo)",
            scopes=list(settings.API_SCOPES),
            purpose="Demo: afstemmen van de hulp met de gezinsmanager",
        )
        self.stdout.write(
            f"\nPartner-API (docs: /api/v1/docs), client voor {partner}:\n"
            f"  client_id:     {client.client_id}\n"
            f"  client_secret: {secret}\n"
            '  curl -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials '
            "http://127.0.0.1:8000/api/v1/oauth/token\n"
        )
