"""Partner organisations, the help they deliver (inzet) and the basis to share with them.

The words follow the iJw messages Dutch providers already exchange with
municipalities (product category and code, volume, unit, frequency, start and
stop of care with a reason), so a partner system maps them without a
translation table. A partner sees a family only while a recorded sharing basis
(grondslag) exists, and only the parts that basis names: see
`casework.partners.access`.
"""

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.concurrency import Versioned
from core.models import AppendOnlyModel

User = settings.AUTH_USER_MODEL


class PartnerKind(models.TextChoices):
    ZORGAANBIEDER = "zorgaanbieder", _("zorgaanbieder")
    GEMEENTE = "gemeente", _("gemeente / wijkteam")
    RAAD = "raad", _("Raad voor de Kinderbescherming")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    SCHOOL = "school", _("school")
    RECHTBANK = "rechtbank", _("rechtbank")
    POLITIE = "politie", _("politie")
    ANDERS = "anders", _("anders")


class Partner(models.Model):
    """An organisation that helps families; managed by functioneel beheer, holds no family data."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=PartnerKind.choices)
    agb_code = models.CharField(
        _("AGB-code"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("Een AGB-code bestaat uit 8 cijfers."))],
        help_text=_("Voor zorgaanbieders: 8 cijfers."),
    )
    kvk_number = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("Een KvK-nummer bestaat uit 8 cijfers."))],
    )
    contact_name = models.CharField(_("contactpersoon"), max_length=120, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("partnerorganisatie")
        verbose_name_plural = _("partnerorganisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class InzetStatus(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", _("aangevraagd")
    WACHTLIJST = "wachtlijst", _("wachtlijst")
    GESTART = "gestart", _("gestart")
    GESTOPT = "gestopt", _("gestopt")
    AFGEWEZEN = "afgewezen", _("afgewezen")


OPEN_INZET_STATUSES = (InzetStatus.AANGEVRAAGD, InzetStatus.WACHTLIJST, InzetStatus.GESTART)
NOT_STARTED_STATUSES = (InzetStatus.AANGEVRAAGD, InzetStatus.WACHTLIJST)


class VolumeUnit(models.TextChoices):
    MINUUT = "minuut", _("minuten")
    UUR = "uur", _("uren")
    DAGDEEL = "dagdeel", _("dagdelen")
    ETMAAL = "etmaal", _("etmalen")
    STUKS = "stuks", _("stuks")


class VolumeFrequency(models.TextChoices):
    DAG = "dag", _("per dag")
    WEEK = "week", _("per week")
    MAAND = "maand", _("per maand")
    TOTAAL = "totaal", _("totaal")


class EndReason(models.TextChoices):
    """Why help ended, in the spirit of iJw's reden beëindiging (our own short list)."""

    VOLGENS_PLAN = "volgens_plan", _("beëindigd volgens plan")
    DOEL_BEREIKT_EERDER = "eerder_doel_bereikt", _("eerder beëindigd, doel bereikt")
    WEDERZIJDS = "wederzijds", _("voortijdig, in overleg")
    DOOR_GEZIN = "door_gezin", _("voortijdig, door het gezin")
    DOOR_AANBIEDER = "door_aanbieder", _("voortijdig, door de aanbieder")
    VERHUISD = "verhuisd", _("gezin verhuisd")
    ANDERE_HULP = "andere_hulp", _("overgegaan naar andere hulp")
    NIET_PASSEND = "niet_passend", _("afgewezen: past niet bij de vraag")
    GEEN_CAPACITEIT = "geen_capaciteit", _("afgewezen: geen plek")
    ANDERS = "anders", _("anders")


class Inzet(Versioned):
    """A partner's help for a family or for one child.

    `status` and the dates are a summary written only by services, in the same
    transaction as the InzetStatusChange row that records who changed it.
    `version` moves with every change (`core.concurrency`): the API's ETag, so a
    stale write from a partner system or an open edit page is refused instead of
    silently applied.
    """

    family = models.ForeignKey("casework.Family", on_delete=models.PROTECT, related_name="inzetten")
    child = models.ForeignKey(
        "casework.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inzetten",
        verbose_name=_("jeugdige"),
    )
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="inzetten", verbose_name=_("partner"))
    product_category = models.CharField(
        _("productcategorie"),
        max_length=2,
        validators=[RegexValidator(r"^\d{2}$", _("Een productcategorie bestaat uit 2 cijfers."))],
        help_text=_("iJw-productcategorie, 2 cijfers."),
    )
    product_code = models.CharField(
        _("productcode"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^[0-9A-Za-z]{5}$", _("Een productcode bestaat uit 5 tekens."))],
        help_text=_("iJw-productcode, 5 tekens; leeg als die (nog) niet bekend is."),
    )
    description = models.CharField(_("omschrijving"), max_length=200, help_text=_("Bijvoorbeeld: gezinstherapie"))
    volume = models.PositiveIntegerField(_("omvang"), null=True, blank=True, validators=[MinValueValidator(1)])
    unit = models.CharField(_("eenheid"), max_length=10, choices=VolumeUnit.choices, blank=True)
    frequency = models.CharField(_("frequentie"), max_length=10, choices=VolumeFrequency.choices, blank=True)
    requested_on = models.DateField(_("aangevraagd op"), default=timezone.localdate)
    promised_start = models.DateField(_("toegezegde start"), null=True, blank=True)
    actual_start = models.DateField(_("werkelijke start"), null=True, blank=True)
    end_on = models.DateField(_("einde"), null=True, blank=True)
    end_reason = models.CharField(_("reden einde"), max_length=30, choices=EndReason.choices, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=InzetStatus.choices, default=InzetStatus.AANGEVRAAGD)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("inzet")
        verbose_name_plural = _("inzetten")
        ordering = ["-requested_on", "-id"]
        indexes = [
            models.Index(fields=["family", "status"]),
            models.Index(fields=["partner", "status"]),
            models.Index(fields=["status", "promised_start"], name="inzet_waiting_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True)
                | Q(actual_start__isnull=True)
                | Q(end_on__gte=models.F("actual_start")),
                name="inzet_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.description} ({self.partner})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_INZET_STATUSES

    @property
    def start_overdue(self) -> bool:
        """Promised to start, the day has passed, and it did not start: a signal."""
        return (
            self.status in NOT_STARTED_STATUSES
            and self.promised_start is not None
            and self.promised_start < timezone.localdate()
        )

    def version_author(self, counter: str = "") -> str:
        """A save without a person was the partner's own system, through the API."""
        if self.saved_by is None and self.saved_at is not None:
            return gettext("%(partner)s (via hun systeem)") % {"partner": self.partner}
        return super().version_author()

    @property
    def etag(self) -> str:
        return f'"inzet-{self.pk}-v{self.version}"'


class InzetStatusChange(AppendOnlyModel):
    """Every status change of an inzet, by a person here or by the partner's system."""

    inzet = models.ForeignKey(Inzet, on_delete=models.PROTECT, related_name="status_changes")
    family = models.ForeignKey("casework.Family", on_delete=models.PROTECT, related_name="+")
    from_status = models.CharField(max_length=20, choices=InzetStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=InzetStatus.choices)
    on = models.DateField(_("datum"))
    reason = models.CharField(_("reden"), max_length=30, choices=EndReason.choices, blank=True)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    author = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    via_partner = models.ForeignKey(Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    client_id = models.CharField(_("systeem"), max_length=100, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(author__isnull=False, via_partner__isnull=True)
                | Q(author__isnull=True, via_partner__isnull=False),
                name="inzetstatus_one_author",
            ),
        ]

    @property
    def author_label(self) -> str:
        return str(self.author) if self.author_id else f"{self.via_partner} ({_('systeem')})"


class InzetMessage(AppendOnlyModel):
    """A short progress message from the partner, shown on the family's timeline."""

    inzet = models.ForeignKey(Inzet, on_delete=models.PROTECT, related_name="messages")
    family = models.ForeignKey("casework.Family", on_delete=models.PROTECT, related_name="+")
    text = models.CharField(_("bericht"), max_length=1000)
    author = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    via_partner = models.ForeignKey(Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    client_id = models.CharField(_("systeem"), max_length=100, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["family", "-at"])]


class BasisKind(models.TextChoices):
    TOESTEMMING = "toestemming", _("toestemming")
    WETTELIJKE_TAAK = "wettelijke_taak", _("wettelijke taak")
    RECHTERLIJKE_UITSPRAAK = "uitspraak", _("rechterlijke uitspraak")


class SharedPart(models.TextChoices):
    """The parts of a family's file a sharing basis can cover: each is a `shares_<part>` flag on SharingBasis.

    The one list of parts for the model, the rules, the family page and the
    API, so that a part is named (and labelled) in one place only.
    """

    CHILDREN = "children", _("namen en geboortedata van de kinderen")
    AGREEMENTS = "agreements", _("afspraken die aan deze partner zijn toegewezen")
    INZETTEN = "inzetten", _("eigen inzetten")
    NOTES = "notes", _("notities van gesprekken")
    SCORES = "scores", _("scores veiligheid en centrale lijn")

    @property
    def field(self) -> str:
        """The flag on SharingBasis that says whether a basis covers this part."""
        return f"shares_{self.value}"


class SharingBasis(models.Model):
    """The recorded basis (grondslag) on which a partner may see part of a family's file.

    Without an active basis a partner sees nothing of the family, whatever
    inzet it has. The basis names the parts it covers; notes and scores are
    never shared unless it says so explicitly. It ends at `end_on`, when it is
    withdrawn, or by itself `settings.SHARING_ENDS_AFTER_INZET_DAYS` after the
    partner's last inzet for the family ended. Only withdrawal changes the row,
    and that leaves a SharingBasisEvent.
    """

    family = models.ForeignKey("casework.Family", on_delete=models.PROTECT, related_name="sharing_bases")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="sharing_bases")
    kind = models.CharField(_("grondslag"), max_length=20, choices=BasisKind.choices)
    consent_by = models.CharField(
        _("toestemming gegeven door"), max_length=200, blank=True, help_text=_("Bijvoorbeeld: moeder en vader")
    )
    consent_on = models.DateField(_("toestemming gegeven op"), null=True, blank=True)
    consent_for = models.CharField(_("toestemming voor"), max_length=300, blank=True)
    legal_reference = models.CharField(
        _("wettelijke taak of uitspraak"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld: artikel 3.1 Jeugdwet, of de datum en het kenmerk van de beschikking"),
    )
    purpose = models.CharField(_("doel"), max_length=300)
    # One flag per SharedPart, named by its `field`; notes and scores only when asked for.
    shares_children = models.BooleanField(SharedPart.CHILDREN.label, default=True)
    shares_agreements = models.BooleanField(SharedPart.AGREEMENTS.label, default=True)
    shares_inzetten = models.BooleanField(SharedPart.INZETTEN.label, default=True)
    shares_notes = models.BooleanField(SharedPart.NOTES.label, default=False)
    shares_scores = models.BooleanField(SharedPart.SCORES.label, default=False)
    start_on = models.DateField(_("vanaf"), default=timezone.localdate)
    end_on = models.DateField(_("tot en met"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    withdrawn_reason = models.CharField(_("reden intrekking"), max_length=300, blank=True)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("grondslag")
        verbose_name_plural = _("grondslagen")
        ordering = ["-start_on", "-id"]
        indexes = [models.Index(fields=["partner", "family"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(end_on__gte=models.F("start_on")),
                name="sharingbasis_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.partner}"


class SharingBasisEvent(AppendOnlyModel):
    """Recording and withdrawing a basis, with who did it."""

    class Kind(models.TextChoices):
        VASTGELEGD = "vastgelegd", _("vastgelegd")
        INGETROKKEN = "ingetrokken", _("ingetrokken")

    basis = models.ForeignKey(SharingBasis, on_delete=models.PROTECT, related_name="events")
    family = models.ForeignKey("casework.Family", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    note = models.CharField(max_length=300, blank=True)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
