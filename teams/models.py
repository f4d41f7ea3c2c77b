"""The team's weekly rhythm: team sessions, case discussions, decisions and their follow-up.

Teams and memberships themselves live in accounts (casework needs them for access).
Decisions and their approvals are history: a decision is recorded once; a heavy
decision (zwaarwegend besluit) becomes final only when both the
gedragswetenschapper and the teamleider have recorded their agreement.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.models import Phase
from core import limits
from core.concurrency import Versioned
from core.fields import LimitedTextField
from core.models import AppendOnlyModel

User = settings.AUTH_USER_MODEL


class PhaseNorm(models.Model):
    """A team's norm for the days a family spends in a phase (signal when exceeded)."""

    team = models.ForeignKey("accounts.Team", on_delete=models.CASCADE, related_name="phase_norms")
    phase = models.CharField(_("fase"), max_length=20, choices=[c for c in Phase.choices if c[0] != Phase.AFGESLOTEN])
    max_days = models.PositiveIntegerField(_("maximaal aantal dagen"))

    class Meta:
        verbose_name = _("fasenorm")
        verbose_name_plural = _("fasenormen")
        constraints = [models.UniqueConstraint(fields=["team", "phase"], name="phase_norm_unique")]

    def __str__(self) -> str:
        return f"{self.team}: {self.get_phase_display()} ≤ {self.max_days} dagen"


class SessionKind(models.TextChoices):
    TEAMSESSIE = "teamsessie", _("teamsessie")
    COMPLEX = "complex", _("complexe zaken overleg")


class SessionStatus(models.TextChoices):
    CONCEPT = "concept", _("in voorbereiding")
    PUBLISHED = "gepubliceerd", _("agenda gepubliceerd")
    CLOSED = "afgesloten", _("afgesloten")


class TeamSession(Versioned):
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="sessions")
    kind = models.CharField(_("soort"), max_length=20, choices=SessionKind.choices, default=SessionKind.TEAMSESSIE)
    starts_at = models.DateTimeField(_("datum en tijd"))
    location = models.CharField(_("plaats"), max_length=120, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.CONCEPT)
    teamleider = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("teamleider"))
    gedragswetenschapper = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("gedragswetenschapper")
    )
    senior = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("senior")
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="team_sessions", verbose_name=_("aanwezig")
    )
    supervision_topic = models.CharField(_("supervisie: onderwerp"), max_length=200, blank=True)
    supervision_notes = LimitedTextField(_("supervisie: aantekeningen"), blank=True, max_length=limits.NOTE)
    team_matters = LimitedTextField(_("teamzaken"), blank=True, max_length=limits.NOTE)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("teamsessie")
        verbose_name_plural = _("teamsessies")
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["team", "-starts_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.team} {self.starts_at:%d-%m-%Y}"

    @property
    def is_held(self) -> bool:
        """Its day has come: decisions are recorded and the session closed from then on (teams.sessions)."""
        return timezone.localtime(self.starts_at).date() <= timezone.localdate()

    @property
    def leaders(self) -> set[int]:
        return {pk for pk in (self.teamleider_id, self.gedragswetenschapper_id, self.senior_id) if pk}


class CaseDiscussion(Versioned):
    """A family brought into the session (casusinbreng), with the team's answers."""

    session = models.ForeignKey(TeamSession, on_delete=models.PROTECT, related_name="discussions")
    family = models.ForeignKey("casework.Family", on_delete=models.PROTECT, related_name="+")
    presenter = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("brengt in"))
    question = LimitedTextField(_("vraag aan het team"), max_length=limits.ANSWER)
    casenote = LimitedTextField(_("reflectie (casenote)"), blank=True, max_length=limits.NOTE)
    recording_ref = models.CharField(_("verwijzing naar opname"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    # The kernvragen, answered during or after the session.
    safe_now = LimitedTextField(_("Is ieder kind nu veilig?"), blank=True, max_length=limits.ANSWER)
    centrale_lijn = LimitedTextField(_("Wat is de centrale lijn?"), blank=True, max_length=limits.ANSWER)
    raise_scores = LimitedTextField(
        _("Wat is nodig om beide scores te verhogen?"), blank=True, max_length=limits.ANSWER
    )
    who_does_what = LimitedTextField(_("Wie doet wat?"), blank=True, max_length=limits.ANSWER)
    new_direction = LimitedTextField(_("nieuwe richting"), blank=True, max_length=limits.ANSWER)
    added_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    # The kernvragen and decision have a version of their own (core.concurrency's counter "answers"), so a
    # casenote saved at the same time never makes a kernvragen edit stale; `version` is the preparation's.
    answers_version = models.PositiveIntegerField(default=1)
    answers_saved_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    answers_saved_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("casusinbreng")
        verbose_name_plural = _("casusinbrengen")
        ordering = ["session", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "family"], name="discussion_once_per_session")]
        indexes = [models.Index(fields=["family", "session"])]

    def __str__(self) -> str:
        return f"{self.family} in {self.session}"


class HeavyKind(models.TextChoices):
    """Zwaarwegende besluiten: taken with the gedragswetenschapper and the teamleider."""

    NONE = "", _("geen zwaarwegend besluit")
    PLACEMENT = "uithuisplaatsing", _("uithuisplaatsing")
    MEASURE = "maatregel", _("verzoek aan de rechter: maatregel verlengen of beëindigen")
    CLOSE = "afsluiten", _("gezin afsluiten")


class Decision(AppendOnlyModel):
    """The team's besluit on one case discussion. Recorded once; approvals are separate rows."""

    discussion = models.OneToOneField(CaseDiscussion, on_delete=models.PROTECT, related_name="decision")
    family = models.ForeignKey("casework.Family", on_delete=models.PROTECT, related_name="+")
    text = LimitedTextField(_("besluit"), max_length=limits.ANSWER)
    heavy = models.CharField(_("zwaarwegend"), max_length=20, choices=HeavyKind.choices, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        indexes = [models.Index(fields=["family", "recorded_at"])]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_heavy(self) -> bool:
        return bool(self.heavy)


class ApprovalRole(models.TextChoices):
    GEDRAGSWETENSCHAPPER = "gedragswetenschapper", _("gedragswetenschapper")
    TEAMLEIDER = "teamleider", _("teamleider")


class DecisionApproval(AppendOnlyModel):
    """Agreement with a heavy decision, recorded by the gedragswetenschapper or the teamleider."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="approvals")
    role = models.CharField(max_length=30, choices=ApprovalRole.choices)
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["decision", "role"], name="approval_once_per_role")]


class FollowUpAction(models.Model):
    """Who does what by when, following a decision. Only `done_at`/`done_by` ever change."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="actions")
    family = models.ForeignKey("casework.Family", on_delete=models.PROTECT, related_name="+")
    description = models.CharField(_("actie"), max_length=300)
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="follow_up_actions", verbose_name=_("wie"))
    due_on = models.DateField(_("uiterlijk"))
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["owner", "done_at"], condition=Q(done_at__isnull=True), name="action_open")]

    def __str__(self) -> str:
        return self.description
