"""Reads for the team dashboard: where the team's active families stand, and why some need the team.

Every figure comes from the database in a fixed number of queries whatever the
team's size: the per-family figures are correlated subqueries on one family
query (`casework.selectors.family_annotate_figures` plus a few of our own), the
signals that can be decided in SQL are boolean annotations on that same query
(so the signal filter is a WHERE clause, and a row's flags and the filter can
never disagree), and the two signals about children (a measure ending, turning
18) are one query each for the whole team, grouped in Python.

Thresholds are read from settings.TEAM_SIGNALS and TEAM_PHASE_NORM_DAYS on every
call, never copied into constants, so an organisation can tune them and tests
can use override_settings. A team's own PhaseNorm overrides the default norm.

The team figures page's parts are in `figures`; `dashboard_figures` here puts
them together. Nothing in either compares workers by their families' scores
(DESIGN.md section 5).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Case, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import Team, User
from accounts.selectors import team_choice_for_user
from casework.figures import active_on_filter, latest_score, score_distribution
from casework.models import Family, Measure, Member, MemberRole, Phase
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

__all__ = [
    "ANY_SIGNAL",
    "DashboardRow",
    "Signal",
    "SignalCode",
    "dashboard_candidates",
    "dashboard_figures",
    "dashboard_manager_choices",
    "dashboard_phase_norms",
    "dashboard_rows",
    "dashboard_signal_rules",
    "dashboard_team_choice",
    "dashboard_team_for_user",
]


class SignalCode(models.TextChoices):
    """The signals that put a family on the team session's list of candidates."""

    VEILIGHEID_LAAG = "veiligheid_laag", gettext_lazy("veiligheid laag")
    VEILIGHEID_GEDAALD = "veiligheid_gedaald", gettext_lazy("veiligheid gedaald")
    LIJN_STIL = "lijn_stil", gettext_lazy("centrale lijn niet gestegen")
    GEEN_CONTACT = "geen_contact", gettext_lazy("geen recent contact")
    FASE_LANG = "fase_lang", gettext_lazy("langer in fase dan de norm")
    MAATREGEL_EINDIGT = "maatregel_eindigt", gettext_lazy("maatregel eindigt binnenkort")
    WORDT_18 = "wordt_18", gettext_lazy("jeugdige wordt binnenkort 18")


# The signal filter also takes this value: "families with at least one signal".
ANY_SIGNAL = "elk"

# The signals decided in SQL, each a boolean annotation named sig_<code>.
_SQL_SIGNALS = [
    SignalCode.VEILIGHEID_LAAG,
    SignalCode.VEILIGHEID_GEDAALD,
    SignalCode.LIJN_STIL,
    SignalCode.GEEN_CONTACT,
    SignalCode.FASE_LANG,
]

_MEASURE_SHORT = {
    "ots": gettext_lazy("OTS"),
    "voogdij": gettext_lazy("Voogdij"),
    "jeugdreclassering": gettext_lazy("Jeugdreclassering"),
    "vrijwillig": gettext_lazy("Vrijwillig traject"),
}


@dataclass(frozen=True)
class Signal:
    code: str
    reason: str


@dataclass
class DashboardRow:
    """One active family on the dashboard. `family` carries the annotations of the query."""

    family: Family
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


# --- dates ---------------------------------------------------------------------------


def _eighteenth_birthday(born: dt.date) -> dt.date:
    """Born on 29 February: 18 on 28 February in a common year (the same rule as add_months)."""
    return add_months(born, 18 * 12)


def _fmt(day: dt.date) -> str:
    return f"{day:%d-%m-%Y}"


# --- whose dashboard -----------------------------------------------------------------


def dashboard_team_choice(*, user, team_id=None) -> tuple[Team, list[Team]]:
    """Every active member of a team sees its dashboard, whatever their team role:
    the team discusses its families together. Organisation roles are no team
    members and get 404, like anyone asking for a team that is not theirs.
    """
    return team_choice_for_user(user=user, team_id=team_id)


def dashboard_team_for_user(*, user, team_id=None) -> Team:
    """The team whose dashboard this user may see; `team_id` chooses among several, default the first."""
    return dashboard_team_choice(user=user, team_id=team_id)[0]


def dashboard_manager_choices(*, team: Team) -> list[User]:
    """The gezinsmanagers of the team's active families, by name: what the filter can choose from."""
    managers = active_families(team).values("manager_id")
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
        SignalCode.MAATREGEL_EINDIGT: _("een maatregel van een kind eindigt binnen %(n)s weken")
        % {"n": t["MEASURE_ENDING_WEEKS"]},
        SignalCode.WORDT_18: _("een kind wordt binnen %(n)s maanden 18") % {"n": t["TURNING_18_MONTHS"]},
    }
    return [(str(SignalCode(code).label), rule) for code, rule in rules.items()]


# --- the families and their signals --------------------------------------------------


def active_families(team: Team) -> QuerySet[Family]:
    return Family.objects.filter(team=team).exclude(phase=Phase.AFGESLOTEN)


def _flag(condition: Q | None) -> Case | Value:
    """A condition as a true/false column; NULL scores count as false, not unknown."""
    if condition is None:
        return Value(False)
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


def _discussed_window(today: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """From the start of the day DISCUSSED_WEEKS weeks ago up to now (or the end of `today` in the past)."""
    weeks = settings.TEAM_SIGNALS["DISCUSSED_WEEKS"]
    start, end_of_today = day_range(today - dt.timedelta(weeks=weeks), today)
    return start, timezone.now() if today >= timezone.localdate() else end_of_today


def _rows_queryset(*, team: Team, today: dt.date, norms: dict[str, int]) -> QuerySet[Family]:
    """The team's active families with their figures and the five signals SQL can decide, as one query.

    The rules, each threshold from settings: safety at most SAFETY_LOW_AT_MOST;
    safety at least SAFETY_DROP_AT_LEAST lower than at the previous contact; the
    latest centrale lijn no higher than the latest score on or before
    LIJN_STALLED_WEEKS weeks ago; the last contact more than NO_CONTACT_DAYS
    days ago (so a contact exactly that many days ago still counts as recent);
    more days in the phase than its norm.
    """
    t = settings.TEAM_SIGNALS
    stalled_on = today - dt.timedelta(weeks=t["LIJN_STALLED_WEEKS"])
    no_contact_before = today - dt.timedelta(days=t["NO_CONTACT_DAYS"])
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
    phase_long = None
    for phase, days in norms.items():
        over = Q(phase=phase, phase_since__lt=today - dt.timedelta(days=days))
        phase_long = over if phase_long is None else phase_long | over
    qs = family_annotate_figures(active_families(team).select_related("manager"), today=today)
    return qs.annotate(
        lijn_then=latest_score("lijn_score", on=stalled_on),
        discussed_at=Subquery(discussed[:1]),
    ).annotate(
        sig_veiligheid_laag=_flag(Q(last_safety__lte=t["SAFETY_LOW_AT_MOST"])),
        sig_veiligheid_gedaald=_flag(Q(prev_safety__gte=F("last_safety") + t["SAFETY_DROP_AT_LEAST"])),
        # Only families with a score from before the period: a new family has not "stalled".
        sig_lijn_stil=_flag(Q(lijn_then__isnull=False, last_lijn__lte=F("lijn_then"))),
        # Never seen counts from the aanmelding: a family waiting that long for a first visit is signalled too.
        sig_geen_contact=_flag(
            Q(last_contact_on__lt=no_contact_before) | Q(last_contact_on__isnull=True, opened_on__lt=no_contact_before)
        ),
        sig_fase_lang=_flag(phase_long),
    )


def _measures_ending(*, team: Team, today: dt.date) -> dict[int, list[Signal]]:
    """Measures of the team's children that end within MEASURE_ENDING_WEEKS (today included), one query.

    An OTS runs a year at most: the request to extend or end it must be prepared in time.
    """
    until = today + dt.timedelta(weeks=settings.TEAM_SIGNALS["MEASURE_ENDING_WEEKS"])
    rows = (
        Measure.objects.filter(child__family__team=team, end__gte=today, end__lte=until)
        .exclude(child__family__phase=Phase.AFGESLOTEN)
        .order_by("end", "id")
        .values_list("child__family_id", "kind", "child__first_name", "end")
    )
    found: dict[int, list[Signal]] = defaultdict(list)
    for family_id, kind, name, end in rows:
        reason = _("%(measure)s van %(name)s eindigt op %(date)s") % {
            "measure": _MEASURE_SHORT.get(kind, kind),
            "name": name,
            "date": _fmt(end),
        }
        found[family_id].append(Signal(SignalCode.MAATREGEL_EINDIGT, reason))
    return found


def _turning_18(*, team: Team, today: dt.date) -> dict[int, list[Signal]]:
    """Children (jeugdigen) of the team whose 18th birthday falls after today and within TURNING_18_MONTHS.

    The database narrows by date of birth with a day's margin; the exact test is
    `_eighteenth_birthday`, so a child born on 29 February is treated the same here
    as everywhere.
    """
    until = add_months(today, settings.TEAM_SIGNALS["TURNING_18_MONTHS"])
    born_after = add_months(today, -18 * 12) - dt.timedelta(days=1)
    born_until = add_months(until, -18 * 12) + dt.timedelta(days=1)
    rows = (
        Member.objects.filter(
            family__team=team, role=MemberRole.JEUGDIGE, date_of_birth__gt=born_after, date_of_birth__lte=born_until
        )
        .exclude(family__phase=Phase.AFGESLOTEN)
        .order_by("date_of_birth", "id")
        .values_list("family_id", "first_name", "date_of_birth")
    )
    found: dict[int, list[Signal]] = defaultdict(list)
    for family_id, name, born in rows:
        birthday = _eighteenth_birthday(born)
        if today < birthday <= until:
            reason = _("%(name)s wordt 18 op %(date)s") % {"name": name, "date": _fmt(birthday)}
            found[family_id].append(Signal(SignalCode.WORDT_18, reason))
    return found


def _sql_signals(family: Family, figures: FamilyFigures, norm: int | None, today: dt.date) -> list[Signal]:
    """The reasons for the signals the database raised, in words the team uses."""
    t = settings.TEAM_SIGNALS
    signals = []
    if family.sig_veiligheid_laag:
        reason = _("Veiligheid %(score)s: %(limit)s of lager") % {
            "score": family.last_safety,
            "limit": t["SAFETY_LOW_AT_MOST"],
        }
        signals.append(Signal(SignalCode.VEILIGHEID_LAAG, reason))
    if family.sig_veiligheid_gedaald:
        reason = _("Veiligheid van %(prev)s naar %(last)s (−%(drop)s)") % {
            "prev": family.prev_safety,
            "last": family.last_safety,
            "drop": family.prev_safety - family.last_safety,
        }
        signals.append(Signal(SignalCode.VEILIGHEID_GEDAALD, reason))
    if family.sig_lijn_stil:
        weeks = t["LIJN_STALLED_WEEKS"]
        reason = ngettext(
            "Centrale lijn niet gestegen in %(weeks)s week (%(then)s → %(now)s)",
            "Centrale lijn niet gestegen in %(weeks)s weken (%(then)s → %(now)s)",
            weeks,
        ) % {"weeks": weeks, "then": family.lijn_then, "now": family.last_lijn}
        signals.append(Signal(SignalCode.LIJN_STIL, reason))
    if family.sig_geen_contact:
        if figures.days_since_contact is not None:
            days = figures.days_since_contact
            reason = ngettext("Geen contact in %(days)s dag", "Geen contact in %(days)s dagen", days) % {"days": days}
        else:
            days = (today - family.opened_on).days
            reason = ngettext(
                "Nog geen contact, %(days)s dag na de aanmelding",
                "Nog geen contact, %(days)s dagen na de aanmelding",
                days,
            ) % {"days": days}
        signals.append(Signal(SignalCode.GEEN_CONTACT, reason))
    if family.sig_fase_lang:
        reason = _("Al %(days)s dagen in %(phase)s (norm %(norm)s)") % {
            "days": figures.days_in_phase,
            "phase": family.get_phase_display(),
            "norm": norm,
        }
        signals.append(Signal(SignalCode.FASE_LANG, reason))
    return signals


def dashboard_rows(
    *,
    team: Team,
    today: dt.date | None = None,
    manager_id: int | None = None,
    phase: str | None = None,
    signal: str | None = None,
) -> list[DashboardRow]:
    """Every active family of the team with its figures and signals, by name, in four queries.

    The queries: the team's phase norms, the measures ending, the children
    turning 18, and the families themselves with every other figure and signal
    as annotations. Filters: the gezinsmanager, the phase, and a signal code
    (or ANY_SIGNAL for families with at least one signal).
    """
    today = today or timezone.localdate()
    norms = dashboard_phase_norms(team=team)
    measures = _measures_ending(team=team, today=today)
    birthdays = _turning_18(team=team, today=today)
    qs = _rows_queryset(team=team, today=today, norms=norms)
    if manager_id:
        qs = qs.filter(manager_id=manager_id)
    if phase:
        qs = qs.filter(phase=phase)
    if signal in _SQL_SIGNALS:
        qs = qs.filter(**{f"sig_{signal}": True})
    elif signal == SignalCode.MAATREGEL_EINDIGT:
        qs = qs.filter(pk__in=list(measures))
    elif signal == SignalCode.WORDT_18:
        qs = qs.filter(pk__in=list(birthdays))
    elif signal == ANY_SIGNAL:
        any_sql = Q(pk__in=[*measures, *birthdays])
        for code in _SQL_SIGNALS:
            any_sql |= Q(**{f"sig_{code}": True})
        qs = qs.filter(any_sql)
    elif signal:
        qs = qs.none()
    rows = []
    for family in qs.order_by("name", "id"):
        figures = family_figures(family=family, today=today)
        norm = norms.get(family.phase)
        signals = _sql_signals(family, figures, norm, today)
        signals += measures.get(family.pk, []) + birthdays.get(family.pk, [])
        rows.append(DashboardRow(family, figures, norm, family.discussed_at, signals))
    return rows


def _urgency(row: DashboardRow) -> tuple:
    safety = row.family.last_safety
    return (-len(row.signals), 11 if safety is None else safety, row.family.name, row.family.pk)


def dashboard_candidates(*, team: Team, today: dt.date | None = None) -> list[DashboardRow]:
    """Families with at least one signal, most urgent first: the list that helps fill the session's agenda.

    Most signals first, then the lowest safety (families without a score after
    those with one), then by name.
    """
    return sorted(dashboard_rows(team=team, today=today, signal=ANY_SIGNAL), key=_urgency)


def dashboard_figures(*, team: Team, today: dt.date | None = None) -> TeamFigures:
    """The team's figures, in eight queries whatever the team's size.

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
    active_then = Family.objects.filter(team=team).filter(active_on_filter(on=then))
    caseload = team_caseload(team=team, active=active_families(team), today=today)
    scores_now = score_distribution(families=active_families(team), on=today)
    return TeamFigures(
        today=today,
        active_families=scores_now.families,
        caseload=caseload,
        scores_now=scores_now,
        scores_then=score_distribution(families=active_then, on=then),
        phases=team_phase_durations(team=team, today=today, since=year_ago, norms=dashboard_phase_norms(team=team)),
        lead_time=team_lead_time(team=team, today=today, since=year_ago),
        months=team_months(team=team, today=today),
    )
