"""Reads for the team dashboard: where the team's active families stand, and why some need the team.

Every figure comes from the database in a fixed number of queries whatever the
team's size: the per-family figures are correlated subqueries on one family
query (`casework.selectors.family_annotate_figures` plus a few of our own), and
the signals (`signals`) are annotations on that same query or one query each
for the whole team.

Thresholds are read from settings.TEAM_SIGNALS and TEAM_PHASE_NORM_DAYS on every
call, never copied into constants, so an organisation can tune them and tests
can use override_settings. A team's own PhaseNorm overrides the default norm.

The team figures page's parts are in `figures`; `dashboard_figures` here puts
them together. Nothing here compares workers by their families' scores
(DESIGN.md section 5).
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Team, User
from accounts.selectors import team_choice_for_user
from casework.access import families_of_team, families_of_team_for_user
from casework.figures import active_on_filter, score_distributions
from casework.models import Family, Phase
from casework.selectors import FamilyFigures, family_annotate_figures, family_figures
from core.dates import add_months, day_range

from ..models import CaseDiscussion, PhaseNorm, SessionStatus
from .figures import (
    TeamFigures,
    team_caseload,
    team_lead_time,
    team_months,
    team_phase_durations,
)
from .signals import (
    SQL_SIGNALS,
    Signal,
    SignalAnnotations,
    SignalCode,
    annotate_signals,
    measures_ending,
    sql_signal_reasons,
    stays_unauthorised,
    turning_18,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations  # a dev requirement: for the type checker only

__all__ = [
    "ANY_SIGNAL",
    "DashboardRow",
    "dashboard_candidates",
    "dashboard_figures",
    "dashboard_manager_choices",
    "dashboard_phase_norms",
    "dashboard_rows",
    "dashboard_signal_rules",
    "dashboard_team_choice",
    "dashboard_team_for_user",
]


# The signal filter also takes this value: "families with at least one signal".
ANY_SIGNAL = "elk"


class DashboardAnnotations(SignalAnnotations):
    """The dashboard's family query: casework's figures, the signals, and when it was last discussed."""

    discussed_at: dt.datetime | None


if TYPE_CHECKING:
    DashboardFamily = WithAnnotations[Family, DashboardAnnotations]


@dataclass
class DashboardRow:
    """One active family on the dashboard. `family` carries the annotations of the query."""

    family: "DashboardFamily"
    figures: FamilyFigures
    phase_norm_days: int | None
    discussed_at: dt.datetime | None
    signals: list[Signal] = field(default_factory=list)

    @property
    def discussed(self) -> bool:
        return self.discussed_at is not None

    @property
    def signal_codes(self) -> set[str]:
        return {s.code for s in self.signals}


# --- whose dashboard -----------------------------------------------------------------


def dashboard_team_choice(*, user: User, team_id: int | str | None = None) -> tuple[Team, list[Team]]:
    """Every active member of a team sees its dashboard, whatever their team role:
    the team discusses its families together. Organisation roles are no team
    members and get 404, like anyone asking for a team that is not theirs.
    """
    return team_choice_for_user(user=user, team_id=team_id)


def dashboard_team_for_user(*, user: User, team_id: int | str | None = None) -> Team:
    """The team whose dashboard this user may see; `team_id` chooses among several, default the first."""
    return dashboard_team_choice(user=user, team_id=team_id)[0]


def dashboard_manager_choices(*, team: Team, user: User | None = None) -> list[User]:
    """The gezinsmanagers of the team's active families, by name: what the filter can choose from."""
    managers = dashboard_families(team=team, user=user).values("manager_id")
    return list(User.objects.filter(pk__in=managers).order_by("first_name", "last_name", "pk"))


def dashboard_phase_norms(*, team: Team) -> dict[str, int]:
    """Days per phase before "longer in phase than the norm" fires: the team's own, else the default."""
    norms = dict(settings.TEAM_PHASE_NORM_DAYS)
    norms.update(PhaseNorm.objects.filter(team=team).values_list("phase", "max_days"))
    return norms


def dashboard_signal_rules() -> list[tuple[str, str]]:
    """Each signal with its rule in words, from the current settings, so the team sees why a family is listed."""
    t = settings.TEAM_SIGNALS
    rules = {
        SignalCode.VEILIGHEID_LAAG: _("laatste score actuele veiligheid %(n)s of lager")
        % {"n": t["SAFETY_LOW_AT_MOST"]},
        SignalCode.VEILIGHEID_GEDAALD: _("actuele veiligheid %(n)s of meer gedaald sinds het vorige contact")
        % {"n": t["SAFETY_DROP_AT_LEAST"]},
        SignalCode.LIJN_STIL: _("centrale lijn niet hoger dan %(n)s weken geleden") % {"n": t["LIJN_STALLED_WEEKS"]},
        SignalCode.GEEN_CONTACT: _("meer dan %(n)s dagen geen contact") % {"n": t["NO_CONTACT_DAYS"]},
        SignalCode.FASE_LANG: _("langer in de fase dan de norm van het team (zie de kolom Fase)"),
        SignalCode.AFSPRAAK_OVER_DATUM: _("een open afspraak van het huidige gezinsplan is over haar datum"),
        SignalCode.MAATREGEL_EINDIGT: _(
            "een maatregel van een kind eindigt binnen %(n)s weken en er is nog geen verzoek aan de rechtbank"
        )
        % {"n": max(t["MEASURE_ENDING_WEEKS"], settings.COURT["EXTENSION_REQUEST_LEAD_WEEKS"])},
        SignalCode.VERBLIJF_ZONDER_GRONDSLAG: _(
            "een kind woont buiten huis zonder geldige machtiging of maatregel die het verblijf toestaat"
        ),
        SignalCode.WORDT_18: _("een kind wordt binnen %(n)s maanden 18") % {"n": t["TURNING_18_MONTHS"]},
    }
    return [(str(SignalCode(code).label), rule) for code, rule in rules.items()]


# --- the families and their signals --------------------------------------------------


def dashboard_families(*, team: Team, user: User | None = None) -> QuerySet[Family]:
    """The team's active families: what its dashboard lists.

    With `user` (the pages), read through casework's one access path: the
    families of the team this user may read as a caseload. Without, every
    active family of the team: for what is made for the team as a whole (the
    weekly report, the figures' aggregates), whose readers are checked when
    they open it (`reports.selectors`, `dashboard_team_choice`).
    """
    families = families_of_team(team=team) if user is None else families_of_team_for_user(user=user, team=team)
    return families.exclude(phase=Phase.AFGESLOTEN)


def _discussed_window(today: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """From the start of the day DISCUSSED_WEEKS weeks ago up to now (or the end of `today` in the past)."""
    weeks = settings.TEAM_SIGNALS["DISCUSSED_WEEKS"]
    start, end_of_today = day_range(today - dt.timedelta(weeks=weeks), today)
    return start, timezone.now() if today >= timezone.localdate() else end_of_today


def _rows_queryset(
    *, team: Team, user: User | None, today: dt.date, norms: dict[str, int]
) -> "QuerySet[DashboardFamily]":
    """The team's active families with their figures, the five signals SQL can decide and when they were
    last discussed, as one query."""
    since, until = _discussed_window(today)
    discussed = (
        CaseDiscussion.objects.filter(
            family=OuterRef("pk"), session__starts_at__gte=since, session__starts_at__lte=until
        )
        .exclude(session__status=SessionStatus.CONCEPT)  # a session never published was never held
        .filter()
        .order_by("-session__starts_at")
        .values("session__starts_at")
    )
    qs = family_annotate_figures(dashboard_families(team=team, user=user).select_related("manager"), today=today)
    return annotate_signals(qs, today=today, norms=norms).annotate(discussed_at=Subquery(discussed[:1]))


def dashboard_rows(
    *,
    team: Team,
    user: User | None = None,
    today: dt.date | None = None,
    manager_id: int | None = None,
    phase: str | None = None,
    signal: str | None = None,
) -> list[DashboardRow]:
    """Every active family of the team with its figures and signals, by name, in five queries.

    The queries: the team's phase norms, the measures ending, the stays without
    an authorisation, the children turning 18, and the families themselves with every other figure and signal
    as annotations. Filters: the gezinsmanager, the phase, and a signal code
    (or ANY_SIGNAL for families with at least one signal). `user`: see
    `dashboard_families`.
    """
    today = today or timezone.localdate()
    norms = dashboard_phase_norms(team=team)
    measures = measures_ending(team=team, today=today)
    stays = stays_unauthorised(team=team, today=today)
    birthdays = turning_18(team=team, today=today)
    qs = _rows_queryset(team=team, user=user, today=today, norms=norms)
    if manager_id:
        qs = qs.filter(manager_id=manager_id)
    if phase:
        qs = qs.filter(phase=phase)
    if signal in SQL_SIGNALS:
        qs = qs.filter(**{f"sig_{signal}": True})
    elif signal == SignalCode.MAATREGEL_EINDIGT:
        qs = qs.filter(pk__in=list(measures))
    elif signal == SignalCode.VERBLIJF_ZONDER_GRONDSLAG:
        qs = qs.filter(pk__in=list(stays))
    elif signal == SignalCode.WORDT_18:
        qs = qs.filter(pk__in=list(birthdays))
    elif signal == ANY_SIGNAL:
        any_sql = Q(pk__in=[*measures, *stays, *birthdays])
        for code in SQL_SIGNALS:
            any_sql |= Q(**{f"sig_{code}": True})
        qs = qs.filter(any_sql)
    elif signal:
        qs = qs.none()
    rows = []
    for family in qs.order_by("name", "id"):
        figures = family_figures(family=family, today=today)
        norm = norms.get(family.phase)
        signals = sql_signal_reasons(family=family, figures=figures, norm=norm, today=today)
        signals += measures.get(family.pk, []) + stays.get(family.pk, []) + birthdays.get(family.pk, [])
        rows.append(DashboardRow(family, figures, norm, family.discussed_at, signals))
    return rows


def _urgency(row: DashboardRow) -> tuple[Any, ...]:
    safety = row.family.last_safety
    return (-len(row.signals), 11 if safety is None else safety, row.family.name, row.family.pk)


def dashboard_candidates(*, team: Team, user: User | None = None, today: dt.date | None = None) -> list[DashboardRow]:
    """Families with at least one signal, most urgent first: the list that helps fill the session's agenda.

    Most signals first, then the lowest safety (families without a score after
    those with one), then by name.
    """
    return sorted(dashboard_rows(team=team, user=user, today=today, signal=ANY_SIGNAL), key=_urgency)


def dashboard_figures(*, team: Team, today: dt.date | None = None) -> TeamFigures:
    """The team's figures, in six queries whatever the team's size.

    Caseload per gezinsmanager; the distribution of both scores now and three
    months ago (families active on that day: opened on or before it and not
    closed by then); median days per phase (completed stays of the last twelve
    months and current stays, see `figures.team_phase_durations`); the lead time
    of the families closed in the last twelve months; families started and closed
    per month. Families count in the team they belong to now: moving a family to
    another team moves its history with it.
    """
    today = today or timezone.localdate()
    then = add_months(today, -3)
    year_ago = add_months(today, -12)
    active_then = families_of_team(team=team).filter(active_on_filter(on=then))
    caseload = team_caseload(team=team, active=dashboard_families(team=team), today=today)
    # Both days' distributions in one pass (a lateral join on PostgreSQL, casework.figures).
    scores = score_distributions(days={today: dashboard_families(team=team), then: active_then})
    scores_now = scores[today]
    return TeamFigures(
        today=today,
        active_families=scores_now.families,
        caseload=caseload,
        scores_now=scores_now,
        scores_then=scores[then],
        phases=team_phase_durations(team=team, today=today, since=year_ago, norms=dashboard_phase_norms(team=team)),
        lead_time=team_lead_time(team=team, today=today, since=year_ago),
        months=team_months(team=team, today=today),
    )
