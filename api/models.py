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


class TokenFailure(models.Model):
    """Wrong secrets at the token endpoint, per client id and address, for api.token_guard.

    A row per pair, counted up under a row lock, so every gunicorn worker sees the same count. Rows whose
    last failure is older than API_TOKEN_GUARD_WINDOW_MINUTES no longer count and are removed; a
    successful token request removes its client's rows.
    """

    client_id = models.CharField(max_length=100, blank=True)
    ip_address = models.CharField(max_length=45, blank=True)
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("mislukte tokenaanvraag")
        verbose_name_plural = _("mislukte tokenaanvragen")
        constraints = [models.UniqueConstraint(fields=["client_id", "ip_address"], name="api_token_failure_once")]

    def __str__(self) -> str:
        return f"{self.client_id or '-'} {self.ip_address or '-'}: {self.failures}"
