"""Detach one month of the access log for archiving: the month leaves the log whole, never row by row.

Run it as the owner role. It prints the commands that dump the detached table and then drop it; drop
it only after the dump is kept safely (the bewaartermijn of the log is the organisation's to decide).
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from privacy.partitions import PartitionError, access_log_partition_detach, parse_month


class Command(BaseCommand):
    help = "Koppelt de maandpartitie van het toegangslog los om te archiveren (niet deze of vorige maand)."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="YYYY-MM (UTC-maand)")

    def handle(self, *args, **options):
        try:
            month = parse_month(options["month"])
            name = access_log_partition_detach(month=month)
        except (ValueError, PartitionError) as error:
            raise CommandError(str(error)) from error
        database = connection.settings_dict["NAME"]
        self.stdout.write(f"losgekoppeld: {name}")
        self.stdout.write("archiveer en verwijder daarna met:")
        self.stdout.write(f"  pg_dump --format=custom --table=public.{name} --file={name}.dump {database}")
        self.stdout.write(f"  pg_restore --list {name}.dump  # controleer het archief")
        self.stdout.write(f'  psql {database} -c "DROP TABLE public.{name}"')
