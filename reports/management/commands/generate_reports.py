"""`manage.py generate_reports`: make last week's and last month's reports now, in this process.

For the demo (`make run`) and for catching up by hand; the schedule normally
does this through Celery. Generation is idempotent, so running it twice makes
no second report. `--if-empty` does nothing when any report exists already.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from reports.models import Report, ReportKind
from reports.periods import last_month, last_week
from reports.selectors import report_teams
from reports.services import report_generate


class Command(BaseCommand):
    help = "Make last week's and last month's team reports and last month's board report."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="only when there are no reports yet")

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Report.objects.exists():
            self.stdout.write("Er zijn al rapportages; niets aangemaakt.")
            return
        today = timezone.localdate()
        (week, week_end), (month, month_end) = last_week(today), last_month(today)
        made = 0
        for kind, start, end in ((ReportKind.WEEK_TEAM, week, week_end), (ReportKind.MONTH_TEAM, month, month_end)):
            for team in report_teams(start=start, end=end).order_by("name"):
                report_generate(kind=kind, team=team, period_start=start)
                made += 1
        report_generate(kind=ReportKind.MONTH_BOARD, period_start=month)
        self.stdout.write(f"{made + 1} rapportages gemaakt (week van {week:%d-%m-%Y}, maand {month:%m-%Y}).")
