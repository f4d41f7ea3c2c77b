"""A court report: the report itself (its status, the request it is for), its versions, its approvals."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.concurrency import Versioned
from core.models import AppendOnlyModel

User = settings.AUTH_USER_MODEL


class ReportStatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    TER_GOEDKEURING = "ter_goedkeuring", _("ter goedkeuring")
    GOEDGEKEURD = "goedgekeurd", _("goedgekeurd")
    VERZONDEN = "verzonden", _("verzonden")


class ApprovalRole(models.TextChoices):
    GEDRAGSWETENSCHAPPER = "gedragswetenschapper", _("gedragswetenschapper")
    TEAMLEIDER = "teamleider", _("teamleider")


class CourtReport(Versioned):
    """The report for one request to the court; its text lives in its versions."""

    family = models.ForeignKey("casework.Family", on_delete=models.PROTECT, related_name="court_reports")
    request = models.OneToOneField(
        "casework.CourtRequest", on_delete=models.PROTECT, related_name="report", verbose_name=_("verzoek")
    )
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.CONCEPT)
    current = models.ForeignKey("CourtReportVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    sent_on = models.DateField(_("verzonden op"), null=True, blank=True)
    sent_to = models.CharField(_("verzonden aan"), max_length=120, blank=True)
    document = models.ForeignKey("casework.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rapport aan de rechtbank")
        verbose_name_plural = _("rapporten aan de rechtbank")

    def __str__(self) -> str:
        return f"Rapport {self.request}"


class CourtReportVersion(AppendOnlyModel):
    """One saved state of the whole report: every section's text, and what the file said when it was drafted."""

    report = models.ForeignKey(CourtReport, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    sections = models.JSONField(default=dict)
    change_note = models.CharField(_("wat is er veranderd"), max_length=300, blank=True)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="courtreport_version_unique")]


class CourtReportApproval(AppendOnlyModel):
    """A gedragswetenschapper's or teamleider's approval of one version (a later version needs its own)."""

    report = models.ForeignKey(CourtReport, on_delete=models.PROTECT, related_name="approvals")
    version = models.ForeignKey(CourtReportVersion, on_delete=models.PROTECT, related_name="approvals")
    role = models.CharField(_("als"), max_length=30, choices=ApprovalRole.choices)
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["version", "role"], name="courtreport_approval_once_per_role")]
