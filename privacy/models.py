"""The append-only access log (in the spirit of NEN 7513).

Every view of and change to a family's data, through any channel, leaves one
row here: one row per page view or API call per action, naming every family it
concerns (``family_ids``). Rows are never updated or deleted: the model refuses
it, and on PostgreSQL a trigger refuses it too, on every partition, so not even
a raw query or a future bug can rewrite who looked at a child's file.

On PostgreSQL the table is partitioned by month on ``at`` (privacy/partitions.py,
migration 0004): the database's primary key is (id, at), Django's is id, which
stays unique through its one sequence. The GIN index on ``family_ids`` is made
there too (SQLite has none), so it is not in Meta.indexes.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import limits
from core.fields import LimitedTextField
from core.models import AppendOnlyModel

from .fields import FamilyIdsField


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
    DOWNLOAD = "downloaden", _("gedownload")


class AccessLogEntry(AppendOnlyModel):
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True)
    # PROTECT: a person who ever looked at a file cannot be deleted away.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("wie"),
        db_index=False,  # (user, at) below serves it
    )
    # Plain ids, not foreign keys: the log must outlive and never cascade
    # with the family, and the lowest layer must not depend on casework.
    family_ids = FamilyIdsField(_("gezinnen"))
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
        # The lean set: (user, at) here, the GIN index on family_ids and the (id, at) key in migration 0004.
        indexes = [models.Index(fields=["user", "at"], name="accesslog_user_at")]

    def __str__(self) -> str:
        families = ", ".join(map(str, self.family_ids))
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} gezinnen {families}: {self.what}"


class RetentionCountsFrom(models.TextChoices):
    HELP_ENDED = "einde_hulp", _("einde van de hulp")
    YOUNGEST_ADULT = "jongste_meerderjarig", _("meerderjarigheid van het jongste kind")


class RetentionClass(models.Model):
    """A bewaarklasse: how long a file or document is kept, from which moment, on which legal basis.

    Functioneel beheer keeps them (the admin); the longest class in a file
    decides for the whole file.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=120)
    years = models.PositiveSmallIntegerField(_("jaren"))
    counts_from = models.CharField(_("telt vanaf"), max_length=30, choices=RetentionCountsFrom.choices)
    legal_basis = LimitedTextField(_("wettelijke grondslag"), max_length=limits.REASON)
    active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("bewaarklasse")
        verbose_name_plural = _("bewaarklassen")
        ordering = ["years", "code"]

    def __str__(self) -> str:
        return self.name
