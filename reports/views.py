"""Pages of the reports: the list, one report (page, PDF, CSV), and failed reports for beheer.

Thin and read-only: pages read stored reports and never generate one; the
retry button only queues the Celery task. Reading a weekly team report (it
names families) writes every named family to the access log, channel
"rapportage", whichever of the three forms is read.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.pdf import pdf_response
from privacy.models import Action, Channel
from privacy.services import access_log_page

from . import selectors, services
from .charts import report_charts
from .exports import CSV_BOM, report_csv
from .models import ReportKind


def _read(request, report_id: int, *, action: str):
    """The report, if this user may read it, with the access-log rows for the families it names."""
    report = selectors.report_get_for_user(user=request.user, report_id=report_id)
    access_log_page(
        request=request,
        what=f"rapportage {report.pk}",
        viewed=report.named_family_ids,
        channel=Channel.REPORT,
        action=action,
    )
    return report


def _filename(report, ext: str) -> str:
    who = report.team.name if report.team_id else "organisatie"
    safe = "".join(c if c.isalnum() else "-" for c in who).strip("-").lower()
    return f"rapportage-{report.kind}-{safe}-{report.period_start:%Y-%m-%d}.{ext}"


def report_list(request):
    reports = selectors.report_list_for_user(user=request.user)
    groups = [(label, [r for r in reports if r.kind == value]) for value, label in ReportKind.choices]
    return render(request, "reports/list.html", {"groups": [(label, rs) for label, rs in groups if rs]})


def _context(report) -> dict:
    return {"report": report, "data": report.data, "charts": report_charts(kind=report.kind, data=report.data)}


def report_detail(request, report_id: int):
    report = _read(request, report_id, action=Action.VIEW)
    return render(request, "reports/detail.html", _context(report))


def report_pdf(request, report_id: int):
    report = _read(request, report_id, action=Action.PRINT)
    return pdf_response(
        template_name="reports/detail_pdf.html",
        context=_context(report),
        filename=_filename(report, "pdf"),
        request=request,
    )


def report_csv_download(request, report_id: int):
    report = _read(request, report_id, action=Action.PRINT)
    response = HttpResponse(
        CSV_BOM + report_csv(kind=report.kind, data=report.data), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "csv")}"'
    response["Cache-Control"] = "no-store"
    return response


def report_failed(request):
    reports = selectors.report_failed_list(user=request.user)
    return render(request, "reports/failed.html", {"reports": reports})


@require_POST
def report_retry(request, report_id: int):
    report = selectors.report_get_for_user(user=request.user, report_id=report_id, write=True)
    services.report_retry(actor=request.user, report=report)
    messages.success(request, _("De rapportage wordt opnieuw gemaakt."))
    return redirect("reports:failed")
