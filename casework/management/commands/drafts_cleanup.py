"""Drop expired drafts and kept posts (also daily in Celery beat: casework.drafts_cleanup)."""

from django.core.management.base import BaseCommand

from casework.drafts.services import drafts_delete_expired


class Command(BaseCommand):
    help = "Verwijder verlopen concepten en bewaarde invoer."

    def handle(self, *args, **options) -> None:
        removed = drafts_delete_expired()
        self.stdout.write(f"{removed} verlopen concepten en bewaarde invoer verwijderd.")
