"""Contacts with the family and the two scores given after each; corrections keep what was there before."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import limits
from core.concurrency import Versioned
from core.fields import LimitedTextField
from core.models import AppendOnlyModel
from core.scores import SCORE_MAX, SCORE_MIN

from .family import Family, Member, NetworkPerson

User = settings.AUTH_USER_MODEL


class ContactKind(models.TextChoices):
    HUISBEZOEK = "huisbezoek", _("huisbezoek")
    GESPREK = "gesprek", _("gesprek")
    TELEFONISCH = "telefonisch", _("telefonisch")
    UITVOERDERSOVERLEG = "uitvoerdersoverleg", _("uitvoerdersoverleg")
    OVERIG = "overig", _("anders")


SCORE_VALIDATORS = [MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]


class Contact(Versioned):
    """A conversation with the family, with the two scores given after it."""

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="contacts")
    date = models.DateField(_("datum gesprek"))
    kind = models.CharField(_("soort contact"), max_length=20, choices=ContactKind.choices)
    participants = models.ManyToManyField(Member, blank=True, related_name="+", verbose_name=_("gezinsleden"))
    network_participants = models.ManyToManyField(
        NetworkPerson, blank=True, related_name="+", verbose_name=_("netwerk")
    )
    other_participants = models.CharField(_("anderen"), max_length=200, blank=True)
    note = LimitedTextField(_("korte notitie"), max_length=limits.NOTE)
    safety_score = models.PositiveSmallIntegerField(_("actuele veiligheid"), validators=SCORE_VALIDATORS)
    safety_why = LimitedTextField(_("waarom dit cijfer"), max_length=limits.ANSWER)
    safety_raise = LimitedTextField(_("wat is nodig om het te verhogen"), max_length=limits.ANSWER)
    lijn_score = models.PositiveSmallIntegerField(_("centrale lijn"), validators=SCORE_VALIDATORS)
    lijn_why = LimitedTextField(_("waarom dit cijfer"), max_length=limits.ANSWER)
    lijn_raise = LimitedTextField(_("wat is nodig om het te verhogen"), max_length=limits.ANSWER)
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

    def validate_constraints(self, exclude=None):
        """The two score CHECKs are not asked of the database before a save (Django sends a query for each).

        They say what the fields' SCORE_VALIDATORS say, which full_clean checks in Python with the same
        Dutch message; the table still enforces them on every insert and update.
        """
        super().validate_constraints(exclude={*(exclude or ()), "safety_score", "lijn_score"})


class ContactRevision(AppendOnlyModel):
    """The values a contact had before its author corrected it, or before a granted request to correct it."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="revisions")
    previous = models.JSONField()
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    # Empty for the author's own correction; why, when a request to correct it (casework.rights) was granted.
    reason = models.CharField(max_length=200, blank=True, default="")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class ContactAddendum(AppendOnlyModel):
    """A later addition to a contact whose correction window has passed."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="addenda")
    text = LimitedTextField(_("aanvulling"), max_length=limits.NOTE)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
