"""Kwesties: system problems escalated until they are solved (kwestiemanagement).

A kwestie blames nobody ("ontschuldigd"). It climbs one level at a time —
gezinsmanager, team, teamleider, bestuur, extern — each step with a reason, and
only the level that holds it can resolve it, hand it back down or close it. Every
step, comment and status change is an append-only KwestieEvent with author and
time; the few current-state fields on Kwestie are written only by services, in the
same transaction as the event that explains them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import limits
from core.fields import LimitedTextField
from core.models import AppendOnlyModel

User = settings.AUTH_USER_MODEL


class Level(models.TextChoices):
    """The escalation path, in order."""

    GEZINSMANAGER = "gezinsmanager", _("gezinsmanager")
    TEAM = "team", _("team")
    TEAMLEIDER = "teamleider", _("teamleider")
    BESTUUR = "bestuur", _("bestuur")
    EXTERN = "extern", _("extern (partner of wetgever)")


LEVEL_ORDER = [level.value for level in Level]


class Kind(models.TextChoices):
    PARTNER = "partner", _("partner levert niet wat is afgesproken")
    WAITING_LIST = "wachtlijst", _("wachtlijst")
    PROCEDURE = "procedure", _("procedure of formulier")
    LAW = "wet", _("wet of regelgeving")
    OWN_WAY = "eigen_werkwijze", _("onze eigen werkwijze")
    OTHER = "anders", _("anders")


class Status(models.TextChoices):
    OPEN = "open", _("open")
    IN_PROGRESS = "in_behandeling", _("in behandeling")
    SOLVED = "opgelost", _("opgelost")
    CLOSED = "gesloten", _("gesloten zonder oplossing")


class Kwestie(models.Model):
    title = models.CharField(_("titel"), max_length=200)
    blocks = LimitedTextField(
        _("wat het blokkeert"),
        help_text=_("Welke uitkomst voor welke kinderen, in uw woorden."),
        max_length=limits.ANSWER,
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    partner_name = models.CharField(_("partnerorganisatie"), max_length=200, blank=True)
    # The registered partner, when it is one; partner_name stays for free text and older kwesties.
    partner = models.ForeignKey(
        "casework.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner"),
    )
    families = models.ManyToManyField("casework.Family", blank=True, related_name="+", verbose_name=_("gezinnen"))
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="kwesties")
    raised_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("ingebracht door"))
    raised_at = models.DateTimeField(_("ingebracht op"), auto_now_add=True)
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices, default=Level.GEZINSMANAGER)
    level_since = models.DateTimeField(_("op dit niveau sinds"))
    # Who has ever held it decides who may read it: once along the path, always.
    highest_level = models.CharField(max_length=20, choices=Level.choices, default=Level.GEZINSMANAGER)
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("eigenaar"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    resolution = LimitedTextField(
        _("oplossing"), blank=True, help_text=_("Wat is er veranderd, en voor wie?"), max_length=limits.ANSWER
    )
    closed_reason = LimitedTextField(_("reden van sluiten"), blank=True, max_length=limits.ANSWER)
    overdue_since = models.DateTimeField(_("over tijd sinds"), null=True, blank=True)

    class Meta:
        verbose_name = _("kwestie")
        verbose_name_plural = _("kwesties")
        ordering = ["-raised_at"]
        indexes = [
            models.Index(fields=["team", "status"]),
            models.Index(fields=["level", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.status in (Status.SOLVED, Status.CLOSED)


class EventKind(models.TextChoices):
    RAISED = "ingebracht", _("ingebracht")
    ESCALATED = "geescaleerd", _("geëscaleerd")
    HANDED_BACK = "teruggegeven", _("teruggegeven")
    COMMENT = "opmerking", _("opmerking")
    STATUS = "status", _("status gewijzigd")
    SOLVED = "opgelost", _("opgelost")
    CLOSED = "gesloten", _("gesloten zonder oplossing")
    OVERDUE = "over_tijd", _("over tijd")


class KwestieEvent(AppendOnlyModel):
    kwestie = models.ForeignKey(Kwestie, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    from_level = models.CharField(max_length=20, choices=Level.choices, blank=True)
    to_level = models.CharField(max_length=20, choices=Level.choices, blank=True)
    text = LimitedTextField(blank=True, max_length=limits.ANSWER)
    author = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["kwestie", "at"])]
