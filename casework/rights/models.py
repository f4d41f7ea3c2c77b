"""A privacy request about one family's file, and the history of its steps."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import limits
from core.concurrency import Versioned
from core.fields import LimitedTextField
from core.models import AppendOnlyModel

User = settings.AUTH_USER_MODEL


class PrivacyRequestKind(models.TextChoices):
    INZAGE = "inzage", _("inzage")
    KOPIE = "kopie", _("kopie van het dossier")
    CORRECTIE = "correctie", _("correctie of aanvulling")
    VERNIETIGING = "vernietiging", _("vernietiging")
    BEZWAAR = "bezwaar", _("bezwaar tegen verwerking")
    BEPERKING = "beperking", _("beperking van de verwerking")


class RequesterRelation(models.TextChoices):
    OUDER = "ouder", _("ouder met gezag")
    OUDER_ZONDER_GEZAG = "ouder_zonder_gezag", _("ouder zonder gezag")
    JEUGDIGE = "jeugdige", _("jeugdige (12 jaar of ouder)")
    VERTEGENWOORDIGER = "vertegenwoordiger", _("wettelijk vertegenwoordiger of advocaat")
    ANDERS = "anders", _("anders")


class PrivacyRequestStatus(models.TextChoices):
    OPEN = "open", _("in behandeling")
    TOEGEWEZEN = "toegewezen", _("toegewezen")
    DEELS = "deels", _("deels toegewezen")
    AFGEWEZEN = "afgewezen", _("afgewezen")
    INGETROKKEN = "ingetrokken", _("ingetrokken")


class PrivacyRequest(Versioned):
    """A request under the AVG or the Jeugdwet, registered the day it came in, decided within its term."""

    family = models.ForeignKey("casework.Family", on_delete=models.PROTECT, related_name="privacy_requests")
    kind = models.CharField(_("soort verzoek"), max_length=20, choices=PrivacyRequestKind.choices)
    requester_name = models.CharField(_("verzoeker"), max_length=120)
    requester_relation = models.CharField(_("relatie tot het gezin"), max_length=20, choices=RequesterRelation.choices)
    received_on = models.DateField(_("ontvangen op"))
    due_on = models.DateField(_("beslissen uiterlijk op"))
    extended = models.BooleanField(_("termijn verlengd"), default=False)
    extension_reason = LimitedTextField(_("reden verlenging"), max_length=limits.REASON, blank=True)
    description = LimitedTextField(_("wat wordt gevraagd"), max_length=limits.ANSWER, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PrivacyRequestStatus.choices, default=PrivacyRequestStatus.OPEN
    )
    decided_on = models.DateField(_("beslist op"), null=True, blank=True)
    decision_note = LimitedTextField(_("beslissing en reden"), max_length=limits.ANSWER, blank=True)
    handled_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    registered_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("privacyverzoek")
        verbose_name_plural = _("privacyverzoeken")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"], name="privacyrequest_open_due")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.received_on:%d-%m-%Y})"


class PrivacyRequestEvent(AppendOnlyModel):
    """One step of a request: registered, extended, decided, withdrawn; with who and why."""

    request = models.ForeignKey(PrivacyRequest, on_delete=models.PROTECT, related_name="events")
    step = models.CharField(max_length=20)
    to_status = models.CharField(max_length=20, choices=PrivacyRequestStatus.choices)
    note = LimitedTextField(max_length=limits.ANSWER, blank=True)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class FamilyStatement(AppendOnlyModel):
    """The family's own statement, added to the file when a correction was refused (AVG, Jeugdwet art. 7.3.10).

    Shown wherever the disputed text is shown: with the contact it is about on the
    timeline, or on its own when it is about the file as a whole.
    """

    family = models.ForeignKey("casework.Family", on_delete=models.PROTECT, related_name="statements")
    request = models.ForeignKey(PrivacyRequest, on_delete=models.PROTECT, related_name="statements")
    contact = models.ForeignKey(
        "casework.Contact", on_delete=models.PROTECT, null=True, blank=True, related_name="statements"
    )
    by_name = models.CharField(_("van"), max_length=120)
    text = LimitedTextField(_("verklaring"), max_length=limits.ANSWER)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class ExportStatus(models.TextChoices):
    CONCEPT = "concept", _("in voorbereiding")
    VRIJGEGEVEN = "vrijgegeven", _("vrijgegeven")


class FileExport(Versioned):
    """A family's whole file put together for inzage or a copy: redacted first, then released once."""

    request = models.OneToOneField(PrivacyRequest, on_delete=models.PROTECT, related_name="export")
    family = models.ForeignKey("casework.Family", on_delete=models.PROTECT, related_name="+")
    # A youth's own request: only what concerns this child (casework.rights.export.file_parts).
    child = models.ForeignKey("casework.Member", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # The parts given (empty: all); for a parent without authority what the law allows, decided and recorded.
    parts = models.JSONField(default=list, blank=True)
    scope_note = LimitedTextField(_("wat de verzoeker krijgt en waarom"), max_length=limits.REASON, blank=True)
    status = models.CharField(max_length=20, choices=ExportStatus.choices, default=ExportStatus.CONCEPT)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    released_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    released_at = models.DateTimeField(null=True, blank=True)


class Redaction(AppendOnlyModel):
    """One item left out of an export (what concerns a third party), with why; kept with the export."""

    export = models.ForeignKey(FileExport, on_delete=models.PROTECT, related_name="redactions")
    part = models.CharField(max_length=30)
    item_id = models.PositiveBigIntegerField()
    reason = LimitedTextField(_("reden"), max_length=limits.REASON)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["export", "part", "item_id"], name="redaction_once_per_item")]


class DestructionStatus(models.TextChoices):
    VOORGESTELD = "voorgesteld", _("voorgesteld, wacht op akkoord")
    EEN_AKKOORD = "een_akkoord", _("één akkoord, wacht op het tweede")
    VERNIETIGD = "vernietigd", _("vernietigd")
    AFGEWEZEN = "afgewezen", _("niet vernietigd")


OPEN_DESTRUCTION = (DestructionStatus.VOORGESTELD, DestructionStatus.EEN_AKKOORD)


class FileDestruction(Versioned):
    """A proposal to destroy one family's file: past its date (the daily task) or on request.

    Two people agree before anything is removed: the privacy officer and a second person
    (the privacy officer's colleague or the family's teamleider); either may refuse with a
    reason (a pending court case), and a refused proposal waits until `review_on`.
    """

    family = models.ForeignKey("casework.Family", on_delete=models.PROTECT, related_name="destructions")
    request = models.ForeignKey(
        PrivacyRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="destructions"
    )
    status = models.CharField(max_length=20, choices=DestructionStatus.choices, default=DestructionStatus.VOORGESTELD)
    proposed_on = models.DateField(_("voorgesteld op"))
    kept_until = models.DateField(_("bewaren tot"), null=True, blank=True)
    retention_label = models.CharField(_("bewaarklasse"), max_length=200, blank=True)
    refusal_reason = LimitedTextField(_("reden"), max_length=limits.REASON, blank=True)
    review_on = models.DateField(_("opnieuw bekijken op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proposed_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["family"],
                condition=models.Q(status__in=["voorgesteld", "een_akkoord"]),
                name="destruction_one_open_per_family",
            )
        ]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_DESTRUCTION


class DestructionStep(models.TextChoices):
    VOORGESTELD = "voorgesteld", _("voorgesteld")
    AKKOORD = "akkoord", _("akkoord")
    AFGEWEZEN = "afgewezen", _("afgewezen")
    UITGEVOERD = "uitgevoerd", _("uitgevoerd")


class FileDestructionEvent(AppendOnlyModel):
    """One step of a destruction, with who (none: the daily task proposed it) and why."""

    destruction = models.ForeignKey(FileDestruction, on_delete=models.PROTECT, related_name="events")
    step = models.CharField(max_length=20, choices=DestructionStep.choices)
    by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    as_officer = models.BooleanField(default=False)
    note = LimitedTextField(max_length=limits.REASON, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["destruction", "by"], condition=models.Q(step="akkoord"), name="destruction_agree_once"
            )
        ]


class FileTombstone(AppendOnlyModel):
    """What stays of a destroyed file: that it existed, its dates and class, who agreed and when.

    No name, no BSN, no text of the file: the dossier number is what a later
    question ("was there a file?") is answered with.
    """

    destruction = models.OneToOneField(FileDestruction, on_delete=models.PROTECT, related_name="tombstone")
    reference = models.CharField(_("dossiernummer"), max_length=30)
    team_name = models.CharField(_("team"), max_length=100)
    opened_on = models.DateField(_("aangemeld op"))
    closed_on = models.DateField(_("afgesloten op"), null=True)
    retention_label = models.CharField(_("bewaarklasse"), max_length=200)
    kept_until = models.DateField(_("bewaren tot"), null=True)
    on_request = models.BooleanField(_("op verzoek"), default=False)
    approved_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    second_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    executed_at = models.DateTimeField(_("vernietigd op"))
    removed = models.JSONField(_("verwijderd"), default=dict)

    class Meta:
        ordering = ["-executed_at", "id"]
