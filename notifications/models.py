"""In-app notifications: a short line for one user, also sent by e-mail.

The text goes out by e-mail, so it never names a family or a child: it says
what happened and links to the page where the user, logged in, sees the rest.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("gebruiker"),
    )
    text = models.CharField(_("tekst"), max_length=500)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class OutgoingEmailStatus(models.TextChoices):
    PENDING = "wachtend", _("wachtend")
    SENT = "verzonden", _("verzonden")
    GIVEN_UP = "opgegeven", _("opgegeven")


class OutgoingEmail(models.Model):
    """The e-mail outbox: one row per message, written in the notification's own transaction.

    A mail server that is down delays a message, it never loses one: the row
    stays `wachtend` with its error and the time of the next attempt, and the
    sender (notifications.tasks) tries again with a growing wait. After
    EMAIL_OUTBOX_MAX_ATTEMPTS it is `opgegeven` and stays visible to functioneel
    beheer in the admin. Delivery is at least once (see services): the
    `message_id` goes out as the Message-ID header, so a repeat is recognisable
    as the same message.
    """

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, null=True, blank=True, related_name="emails", verbose_name=_("melding")
    )
    to_address = models.EmailField(_("aan"))
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("tekst"))
    message_id = models.CharField(_("Message-ID"), max_length=250, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=OutgoingEmailStatus.choices, default=OutgoingEmailStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    last_error = models.CharField(_("laatste fout"), max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(_("volgende poging"), default=timezone.now)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        ordering = ["-created_at", "-id"]
        # The sender's one question: which pending messages are due?
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.subject} ({self.get_status_display()})"
