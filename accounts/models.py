"""People and teams: the organisation structure every access rule starts from.

Teams and memberships live here (not in `teams/`) because casework, the ground
floor, needs them to decide who may see a family, and casework may not import
the apps built on top of it.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OrgRole(models.TextChoices):
    """Roles that hold across the organisation, not within one team."""

    NONE = "", _("geen")
    BESTUUR = "bestuur", _("bestuur")
    AUDITOR = "auditor", _("auditor / kwaliteit")
    BEHEER = "beheer", _("functioneel beheer")
    # Approves every grant that opens family data outside a team (accounts.grants); sees no family file.
    SECURITY = "security", _("privacy- en securityofficer")


class User(AbstractUser):  # type: ignore[django-manager-missing]  # django-otp devices are untyped
    org_role = models.CharField(_("organisatierol"), max_length=20, choices=OrgRole.choices, blank=True)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["first_name", "last_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_beheer(self) -> bool:
        return self.org_role == OrgRole.BEHEER or self.is_superuser

    @property
    def is_bestuur(self) -> bool:
        return self.org_role == OrgRole.BESTUUR

    @property
    def is_security_officer(self) -> bool:
        return self.org_role == OrgRole.SECURITY


class Team(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    region = models.CharField(_("regio"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TeamRole(models.TextChoices):
    GEZINSMANAGER = "gezinsmanager", _("gezinsmanager")
    SENIOR = "senior", _("senior gezinsmanager")
    GEDRAGSWETENSCHAPPER = "gedragswetenschapper", _("gedragswetenschapper")
    TEAMLEIDER = "teamleider", _("teamleider")


class MembershipQuerySet(models.QuerySet):
    def active(self, *, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(start__lte=on), Q(end__isnull=True) | Q(end__gte=on))


class Membership(models.Model):
    """A person's role in one team for a period. Ending it keeps the row."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("rol"), max_length=30, choices=TeamRole.choices)
    start = models.DateField(_("begin"), default=timezone.localdate)
    end = models.DateField(_("einde"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("teamlidmaatschap")
        verbose_name_plural = _("teamlidmaatschappen")
        ordering = ["team", "role", "user"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="membership_end_after_start",
            ),
        ]
        indexes = [models.Index(fields=["user", "team"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.team}"


# The grants subject keeps its models in its own package; imported here so Django finds them in this app.
from accounts.grants.models import GrantEvent, GrantProposal  # noqa: E402, F401

# The second factor's own record lives with its subject; imported here so Django finds the model.
from .second_factor.models import IdentityProviderDevice, PasswordResetMail, SecondFactorReset  # noqa: E402, F401
