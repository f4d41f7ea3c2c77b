"""Rebuild every family's summary row from its contacts (after a bulk load, or to repair)."""

from django.core.management.base import BaseCommand

from casework.services import family_summaries_rebuild


class Command(BaseCommand):
    help = "Bouw de gezinsoverzichten (laatste contact en scores per gezin) opnieuw op uit de contactmomenten."

    def handle(self, *args, **options) -> None:
        rows = family_summaries_rebuild()
        self.stdout.write(f"{rows} gezinsoverzichten opgebouwd.")
