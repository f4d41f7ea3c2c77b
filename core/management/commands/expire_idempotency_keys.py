"""Remove the one-time tokens of creates older than IDEMPOTENCY_KEY_DAYS."""

from django.core.management.base import BaseCommand

from core.idempotency import idempotency_keys_expire


class Command(BaseCommand):
    help = "Verwijdert eenmalige sleutels van formulieren en API-verzoeken die ouder zijn dan IDEMPOTENCY_KEY_DAYS."

    def handle(self, *args: object, **options: object) -> None:
        deleted = idempotency_keys_expire()
        self.stdout.write(f"{deleted} verlopen sleutels verwijderd.")
