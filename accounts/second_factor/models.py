"""What the second factor adds to the accounts' own tables (the devices are django-otp's)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from core.models import AppendOnlyModel


class SecondFactorReset(AppendOnlyModel):
    """Someone's second factor was removed, by whom and when: they enrol again at their next log-in.

    Append-only: a reset is a security event that must stay visible, whoever approved it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="second_factor_resets",
        verbose_name=_("gebruiker"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("door"),
    )
    at = models.DateTimeField(_("op"), default=timezone.now)
    devices_removed = models.PositiveIntegerField(_("verwijderde apparaten"))

    class Meta:
        app_label = "accounts"
        verbose_name = _("reset tweede stap")
        verbose_name_plural = _("resets tweede stap")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} – {self.at:%Y-%m-%d %H:%M}"


class IdentityProviderDevice(Device):
    """The second factor the organisation's identity provider checked (single sign-on, accounts/oidc.py).

    It verifies no code here: a session gets it only from a log-in whose ID token carried the required
    acr/amr value, and django-otp then counts that session as verified like any other device.
    """

    class Meta(Device.Meta):
        app_label = "accounts"
        verbose_name = _("tweede stap via eenmalige inlog")
        verbose_name_plural = _("tweede stap via eenmalige inlog")

    def verify_token(self, token: str) -> bool:
        return False


class PasswordResetMail(AppendOnlyModel):
    """A reset link was e-mailed to this person: when. Append-only, a security event like a reset.

    It also paces the links: within PASSWORD_RESET_MAIL_MINUTES of the last one no new one is sent,
    so nobody can flood a colleague's inbox from the "wachtwoord vergeten" page.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("gebruiker")
    )
    at = models.DateTimeField(_("op"), default=timezone.now, db_index=True)

    class Meta:
        app_label = "accounts"
        verbose_name = _("verstuurde wachtwoordlink")
        verbose_name_plural = _("verstuurde wachtwoordlinks")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} – {self.at:%Y-%m-%d %H:%M}"
