"""A proposal to grant access, and the append-only record of what happened to it.

The proposal's status is a convenience for lists; it changes only inside the
service that decides it, under a row lock, so a second approval finds it
decided. The history that counts is `GrantEvent`: one row per proposal,
approval, rejection, withdrawal or direct removal, with who and when, never
changed.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import limits
from core.fields import LimitedTextField
from core.models import AppendOnlyModel


class GrantStatus(models.TextChoices):
    OPEN = "open", _("wacht op goedkeuring")
    APPROVED = "approved", _("goedgekeurd")
    REJECTED = "rejected", _("afgewezen")
    WITHDRAWN = "withdrawn", _("ingetrokken")


class GrantProposal(models.Model):
    """One proposed grant: which kind, its details (payload), who proposed it and why."""

    kind = models.CharField(_("soort"), max_length=60)
    payload = models.JSONField(_("gegevens"), default=dict)
    summary = models.CharField(_("voorstel"), max_length=500)
    reason = LimitedTextField(_("toelichting"), max_length=limits.REASON)
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=GrantStatus.choices, default=GrantStatus.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("voorstel voor toegang")
        verbose_name_plural = _("voorstellen voor toegang")
        ordering = ["-proposed_at", "-id"]
        indexes = [models.Index(fields=["status", "-proposed_at"]), models.Index(fields=["team", "-proposed_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open", decided_by__isnull=True, decided_at__isnull=True)
                | (~models.Q(status="open") & models.Q(decided_by__isnull=False, decided_at__isnull=False)),
                name="grant_decided_has_who_and_when",
            ),
        ]

    def __str__(self) -> str:
        return self.summary

    @property
    def is_open(self) -> bool:
        return self.status == GrantStatus.OPEN


class GrantAction(models.TextChoices):
    PROPOSED = "proposed", _("voorgesteld")
    APPROVED = "approved", _("goedgekeurd en toegepast")
    REJECTED = "rejected", _("afgewezen")
    WITHDRAWN = "withdrawn", _("voorstel ingetrokken")
    REMOVED = "removed", _("toegang weggenomen")


class GrantEvent(AppendOnlyModel):
    """One step, never changed: who did what to which grant, when, and why.

    Self-contained (kind, summary, team and the person it is about are copied
    in), so a direct removal without a proposal reads the same, and the team's
    teamleider can be shown every row that concerns the team.
    """

    proposal = models.ForeignKey(GrantProposal, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("stap"), max_length=20, choices=GrantAction.choices)
    kind = models.CharField(_("soort"), max_length=60)
    summary = models.CharField(_("wat"), max_length=500)
    reason = LimitedTextField(_("reden"), max_length=limits.REASON, blank=True)
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("stap in een toegangsvoorstel")
        verbose_name_plural = _("stappen in toegangsvoorstellen")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["team", "-at"]), models.Index(fields=["subject_user", "-at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.summary}"
