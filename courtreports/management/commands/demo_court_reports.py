"""`manage.py demo_court_reports`: a court report in progress for the demo's request in preparation.

Through the same services the gezinsmanager uses: the report is drafted from
the file, and the worker has written the analysis and the child's words; the
parents' view and the request's grounds are still to be written, so the report
page shows both kinds of section and the approval is still to come.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from casework.court.models import CourtRequest, RequestKind, RequestStatus
from courtreports import services as svc
from courtreports.models import CourtReport

ANALYSE = (
    "Sinds de vorige verlenging is de veiligheid in huis gestegen: er zijn geen meldingen meer en de afspraken "
    "over het slapen en het ophalen van school worden nagekomen. Het netwerk draagt nog weinig: de centrale lijn "
    "blijft achter bij de veiligheid. Zonder maatregel vallen de afspraken naar verwachting terug."
)
CHILD = "Het kind zegt: 'Het is nu rustiger thuis. Ik wil dat het zo blijft, ook als jij niet meer komt.'"


class Command(BaseCommand):
    help = "Een rapport aan de rechtbank in voorbereiding voor het demo-verzoek tot verlenging."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="niets doen als er al rapporten zijn")

    @transaction.atomic
    def handle(self, *args, **opts):
        if opts["if_empty"] and CourtReport.objects.exists():
            self.stdout.write("Er zijn al rapporten aan de rechtbank; niets aangemaakt.")
            return
        request = (
            CourtRequest.objects.filter(
                kind=RequestKind.VERLENGING, status=RequestStatus.VOORBEREIDING, report__isnull=True
            )
            .select_related("family__manager")
            .order_by("pk")
            .first()
        )
        if request is None:
            self.stdout.write("Geen verzoek in voorbereiding; geen rapport aangemaakt.")
            return
        actor = request.family.manager
        report = svc.report_start(actor=actor, request=request)
        svc.report_section_save(actor=actor, report=report, key="analyse", text=ANALYSE, change_note="Analyse")
        report.refresh_from_db()
        svc.report_section_save(actor=actor, report=report, key="visie_kind", text=CHILD, change_note="Gesprek kind")
        self.stdout.write(self.style.SUCCESS(f"Rapport aan de rechtbank in voorbereiding voor {request.family}."))
