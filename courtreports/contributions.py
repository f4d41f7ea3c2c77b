"""What court reports add elsewhere: the link on each request of the court page, the family timeline."""

from django.urls import reverse
from django.utils.translation import gettext as _

from casework.access import known_access
from casework.extensions import COURT_REQUEST_LINKS, TIMELINE
from casework.timeline import TimelineEntry

from .models import CourtReportApproval, CourtReportVersion
from .selectors import reports_by_request


def request_links(*, request, family, user):
    """ "Rapport" for a request with one, "Rapport opstellen" for a pending one the user may write.

    Called per request shown: the family's reports are read once, on the first call, and kept on the
    family object for the rest of the page (one query whatever the number of requests).
    """
    if "_court_reports" not in family.__dict__:
        family.__dict__["_court_reports"] = reports_by_request(family=family)
    report = family.__dict__["_court_reports"].get(request.pk)
    if report is not None:
        url = reverse("courtreports:detail", kwargs={"family_id": family.pk, "report_id": report.pk})
        return [(_("rapport (%(status)s)") % {"status": report.get_status_display()}, url)]
    known = known_access(user=user, family=family)
    if request.is_pending and known is not None and known.write(family):
        url = reverse("courtreports:start", kwargs={"family_id": family.pk, "request_id": request.pk})
        return [(_("rapport opstellen"), url)]
    return []


def versions(*, family, limit, user=None):
    qs = (
        CourtReportVersion.objects.filter(report__family=family)
        .select_related("author", "report__request")
        .order_by("-created_at", "-id")
    )
    rows = list(qs[:limit] if limit else qs)
    return [
        TimelineEntry(
            at=v.created_at,
            kind="court-report",
            title=_("Rapport aan de rechtbank, versie %(n)s") % {"n": v.number},
            author=v.author,
            body=v.change_note,
            extra={
                "url": reverse("courtreports:detail", kwargs={"family_id": family.pk, "report_id": v.report_id}),
                "link_text": _("naar het rapport"),
            },
        )
        for v in rows
    ]


def approvals(*, family, limit, user=None):
    qs = (
        CourtReportApproval.objects.filter(report__family=family)
        .select_related("user", "version")
        .order_by("-at", "-id")
    )
    rows = list(qs[:limit] if limit else qs)
    return [
        TimelineEntry(
            at=a.at,
            kind="court-report-approval",
            title=_("Rapport aan de rechtbank (versie %(n)s) goedgekeurd door de %(role)s")
            % {"n": a.version.number, "role": a.get_role_display()},
            author=a.user,
        )
        for a in rows
    ]


def register_all() -> None:
    COURT_REQUEST_LINKS.register("courtreports.report", request_links)
    TIMELINE.register("courtreports.versions", versions)
    TIMELINE.register("courtreports.approvals", approvals)
