"""The reflectie-instrument: a senior and a worker look at how the method is applied, to learn.

The checklist is data: functioneel beheer keeps it in the Django admin as
versions of items. A reflection keeps the version it was held with, so an
edited checklist never rewrites what was discussed before. A reflection is
written while it is a concept; once afgerond it is frozen and later words are
appended as ReflectionEvents. Individual reflections are for the worker and the
senior who held it only (see access.py); nobody else ever reads them, and they
are deliberately not registered in the Django admin.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import limits
from core.concurrency import Versioned
from core.fields import LimitedTextField
from core.models import AppendOnlyModel

User = settings.AUTH_USER_MODEL

NOT_APPLICABLE = 0


class Adherence(models.IntegerChoices):
    """Does the worker do what the method prescribes? 0 means "niet van toepassing"."""

    NA = NOT_APPLICABLE, _("niet van toepassing")
    NOT_YET = 1, _("1 – nog niet gedaan")
    PARTLY = 2, _("2 – deels gedaan")
    MOSTLY = 3, _("3 – grotendeels gedaan")
    FULLY = 4, _("4 – volledig gedaan")


class Competence(models.IntegerChoices):
    """How skilfully? Words for growth, not for grading. 0 means "niet van toepassing"."""

    NA = NOT_APPLICABLE, _("niet van toepassing")
    STARTING = 1, _("1 – beginnend")
    GROWING = 2, _("2 – in ontwikkeling")
    SKILLED = 3, _("3 – vaardig")
    MODEL = 4, _("4 – een voorbeeld voor anderen")


class FidelityChecklist(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    description = LimitedTextField(_("toelichting"), blank=True, max_length=limits.ANSWER)
    active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("reflectie-checklist")
        verbose_name_plural = _("reflectie-checklists")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ChecklistVersion(models.Model):
    """One version of a checklist. Published versions that were used are frozen (see admin)."""

    checklist = models.ForeignKey(FidelityChecklist, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    published_on = models.DateField(
        _("in gebruik vanaf"),
        null=True,
        blank=True,
        help_text=_("Leeg: nog in voorbereiding. Nieuwe reflecties gebruiken de nieuwste versie die in gebruik is."),
    )
    change_note = LimitedTextField(_("wat is er veranderd"), blank=True, max_length=limits.REASON)

    class Meta:
        verbose_name = _("checklistversie")
        verbose_name_plural = _("checklistversies")
        ordering = ["checklist", "-number"]
        constraints = [models.UniqueConstraint(fields=["checklist", "number"], name="checklist_version_unique")]

    def __str__(self) -> str:
        return _("%(checklist)s – versie %(number)s") % {"checklist": self.checklist, "number": self.number}


class ChecklistItem(models.Model):
    """A core element of the method. `code` stays the same across versions so figures can follow it."""

    version = models.ForeignKey(ChecklistVersion, on_delete=models.PROTECT, related_name="items")
    code = models.SlugField(_("code"), max_length=50, help_text=_("Blijft gelijk over versies heen."))
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    title = models.CharField(_("kernelement"), max_length=200)
    guidance = LimitedTextField(_("waar let je op"), blank=True, max_length=limits.ANSWER)

    class Meta:
        verbose_name = _("kernelement")
        verbose_name_plural = _("kernelementen")
        ordering = ["version", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="checklist_item_code_unique")]

    def __str__(self) -> str:
        return self.title


class Source(models.TextChoices):
    CASENOTE = "casenote", _("casenote")
    RECORDING = "opname", _("opname van een gesprek")
    OTHER = "anders", _("anders")


class Status(models.TextChoices):
    CONCEPT = "concept", _("concept")
    DONE = "afgerond", _("afgerond")


class Reflection(Versioned):
    """One reflection; `edit_version` versions the senior's concept (`version` is the checklist's)."""

    version_attr = "edit_version"
    worker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="reflections", verbose_name=_("medewerker"))
    senior = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("senior"))
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+", verbose_name=_("team"))
    version = models.ForeignKey(ChecklistVersion, on_delete=models.PROTECT, related_name="reflections")  # type: ignore[assignment]  # overrides Versioned.version
    edit_version = models.PositiveIntegerField(default=1)
    held_on = models.DateField(_("gehouden op"))
    source = models.CharField(_("bron"), max_length=20, choices=Source.choices)
    source_description = models.CharField(_("over de bron"), max_length=300, blank=True)
    worker_reflection = LimitedTextField(_("eigen reflectie van de medewerker"), blank=True, max_length=limits.NOTE)
    learning_goals = LimitedTextField(_("afgesproken leerdoelen"), blank=True, max_length=limits.ANSWER)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT)
    completed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reflectie")
        verbose_name_plural = _("reflecties")
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["worker", "status", "held_on"]),
            models.Index(fields=["team", "status", "held_on"]),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(worker=models.F("senior")), name="reflection_not_with_oneself"),
        ]

    def __str__(self) -> str:
        return _("Reflectie %(date)s") % {"date": f"{self.held_on:%d-%m-%Y}"}

    @property
    def is_done(self) -> bool:
        return self.status == Status.DONE


class ReflectionRating(models.Model):
    """One item's ratings while the reflection is a concept; frozen with it afterwards. Null: not yet rated."""

    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="ratings")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="+")
    adherence = models.PositiveSmallIntegerField(_("trouw aan de methode"), choices=Adherence.choices, null=True)
    competence = models.PositiveSmallIntegerField(_("vaardigheid"), choices=Competence.choices, null=True)
    note = LimitedTextField(_("toelichting"), blank=True, max_length=limits.ANSWER)

    class Meta:
        ordering = ["item__position", "item_id"]
        constraints = [models.UniqueConstraint(fields=["reflection", "item"], name="reflection_rating_unique")]

    def __str__(self) -> str:
        return f"{self.item}: {self.adherence}/{self.competence}"


class EventKind(models.TextChoices):
    CREATED = "aangemaakt", _("aangemaakt")
    SAVED = "bijgewerkt", _("bijgewerkt")
    WORKER_REFLECTION = "eigen_reflectie", _("eigen reflectie bijgewerkt")
    COMPLETED = "afgerond", _("afgerond")
    ADDENDUM = "aanvulling", _("aanvulling of correctie")
    SHARED = "gedeeld", _("gedeeld met nieuwe senior")


class ReflectionEvent(AppendOnlyModel):
    """History of a reflection; after afronden the only way to add or correct anything."""

    reflection = models.ForeignKey(Reflection, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    text = LimitedTextField(blank=True, max_length=limits.NOTE)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class ReflectionShare(AppendOnlyModel):
    """The worker lets a new senior read a reflection held with their former senior."""

    reflection = models.ForeignKey(Reflection, on_delete=models.PROTECT, related_name="shares")
    senior = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    shared_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reflection", "senior"], name="reflection_share_unique")]


class ReflectionReminder(AppendOnlyModel):
    """A reminder sent for one due period (identified by the day it fell due): never twice."""

    worker = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["worker", "due_on"], name="reflection_reminder_once")]
