"""The report as a PDF (WeasyPrint, the chart as SVG) and as an editable Word file (python-docx, the
chart as a PNG drawn from the same geometry), both with the court's case number."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document as WordDocument
from docx.shared import Cm, Pt
from PIL import Image, ImageDraw

from casework import selectors as casework_selectors
from core.charts import ScoreChart, score_chart
from core.pdf import render_pdf

from .drafting import SECTIONS
from .models import CourtReport, CourtReportVersion

SAFETY_COLOUR = (11, 61, 110)
LIJN_COLOUR = (178, 69, 0)
PNG_SCALE = 2


def _chart(report: CourtReport) -> ScoreChart | None:
    return score_chart(casework_selectors.contact_score_series(family=report.family))


def _heading(report: CourtReport) -> dict[str, str]:
    request = report.request
    return {
        "title": _("Rapport aan de rechtbank: %(kind)s") % {"kind": request.get_kind_display()},
        "family": report.family.name,
        "reference": report.family.reference,
        "court": request.court or "",
        "case_number": request.case_number or "",
    }


def _sections(version: CourtReportVersion) -> list[tuple[str, str, str]]:
    return [(s.key, str(s.title), version.sections.get(s.key, "")) for s in SECTIONS]


def report_pdf(*, report: CourtReport, version: CourtReportVersion | None) -> bytes:
    """The version as a printable PDF: heading with case number, every section, the chart after the scores."""
    assert version is not None
    context = {
        "report": report,
        "version": version,
        "heading": _heading(report),
        "sections": _sections(version),
        "chart": _chart(report),
        "approvals": list(report.approvals.filter(version=version).select_related("user")),
        "printed_at": timezone.localtime(),
    }
    return render_pdf(template_name="courtreports/report_pdf.html", context=context)


def chart_png(chart: ScoreChart) -> bytes:
    """The score chart drawn as a PNG for Word, from the chart's own points (same scale as the page)."""
    s = PNG_SCALE
    image = Image.new("RGB", (chart.width * s, chart.height * s), "white")
    draw = ImageDraw.Draw(image)
    for value, y in chart.gridlines:
        draw.line([(chart.plot_left * s, y * s), (chart.plot_right * s, y * s)], fill=(210, 210, 210), width=s)
        draw.text(((chart.label_x - 14) * s, (y - 6) * s), str(value), fill=(60, 60, 60))
    for points, colour in ((chart.safety, SAFETY_COLOUR), (chart.lijn, LIJN_COLOUR)):
        xy = [(p.x * s, p.y * s) for p in points]
        if len(xy) > 1:
            draw.line(xy, fill=colour, width=3 * s)
        for x, y in xy:
            draw.ellipse([x - 3 * s, y - 3 * s, x + 3 * s, y + 3 * s], fill=colour)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def report_docx(*, report: CourtReport, version: CourtReportVersion) -> bytes:
    """The version as an editable Word file: the same heading and sections, the chart as a picture."""
    heading = _heading(report)
    doc = WordDocument()
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading(heading["title"], level=0)
    facts = doc.add_table(rows=0, cols=2)
    for label, value in [
        (_("Gezin"), heading["family"]),
        (_("Dossiernummer"), heading["reference"]),
        (_("Rechtbank"), heading["court"]),
        (_("Zaaknummer"), heading["case_number"]),
        (_("Versie"), f"{version.number} ({timezone.localtime(version.created_at):%d-%m-%Y})"),
    ]:
        row = facts.add_row().cells
        row[0].text, row[1].text = label, value or "-"
    chart = _chart(report)
    for key, title, text in _sections(version):
        doc.add_heading(title, level=1)
        for paragraph in (text or _("(nog niet ingevuld)")).split("\n"):
            doc.add_paragraph(paragraph)
        if key == "scores" and chart is not None:
            doc.add_picture(io.BytesIO(chart_png(chart)), width=Cm(16))
            doc.add_paragraph(_("Doorgetrokken: actuele veiligheid; oranje: centrale lijn (0 tot 10)."))
    approvals = list(report.approvals.filter(version=version).select_related("user"))
    if approvals:
        doc.add_heading(_("Goedgekeurd"), level=1)
        for approval in approvals:
            when = timezone.localtime(approval.at)
            doc.add_paragraph(f"{approval.get_role_display()}: {approval.user}, {when:%d-%m-%Y}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
