"""The append-only access log (in the spirit of NEN 7513).

Every view of and change to a family's data, through any channel, leaves one
row here. Rows are never updated or deleted: the model refuses it, and on
PostgreSQL a trigger refuses it too, so not even a raw query or a future bug
can rewrite who looked at a child's file.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import AppendOnlyModel


class Channel(models.TextChoices):
    WEB = "web", _("web")
    API = "api", _("API")
    REPORT = "rapportage", _("rapportage")
    SYSTEM = "systeem", _("systeem")


class Action(models.TextChoices):
    VIEW = "inzien", _("inzien")
    CHANGE = "wijzigen", _("wijzigen")
    CREATE = "toevoegen", _("toevoegen")
    PRINT = "afdrukken", _("afdrukken")
    LIST = "lijst", _("in lijst getoond")


class AccessLogEntry(AppendOnlyModel):
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    # PROTECT: a person who ever looked at a file cannot be deleted away.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("wie")
    )
    # A plain id, not a foreign key: the log must outlive and never cascade
    # with the family, and the lowest layer must not depend on casework.
    family_id = models.BigIntegerField(_("gezin"), db_index=True)
    action = models.CharField(_("handeling"), max_length=20, choices=Action.choices)
    what = models.CharField(_("wat"), max_length=200)
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices, default=Channel.WEB)
    client = models.CharField(_("client"), max_length=200, blank=True)
    purpose = models.CharField(_("doel"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)

    class Meta:
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["family_id", "-at"], name="accesslog_family_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} gezin {self.family_id}: {self.what}"
