"""Make the access log's coming month partitions now (the beat does it daily)."""

from django.core.management.base import BaseCommand

from privacy.partitions import access_log_partitions, access_log_partitions_ensure


class Command(BaseCommand):
    help = "Maakt de maandpartities van het toegangslog aan (deze maand en de komende maanden) en toont ze."

    def add_arguments(self, parser):
        parser.add_argument("--months-ahead", type=int, default=3)

    def handle(self, *args, **options):
        made = access_log_partitions_ensure(months_ahead=options["months_ahead"])
        self.stdout.write(f"aangemaakt: {', '.join(made) or 'geen'}")
        self.stdout.write(f"partities: {', '.join(access_log_partitions()) or 'geen (SQLite)'}")
