"""The court's side of a measure: rulings, periods, requests, hearings, and where a child lives.

The models name the family and its members by their model label
("casework.Family"), as the partner models do, so importing them never runs
`casework.models` and no model module imports another in a circle.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core import limits
from core.concurrency import Versioned
from core.fields import LimitedTextField

User = settings.AUTH_USER_MODEL


class RulingOutcome(models.TextChoices):
    TOEGEWEZEN = "toegewezen", _("toegewezen")
    DEELS = "deels", _("deels toegewezen")
    AFGEWEZEN = "afgewezen", _("afgewezen")
    AANGEHOUDEN = "aangehouden", _("aangehouden")


class CourtRuling(Versioned):
    """A beschikking: what the court was asked and what it granted, under its case number."""

    family = models.ForeignKey("casework.Family", on_delete=models.PROTECT, related_name="rulings")
    court = models.CharField(_("rechtbank"), max_length=120, help_text=_("Bijvoorbeeld: Rechtbank Noord-Nederland"))
    case_number = models.CharField(
        _("zaaknummer"), max_length=40, help_text=_("Bijvoorbeeld: C/18/123456 / JE RK 26-123")
    )
    ruled_on = models.DateField(_("datum beschikking"))
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=RulingOutcome.choices)
    requested = LimitedTextField(_("wat is verzocht"), max_length=limits.ANSWER, blank=True)
    granted = LimitedTextField(_("wat is toegewezen"), max_length=limits.ANSWER, blank=True)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("beschikking")
        verbose_name_plural = _("beschikkingen")
        ordering = ["-ruled_on", "-id"]

    def __str__(self) -> str:
        return f"{self.court} {self.case_number} ({self.ruled_on:%d-%m-%Y})"


class PeriodKind(models.TextChoices):
    EERSTE = "eerste", _("eerste periode")
    VERLENGING = "verlenging", _("verlenging")


class MeasurePeriod(Versioned):
    """One period of a measure, granted by a ruling; an extension is a new period with its own ruling.

    The measure's `start` and `end` are kept equal to its first period's start
    and its last period's end by the services, so lists and signals read the
    measure alone. A guardianship's period has no end.
    """

    measure = models.ForeignKey("casework.Measure", on_delete=models.PROTECT, related_name="periods")
    kind = models.CharField(_("soort periode"), max_length=20, choices=PeriodKind.choices, default=PeriodKind.EERSTE)
    ruling = models.ForeignKey(
        CourtRuling,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="periods",
        verbose_name=_("beschikking"),
        help_text=_("Leeg bij een vrijwillig traject of drang."),
    )
    start = models.DateField(_("begin"))
    end = models.DateField(_("einde"), null=True, blank=True)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("periode")
        verbose_name_plural = _("periodes")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="period_end_after_start"
            ),
            models.UniqueConstraint(fields=["measure", "start"], name="period_unique_start"),
        ]


class RequestKind(models.TextChoices):
    VERLENGING = "verlenging", _("verlenging van de maatregel")
    UITHUISPLAATSING = "uithuisplaatsing", _("machtiging uithuisplaatsing")
    EVALUATIE = "evaluatie", _("evaluatie")
    BEEINDIGING = "beeindiging", _("beëindiging")
    GEZAG = "gezag", _("gezag of voogdij")
    OVERIG = "overig", _("overig")


class RequestStatus(models.TextChoices):
    VOORBEREIDING = "voorbereiding", _("in voorbereiding")
    INGEDIEND = "ingediend", _("ingediend")
    BESLIST = "beslist", _("beslist")
    INGETROKKEN = "ingetrokken", _("ingetrokken")


# A request that still stands: the court has not ruled and it was not withdrawn.
PENDING_REQUEST_STATUSES = (RequestStatus.VOORBEREIDING, RequestStatus.INGEDIEND)


class CourtRequest(Versioned):
    """A verzoek to the court (extend, authorise a placement, evaluate, end), decided by a ruling."""

    family = models.ForeignKey("casework.Family", on_delete=models.PROTECT, related_name="court_requests")
    kind = models.CharField(_("soort verzoek"), max_length=20, choices=RequestKind.choices)
    measure = models.ForeignKey(
        "casework.Measure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("maatregel"),
        help_text=_("De maatregel die het verzoek betreft, als die er al is."),
    )
    child = models.ForeignKey(
        "casework.Member", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("jeugdige")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.VOORBEREIDING
    )
    due_on = models.DateField(_("uiterlijk indienen op"), null=True, blank=True)
    submitted_on = models.DateField(_("ingediend op"), null=True, blank=True)
    court = models.CharField(_("rechtbank"), max_length=120, blank=True)
    case_number = models.CharField(_("zaaknummer"), max_length=40, blank=True)
    ruling = models.ForeignKey(
        CourtRuling,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("beschikking"),
    )
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verzoek aan de rechtbank")
        verbose_name_plural = _("verzoeken aan de rechtbank")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["measure", "status"], name="courtrequest_measure_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_REQUEST_STATUSES


class HearingKind(models.TextChoices):
    VERLENGING = "verlenging", _("verlenging")
    UITHUISPLAATSING = "uithuisplaatsing", _("uithuisplaatsing")
    VOOGDIJ = "voogdij", _("gezag en voogdij")
    OVERIG = "overig", _("overig")


class HearingOutcome(models.TextChoices):
    TOEGEWEZEN = "toegewezen", _("toegewezen")
    DEELS = "deels", _("deels toegewezen")
    AFGEWEZEN = "afgewezen", _("afgewezen")
    AANGEHOUDEN = "aangehouden", _("aangehouden")
    INGETROKKEN = "ingetrokken", _("ingetrokken")


class Hearing(Versioned):
    """A zitting: when and where the court hears a request, who is invited, and how it went."""

    family = models.ForeignKey("casework.Family", on_delete=models.PROTECT, related_name="hearings")
    kind = models.CharField(_("soort zitting"), max_length=20, choices=HearingKind.choices)
    starts_at = models.DateTimeField(_("datum en tijd"))
    court = models.CharField(_("rechtbank"), max_length=120)
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    request = models.ForeignKey(
        CourtRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hearings",
        verbose_name=_("verzoek"),
    )
    ruling = models.ForeignKey(
        CourtRuling,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hearings",
        verbose_name=_("beschikking"),
    )
    invited_members = models.ManyToManyField(
        "casework.Member", blank=True, related_name="+", verbose_name=_("uitgenodigde gezinsleden")
    )
    invited_others = LimitedTextField(
        _("verder uitgenodigd"),
        max_length=limits.REASON,
        blank=True,
        help_text=_("Bijvoorbeeld: advocaat moeder, Raad"),
    )
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=HearingOutcome.choices, blank=True)
    outcome_note = LimitedTextField(_("toelichting uitkomst"), max_length=limits.ANSWER, blank=True)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("zitting")
        verbose_name_plural = _("zittingen")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["starts_at"], name="hearing_starts_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%d-%m-%Y %H:%M}"


class StayKind(models.TextChoices):
    THUIS = "thuis", _("thuis")
    NETWERKPLEEGGEZIN = "netwerkpleeggezin", _("netwerkpleeggezin")
    PLEEGGEZIN = "pleeggezin", _("pleeggezin")
    GEZINSHUIS = "gezinshuis", _("gezinshuis")
    RESIDENTIEEL = "residentieel", _("residentieel")
    GESLOTEN = "gesloten", _("gesloten jeugdhulp")


class Stay(Versioned):
    """A verblijf: where a child lives from `start`, and the authorisation a placement rests on.

    Living at home needs no authorisation; every other kind does (a machtiging,
    a guardianship, or the parents' consent in a voluntary trajectory;
    gesloten jeugdhulp only a machtiging gesloten jeugdhulp). Which one counts
    is decided in `casework.court.rules`, not here.
    """

    child = models.ForeignKey(
        "casework.Member", on_delete=models.PROTECT, related_name="stays", verbose_name=_("jeugdige")
    )
    kind = models.CharField(_("verblijf"), max_length=20, choices=StayKind.choices)
    place = models.CharField(
        _("waar"), max_length=200, blank=True, help_text=_("Bijvoorbeeld: pleeggezin De Vries, Zwolle")
    )
    start = models.DateField(_("vanaf"))
    end = models.DateField(_("tot en met"), null=True, blank=True)
    authorisation = models.ForeignKey(
        "casework.Measure",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stays",
        verbose_name=_("grondslag"),
        help_text=_("De machtiging of maatregel waarop dit verblijf rust."),
    )
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verblijf")
        verbose_name_plural = _("verblijven")
        ordering = ["-start", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="stay_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start:%d-%m-%Y}"
