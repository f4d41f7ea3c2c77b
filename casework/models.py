"""The family file (gezinsdossier): the ground floor every other app builds on.

History is kept, never overwritten: phase changes, assignments, plan versions,
contact revisions and addenda are append-only rows with author and time. Every
foreign key into the file is PROTECT: deleting a family or a contact can never
silently take its history with it (retention will be a deliberate process). The
few denormalised fields on Family (phase, manager, current plan) are written
only by services, in the same transaction as the history row they summarise.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import AppendOnlyModel
from core.scores import SCORE_MAX, SCORE_MIN

User = settings.AUTH_USER_MODEL


class Phase(models.TextChoices):
    """ISC phases, after Functional Family Parole, in their order."""

    AANMELDING = "aanmelding", _("aanmelding")
    BETREKKEN = "betrekken", _("betrekken en motiveren")
    ONDERSTEUNEN = "ondersteunen", _("ondersteunen en monitoren")
    GENERALISEREN = "generaliseren", _("generaliseren")
    AFGESLOTEN = "afgesloten", _("afgesloten")


class Family(models.Model):
    name = models.CharField(_("naam"), max_length=120, help_text=_("Bijvoorbeeld: gezin Jansen"))
    reference = models.CharField(_("dossiernummer"), max_length=30, unique=True)
    city = models.CharField(_("woonplaats"), max_length=80, blank=True)
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="families")
    manager = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="managed_families", verbose_name=_("gezinsmanager")
    )
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices, default=Phase.AANMELDING)
    phase_since = models.DateField(_("in fase sinds"), default=timezone.localdate)
    opened_on = models.DateField(_("aangemeld op"), default=timezone.localdate)
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    current_plan = models.ForeignKey(
        "PlanVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("gezinsplan")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gezin")
        verbose_name_plural = _("gezinnen")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["team", "phase"]),
            models.Index(fields=["manager", "phase"]),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.phase == Phase.AFGESLOTEN


class MemberRole(models.TextChoices):
    JEUGDIGE = "jeugdige", _("jeugdige")
    OUDER = "ouder", _("ouder")
    VERZORGER = "verzorger", _("verzorger")
    OVERIG = "overig", _("overig gezinslid")


class Member(models.Model):
    """A gezinslid: a child, a parent or carer, or another household member."""

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="members")
    first_name = models.CharField(_("voornaam"), max_length=80)
    last_name = models.CharField(_("achternaam"), max_length=120)
    role = models.CharField(_("rol"), max_length=20, choices=MemberRole.choices)
    date_of_birth = models.DateField(_("geboortedatum"), null=True, blank=True)
    relation = models.CharField(
        _("relatie"), max_length=80, blank=True, help_text=_("Bijvoorbeeld: moeder, stiefvader")
    )
    # When the member's details last changed: partner systems synchronise children by it.
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("gezinslid")
        verbose_name_plural = _("gezinsleden")
        ordering = ["role", "date_of_birth", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="jeugdige") | Q(date_of_birth__isnull=False),
                name="member_child_has_birth_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_child(self) -> bool:
        return self.role == MemberRole.JEUGDIGE

    def age_on(self, day) -> int | None:
        if not self.date_of_birth:
            return None
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


class NetworkPerson(models.Model):
    """Someone from the informal circle who can take on part of the plan."""

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="network")
    name = models.CharField(_("naam"), max_length=120)
    relation = models.CharField(_("relatie tot het gezin"), max_length=80, help_text=_("Bijvoorbeeld: oma, buurvrouw"))
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    contribution = models.CharField(_("wat doet deze persoon"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("netwerkpersoon")
        verbose_name_plural = _("netwerk")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.relation})"


class MeasureKind(models.TextChoices):
    OTS = "ots", _("ondertoezichtstelling (OTS)")
    VOOGDIJ = "voogdij", _("voogdij")
    JR = "jeugdreclassering", _("jeugdreclassering")
    VRIJWILLIG = "vrijwillig", _("vrijwillig / drang")


class Measure(models.Model):
    """A legal measure for one child, with the court's decision date."""

    child = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="measures", verbose_name=_("jeugdige"))
    kind = models.CharField(_("maatregel"), max_length=20, choices=MeasureKind.choices)
    court_decision_on = models.DateField(_("datum uitspraak"), null=True, blank=True)
    start = models.DateField(_("begin"))
    end = models.DateField(_("einde"), null=True, blank=True)

    class Meta:
        verbose_name = _("maatregel")
        verbose_name_plural = _("maatregelen")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="measure_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.child}"


class PhaseChange(AppendOnlyModel):
    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="phase_changes")
    from_phase = models.CharField(max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(max_length=20, choices=Phase.choices)
    on = models.DateField(_("datum"))
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        indexes = [models.Index(fields=["family", "on"])]


class Assignment(AppendOnlyModel):
    """Who is the family's gezinsmanager from `start`; the next row ends it."""

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="assignments")
    manager = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    start = models.DateField(_("vanaf"))
    reason = models.CharField(_("reden"), max_length=300, blank=True)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "id"]


class PlanVersion(AppendOnlyModel):
    """One version of the gezinsplan. A new version never overwrites an old one."""

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="plan_versions")
    number = models.PositiveIntegerField(_("versie"))
    zorgen = models.TextField(_("zorgen"))
    krachten = models.TextField(_("krachten"))
    centrale_lijn = models.TextField(
        _("centrale lijn"),
        help_text=_("Hoe ziet blijvende veiligheid er voor dit gezin uit, in de woorden van het gezin?"),
    )
    goals = models.TextField(_("doelen"), help_text=_("Eén doel per regel."))
    safety_agreements = models.TextField(_("veiligheidsafspraken"), blank=True)
    agreed_with_parents_on = models.DateField(_("besproken met ouders op"), null=True, blank=True)
    change_note = models.CharField(_("wat is er veranderd"), max_length=300, blank=True)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("versie van het gezinsplan")
        ordering = ["family", "-number"]
        constraints = [models.UniqueConstraint(fields=["family", "number"], name="plan_version_unique_number")]

    def __str__(self) -> str:
        return f"Gezinsplan {self.family} v{self.number}"

    @property
    def goal_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.goals.splitlines() if line.strip(" -•\t")]


class AgreementOwner(models.TextChoices):
    GEZIN = "gezin", _("het gezin")
    NETWERK = "netwerk", _("netwerk")
    PARTNER = "partner", _("partnerorganisatie")
    GEZINSMANAGER = "gezinsmanager", _("gezinsmanager")


class AgreementStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "gedaan", _("gedaan")
    NOT_DONE = "niet_gelukt", _("niet gelukt")
    CANCELLED = "vervallen", _("vervallen")


class Agreement(models.Model):
    """An agreement in one plan version: who does what by when.

    The text belongs to its plan version and is copied into the next one; only
    the status moves on, and each status change is kept in AgreementStatusChange.
    """

    plan = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="agreements")
    description = models.CharField(_("afspraak"), max_length=300)
    owner_kind = models.CharField(_("wie"), max_length=20, choices=AgreementOwner.choices)
    owner_name = models.CharField(
        _("naam"), max_length=120, blank=True, help_text=_("Bijvoorbeeld: moeder, oma Jansen, Jeugdhulp Oost")
    )
    # Set when a partner organisation carries the agreement: its system may read it.
    partner = models.ForeignKey(
        "casework.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("partnerorganisatie"),
    )
    due_on = models.DateField(_("uiterlijk"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.OPEN)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["plan", "status", "due_on"])]

    def __str__(self) -> str:
        return self.description

    @property
    def owner_label(self) -> str:
        name = self.owner_name
        # The partner's name only when already loaded: a label must never cost a query per agreement.
        if not name and self.partner_id and Agreement._meta.get_field("partner").is_cached(self):
            name = self.partner.name
        return f"{self.get_owner_kind_display()}: {name}" if name else self.get_owner_kind_display()

    @property
    def is_overdue(self) -> bool:
        """Open and past its date: the same rule as `overdue_agreements` in the selectors."""
        return self.status == AgreementStatus.OPEN and self.due_on is not None and self.due_on < timezone.localdate()


class AgreementStatusChange(AppendOnlyModel):
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="status_changes")
    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="+")
    from_status = models.CharField(max_length=20, choices=AgreementStatus.choices)
    to_status = models.CharField(max_length=20, choices=AgreementStatus.choices)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["family", "at"])]


class ContactKind(models.TextChoices):
    HUISBEZOEK = "huisbezoek", _("huisbezoek")
    GESPREK = "gesprek", _("gesprek")
    TELEFONISCH = "telefonisch", _("telefonisch")
    UITVOERDERSOVERLEG = "uitvoerdersoverleg", _("uitvoerdersoverleg")
    OVERIG = "overig", _("anders")


SCORE_VALIDATORS = [MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]


class Contact(models.Model):
    """A conversation with the family, with the two scores given after it."""

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="contacts")
    date = models.DateField(_("datum gesprek"))
    kind = models.CharField(_("soort contact"), max_length=20, choices=ContactKind.choices)
    participants = models.ManyToManyField(Member, blank=True, related_name="+", verbose_name=_("gezinsleden"))
    network_participants = models.ManyToManyField(
        NetworkPerson, blank=True, related_name="+", verbose_name=_("netwerk")
    )
    other_participants = models.CharField(_("anderen"), max_length=200, blank=True)
    note = models.TextField(_("korte notitie"))
    safety_score = models.PositiveSmallIntegerField(_("actuele veiligheid"), validators=SCORE_VALIDATORS)
    safety_why = models.TextField(_("waarom dit cijfer"))
    safety_raise = models.TextField(_("wat is nodig om het te verhogen"))
    lijn_score = models.PositiveSmallIntegerField(_("centrale lijn"), validators=SCORE_VALIDATORS)
    lijn_why = models.TextField(_("waarom dit cijfer"))
    lijn_raise = models.TextField(_("wat is nodig om het te verhogen"))
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    corrected_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["family", "-date", "-id"], name="contact_family_latest")]
        constraints = [
            models.CheckConstraint(
                condition=Q(safety_score__gte=SCORE_MIN, safety_score__lte=SCORE_MAX), name="contact_safety_0_10"
            ),
            models.CheckConstraint(
                condition=Q(lijn_score__gte=SCORE_MIN, lijn_score__lte=SCORE_MAX), name="contact_lijn_0_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d-%m-%Y}"


class ContactRevision(AppendOnlyModel):
    """The values a contact had before its author corrected it."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="revisions")
    previous = models.JSONField()
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class ContactAddendum(AppendOnlyModel):
    """A later addition to a contact whose correction window has passed."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="addenda")
    text = models.TextField(_("aanvulling"))
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class SubstitutionQuerySet(models.QuerySet):
    def active(self, *, on=None):
        on = on or timezone.localdate()
        return self.filter(start__lte=on, end__gte=on, ended_at__isnull=True)


class Substitution(models.Model):
    """A colleague who writes the file while the gezinsmanager is away (vervanging).

    The gezinsmanager stays the one assigned; the substitute may record contacts
    and keep the plan current within the period. The teamleider may end it
    early; the planned period stays as it was, `ended_at` says when it stopped.
    """

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="substitutions")
    substitute = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="substitutions", verbose_name=_("vervanger")
    )
    start = models.DateField(_("vanaf"))
    end = models.DateField(_("tot en met"))
    reason = models.CharField(_("reden"), max_length=200, blank=True)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(_("vroegtijdig beëindigd op"), null=True, blank=True)
    ended_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    objects = SubstitutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("vervanging")
        verbose_name_plural = _("vervangingen")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="substitution_end_after_start"),
        ]
        indexes = [models.Index(fields=["substitute", "end"])]

    def __str__(self) -> str:
        return f"{self.substitute} vervangt van {self.start:%d-%m-%Y} tot en met {self.end:%d-%m-%Y}"


class FamilyAccessGrant(AppendOnlyModel):
    """A board member's recorded reason to open one family's file for a short time.

    The board sees no family by default (DESIGN.md section 4); when a kwestie or a
    court asks for it, a bestuurder records why, and reads the file until `until`.
    """

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reden"))
    until = models.DateTimeField(_("tot"))
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["user", "until"])]


# Partners, their inzetten and the sharing basis live in their own module.
from .models_partners import (  # noqa: E402, F401
    BasisKind,
    EndReason,
    Inzet,
    InzetMessage,
    InzetStatus,
    InzetStatusChange,
    Partner,
    PartnerKind,
    SharingBasis,
    SharingBasisEvent,
)
