"""A document in the family file, stored where no URL reaches it."""

import uuid

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.utils.translation import gettext_lazy as _

User = settings.AUTH_USER_MODEL


def private_storage() -> Storage:
    """The storage for family documents: `STORAGES["private"]`, a directory the web server never serves."""
    return storages["private"]


def document_path(instance: "Document", filename: str) -> str:
    """Stored under the family's id and a random name: the uploaded name is kept in the row only."""
    return f"gezin-{instance.family_id}/{uuid.uuid4().hex}"


class DocumentKind(models.TextChoices):
    BESCHIKKING = "beschikking", _("beschikking van de rechtbank")
    RAAD = "raad", _("rapport van de Raad voor de Kinderbescherming")
    PARTNER = "partner", _("rapport van een partner")
    PLAN = "plan", _("getekend gezinsplan")
    RAPPORT = "rapport", _("rapport aan de rechtbank")
    OVERIG = "overig", _("overig")


class Document(models.Model):
    """A ruling, a report or a signed plan: what it is, of when, by whom, about which child, and how long it is kept."""

    family = models.ForeignKey("casework.Family", on_delete=models.PROTECT, related_name="documents")
    child = models.ForeignKey(
        "casework.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("jeugdige"),
        help_text=_("Leeg als het document het hele gezin betreft."),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    dated_on = models.DateField(_("datum document"))
    written_by = models.CharField(
        _("opgesteld door"),
        max_length=200,
        help_text=_("Bijvoorbeeld: Raad voor de Kinderbescherming, Rechtbank Noord-Nederland"),
    )
    retention_class = models.ForeignKey(
        "privacy.RetentionClass", on_delete=models.PROTECT, related_name="+", verbose_name=_("bewaarklasse")
    )
    ruling = models.ForeignKey(
        "casework.CourtRuling",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("beschikking"),
    )
    file = models.FileField(_("bestand"), storage=private_storage, upload_to=document_path, max_length=200)
    original_name = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("bestandstype"), max_length=100)
    size = models.PositiveIntegerField(_("grootte in bytes"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["-dated_on", "-id"]
        indexes = [models.Index(fields=["family", "dated_on"], name="document_family_dated")]

    def __str__(self) -> str:
        return self.title
