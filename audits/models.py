"""The annual team audit: cycles, team audits, file sampling, findings and improvement actions.

Checklists (the file check and the conversation questions) are data, kept in
versions: an audit points at the version it was held with, so publishing a new
version never changes an old audit. History (status changes of an audit and of
its improvement actions) is append-only, with the acting user.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core import limits
from core.concurrency import Versioned
from core.fields import LimitedTextField
from core.models import AppendOnlyModel


class ChecklistFrozen(Exception):
    """Raised when code tries to change an item of a published checklist version."""


class ChecklistPurpose(models.TextChoices):
    FILE_CHECK = "dossiertoets", _("dossiertoets")
    CONVERSATION = "kwaliteitsgesprek", _("vragen voor het kwaliteitsgesprek")


class Outcome(models.TextChoices):
    POPULATION = "populatie", _("populatie-uitkomst: ieder kind blijvend veilig")
    ORGANISATION = "organisatie", _("organisatie-uitkomst: waardewerk")


class Checklist(models.Model):
    purpose = models.CharField(_("doel"), max_length=30, choices=ChecklistPurpose.choices, unique=True)
    name = models.CharField(_("naam"), max_length=120)

    class Meta:
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")
        ordering = ["purpose"]

    def __str__(self) -> str:
        return self.name


class ChecklistVersion(models.Model):
    """One version of a checklist. Once published its items are frozen; a change means a new version."""

    checklist = models.ForeignKey(Checklist, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    note = models.CharField(_("wat is er veranderd"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("checklistversie")
        verbose_name_plural = _("checklistversies")
        ordering = ["checklist", "-number"]
        constraints = [models.UniqueConstraint(fields=["checklist", "number"], name="audit_checklist_version_unique")]

    def __str__(self) -> str:
        return f"{self.checklist} v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class ChecklistItem(models.Model):
    version = models.ForeignKey(ChecklistVersion, on_delete=models.PROTECT, related_name="items")
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    text = models.CharField(_("vraag of kernelement"), max_length=300)
    guidance = LimitedTextField(_("toelichting"), blank=True, max_length=limits.ANSWER)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices, blank=True)

    class Meta:
        verbose_name = _("checklistonderdeel")
        verbose_name_plural = _("checklistonderdelen")
        ordering = ["version", "position", "id"]

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs):
        # A published version is what audits were held with: its items never change.
        if ChecklistVersion.objects.filter(pk=self.version_id, published_at__isnull=False).exists():
            raise ChecklistFrozen(f"{self.version} is published: make a new version")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if ChecklistVersion.objects.filter(pk=self.version_id, published_at__isnull=False).exists():
            raise ChecklistFrozen(f"{self.version} is published: make a new version")
        return super().delete(*args, **kwargs)


class AuditCycle(models.Model):
    year = models.PositiveIntegerField(_("jaar"), unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("auditronde")
        verbose_name_plural = _("auditrondes")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class AuditStatus(models.TextChoices):
    PLANNED = "gepland", _("gepland")
    PREPARATION = "voorbereiding", _("voorbereiding")
    CONVERSATION = "gesprek", _("gesprek")
    FINISHED = "afgerond", _("afgerond")


# The statuses in which the auditors read the sampled files (see audits.access).
OPEN_STATUSES = (AuditStatus.PREPARATION, AuditStatus.CONVERSATION)


class TeamAudit(models.Model):
    cycle = models.ForeignKey(AuditCycle, on_delete=models.PROTECT, related_name="audits", verbose_name=_("ronde"))
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="audits")
    planned_on = models.DateField(_("gepland op"))
    status = models.CharField(_("status"), max_length=20, choices=AuditStatus.choices, default=AuditStatus.PLANNED)
    sample_size = models.PositiveSmallIntegerField(_("aantal dossiers in de steekproef"), default=10)
    sample_seed = models.BigIntegerField(_("startgetal steekproef"), null=True, blank=True, editable=False)
    file_checklist = models.ForeignKey(
        ChecklistVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    questions = models.ForeignKey(
        ChecklistVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    snapshot_taken_at = models.DateTimeField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("teamaudit")
        verbose_name_plural = _("teamaudits")
        ordering = ["-cycle__year", "team__name"]
        constraints = [models.UniqueConstraint(fields=["cycle", "team"], name="team_audit_once_per_cycle")]

    def __str__(self) -> str:
        return f"{self.team} {self.cycle}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class AuditorKind(models.TextChoices):
    AUDITOR = "auditor", _("auditor")
    PEER = "peer", _("collega uit een ander team")


class AuditorAssignment(models.Model):
    """An auditor of one audit: an organisation auditor, or a peer from another team (never the audited team).

    Who may audit is `audits.services.auditor_validate`'s rule, which also sets
    `kind`: the service checks it when planning, the admin's inline form when
    functioneel beheer adds one.
    """

    audit = models.ForeignKey(TeamAudit, on_delete=models.CASCADE, related_name="auditor_assignments")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="audit_assignments", verbose_name=_("wie"))
    kind = models.CharField(_("als"), max_length=20, choices=AuditorKind.choices)

    class Meta:
        verbose_name = _("auditor")
        verbose_name_plural = _("auditoren")
        constraints = [models.UniqueConstraint(fields=["audit", "user"], name="auditor_once_per_audit")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_kind_display()})"


class TeamAuditEvent(AppendOnlyModel):
    """What happened to an audit, and who did it: status changes, figures frozen, sample drawn."""

    audit = models.ForeignKey(TeamAudit, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, choices=AuditStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=AuditStatus.choices, blank=True)
    note = models.CharField(max_length=300, blank=True)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["at", "id"]


class SampledFile(Versioned):
    """A file drawn for the audit; its version moves with every file check, so two auditors cannot overwrite."""

    audit = models.ForeignKey(TeamAudit, on_delete=models.PROTECT, related_name="sampled_files")
    family = models.ForeignKey("casework.Family", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["audit", "position"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "family"], name="sampled_family_once"),
            models.UniqueConstraint(fields=["audit", "position"], name="sampled_position_once"),
        ]

    def __str__(self) -> str:
        return f"{self.audit} #{self.position}"


class CheckAnswer(models.TextChoices):
    YES = "ja", _("ja")
    PARTLY = "deels", _("deels")
    NO = "nee", _("nee")
    NA = "nvt", _("n.v.t.")


class FileCheck(models.Model):
    sampled_file = models.ForeignKey(SampledFile, on_delete=models.PROTECT, related_name="checks")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="file_checks")
    answer = models.CharField(_("antwoord"), max_length=10, choices=CheckAnswer.choices)
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sampled_file", "item"], name="file_check_once_per_item")]

    def __str__(self) -> str:
        return f"{self.sampled_file}: {self.get_answer_display()}"


class QuestionResponse(models.Model):
    """The team's own view on one conversation question (written by the teamleider)."""

    audit = models.ForeignKey(TeamAudit, on_delete=models.PROTECT, related_name="responses")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="+")
    team_view = LimitedTextField(_("visie van het team"), blank=True, max_length=limits.NOTE)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["audit", "item"], name="response_once_per_question")]

    def __str__(self) -> str:
        return f"{self.audit}: {self.item}"


class FindingKind(models.TextChoices):
    # Declared in the order the report shows them: strengths first.
    STRENGTH = "sterkte", _("sterkte")
    IMPROVE = "verbeterpunt", _("verbeterpunt")


class Finding(models.Model):
    audit = models.ForeignKey(TeamAudit, on_delete=models.PROTECT, related_name="findings")
    kind = models.CharField(_("soort"), max_length=20, choices=FindingKind.choices)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices)
    text = LimitedTextField(_("bevinding"), max_length=limits.NOTE)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        # "sterkte" sorts before "verbeterpunt": strengths first.
        ordering = ["kind", "outcome", "at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class ActionStatus(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "loopt", _("loopt")
    DONE = "gereed", _("gereed")
    DROPPED = "vervallen", _("vervallen")


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class ImprovementAction(models.Model):
    audit = models.ForeignKey(TeamAudit, on_delete=models.PROTECT, related_name="actions")
    description = models.CharField(_("verbeteractie"), max_length=300)
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="audit_actions", verbose_name=_("eigenaar"))
    due_on = models.DateField(_("uiterlijk"))
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["audit", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in ActionStatus]), name="improvement_action_status_valid"
            )
        ]

    def __str__(self) -> str:
        return self.description


class ImprovementActionChange(AppendOnlyModel):
    action = models.ForeignKey(ImprovementAction, on_delete=models.PROTECT, related_name="changes")
    from_status = models.CharField(max_length=20, choices=ActionStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ActionStatus.choices)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["at", "id"]
