"""Partner systems and their OAuth2 clients for the REST API under /api/v1.

A partner organisation may run several systems (a care registration system, a
planning tool); each gets its own client so its reads and writes land in the
access log under its own name and purpose, and so one can be switched off
without the others.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from oauth2_provider.settings import oauth2_settings


class PartnerClient(models.Model):
    """One partner system: an OAuth2 client (client credentials) acting for one partner.

    The OAuth2 application holds the secret (hashed); this row says for whom
    the client acts, what it may do (scopes) and why (doelbinding, written into
    every access-log row it causes). An inactive client gets no token, and its
    existing tokens are refused.
    """

    partner = models.ForeignKey(
        "casework.Partner", on_delete=models.PROTECT, related_name="api_clients", verbose_name=_("partner")
    )
    application = models.OneToOneField(
        oauth2_settings.APPLICATION_MODEL,
        on_delete=models.PROTECT,
        related_name="partner_client",
        verbose_name=_("OAuth2-client"),
    )
    scopes = models.CharField(_("scopes"), max_length=300, help_text=_("Wat dit systeem mag, gescheiden door spaties."))
    purpose = models.CharField(
        _("doel (doelbinding)"),
        max_length=200,
        help_text=_("Waarvoor dit systeem gegevens gebruikt; komt in elke regel van het toegangslog."),
    )
    active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("partnersysteem (API-client)")
        verbose_name_plural = _("partnersystemen (API-clients)")
        ordering = ["partner__name", "id"]

    def __str__(self) -> str:
        return f"{self.partner}: {self.application.name}"

    @property
    def scope_list(self) -> list[str]:
        return self.scopes.split()

    @property
    def client_id(self) -> str:
        return self.application.client_id

    def clean(self) -> None:
        unknown = sorted(set(self.scope_list) - set(settings.API_SCOPES))
        if unknown:
            raise ValidationError({"scopes": _("Onbekende scopes: %s") % ", ".join(unknown)})
