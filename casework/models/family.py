"""The family and the people and facts around it: members, network, measures, phases, who carries the file.

Phase changes and assignments are append-only history; the few denormalised
fields on Family (phase, manager, current plan) are written only by services,
in the same transaction as the history row they summarise.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import limits
from core.concurrency import Versioned
from core.fields import LimitedTextField
from core.models import AppendOnlyModel

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
    # Set when the file was destroyed (casework.rights.destruction): the row stays for the figures and
    # the access log's ids, with no name or text left, and nobody reads it as a family any more.
    destroyed_at = models.DateTimeField(_("vernietigd op"), null=True, blank=True, editable=False)

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


class Member(Versioned):
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


class NetworkPerson(Versioned):
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
    MUHP = "machtiging_uhp", _("machtiging uithuisplaatsing")
    MGJ = "machtiging_gesloten", _("machtiging gesloten jeugdhulp")
    VOOGDIJ = "voogdij", _("voogdij")
    VOORLOPIGE_VOOGDIJ = "voorlopige_voogdij", _("voorlopige voogdij")
    JR = "jeugdreclassering", _("jeugdreclassering")
    VRIJWILLIG = "vrijwillig", _("vrijwillig / drang")


class MeasureEndReason(models.TextChoices):
    AFGELOPEN = "afgelopen", _("termijn afgelopen, niet verlengd")
    OPGEHEVEN = "opgeheven", _("opgeheven door de rechter")
    AFGEWEZEN = "afgewezen", _("verzoek tot verlenging afgewezen")
    MEERDERJARIG = "meerderjarig", _("jeugdige meerderjarig")
    OMGEZET = "omgezet", _("omgezet in een andere maatregel")
    DOEL_BEREIKT = "doel_bereikt", _("doel bereikt (vrijwillig traject)")
    OVERIG = "overig", _("overig")


class Measure(Versioned):
    """A legal measure for one child: its kind, its periods (each with the ruling that granted it), its end.

    `start` is the first period's start and `end` the current period's end (none
    for a guardianship), kept so by `casework.court.services` so that lists and
    signals read the measure alone; `ended_on` is set when the measure has
    really ended, with the reason.
    """

    child = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="measures", verbose_name=_("jeugdige"))
    kind = models.CharField(_("maatregel"), max_length=20, choices=MeasureKind.choices)
    court_decision_on = models.DateField(_("datum uitspraak"), null=True, blank=True)
    start = models.DateField(_("begin"))
    end = models.DateField(_("einde"), null=True, blank=True)
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)
    end_reason = models.CharField(_("reden einde"), max_length=20, choices=MeasureEndReason.choices, blank=True)
    end_note = LimitedTextField(_("toelichting einde"), max_length=limits.REASON, blank=True)

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
        # A family's history in order with the phase in the index itself: the figures' stays
        # (casework.figures) read it index-only, per family, without touching the table.
        indexes = [models.Index(fields=["family", "on", "id", "to_phase"], name="phasechange_family_history")]


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
    reason = LimitedTextField(_("reden"), max_length=limits.REASON)
    until = models.DateTimeField(_("tot"))
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["user", "until"])]
