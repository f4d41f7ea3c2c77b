"""The gezinsplan: versions that are never overwritten, and the agreements in each.

The court accepts the plan, so what a version said must stay as it was; only
an agreement's status moves on, and each status change is kept.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import limits
from core.fields import LimitedTextField
from core.models import AppendOnlyModel

from .family import Family

User = settings.AUTH_USER_MODEL


class PlanVersion(AppendOnlyModel):
    """One version of the gezinsplan. A new version never overwrites an old one."""

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="plan_versions")
    number = models.PositiveIntegerField(_("versie"))
    zorgen = LimitedTextField(_("zorgen"), max_length=limits.NOTE)
    krachten = LimitedTextField(_("krachten"), max_length=limits.NOTE)
    centrale_lijn = LimitedTextField(
        _("centrale lijn"),
        help_text=_("Hoe ziet blijvende veiligheid er voor dit gezin uit, in de woorden van het gezin?"),
        max_length=limits.NOTE,
    )
    goals = LimitedTextField(_("doelen"), help_text=_("Eén doel per regel."), max_length=limits.NOTE)
    safety_agreements = LimitedTextField(_("veiligheidsafspraken"), blank=True, max_length=limits.NOTE)
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
        if not name and self.partner_id and Agreement._meta.get_field("partner").is_cached(self) and self.partner:
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
