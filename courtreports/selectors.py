"""Reads of court reports, always through the family's own access rule ("not yours" is "not found")."""

from django.db.models import Prefetch
from django.http import Http404

from accounts.models import User
from casework import selectors as casework_selectors
from casework.court.models import CourtRequest
from casework.models import Family

from .models import CourtReport, CourtReportApproval, CourtReportVersion


def report_get_for_user(*, user: User, family_id: int, report_id: int) -> tuple[Family, CourtReport]:
    family = casework_selectors.family_get_for_user(user=user, family_id=family_id)
    report = (
        CourtReport.objects.filter(family=family, pk=report_id)
        .select_related("current__author", "request__measure__child", "request__child", "created_by", "document")
        .first()
    )
    if report is None:
        raise Http404("Rapport niet gevonden")
    report.family = family
    return family, report


def report_versions(*, report: CourtReport) -> list[CourtReportVersion]:
    """Every version, newest first, with its approvals (two queries)."""
    approvals = CourtReportApproval.objects.select_related("user").order_by("at", "id")
    return list(
        report.versions.select_related("author")
        .prefetch_related(Prefetch("approvals", queryset=approvals))
        .order_by("-number")
    )


def request_of_family(*, family: Family, request_id: int) -> CourtRequest:
    found = CourtRequest.objects.filter(family=family, pk=request_id).select_related("measure__child").first()
    if found is None:
        raise Http404("Verzoek niet gevonden")
    return found


def reports_by_request(*, family: Family) -> dict[int, CourtReport]:
    """The family's reports by the request they are for (one query): the court page's links."""
    return {r.request_id: r for r in CourtReport.objects.filter(family=family).select_related("current")}
