"""The team dashboard's signals: why a family needs the team, decided in SQL where possible, said in words.

The five signals about scores, contact and phase are boolean annotations on the
dashboard's one family query (`annotate_signals`), so the signal filter is a
WHERE clause and a row's flags and the filter can never disagree; the three about
children (a measure ending, a stay without authorisation, turning 18) are one query each for the whole team,
grouped in Python. Thresholds are read from settings.TEAM_SIGNALS on every call,
never copied into constants, so an organisation can tune them and tests can use
override_settings. `teams.dashboard.selectors` puts them on the dashboard's rows.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Case, F, Q, QuerySet, Value, When
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from accounts.models import Team
from casework.court.selectors import measures_ending_without_request, stays_without_authorisation
from casework.figures import latest_score
from casework.models import Family, Member, MemberRole, Phase
from casework.selectors import FamilyFigures, FigureAnnotations
from core.dates import add_months

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations  # a dev requirement: for the type checker only

    from casework.selectors import FamilyWithFigures


class SignalCode(models.TextChoices):
    """The signals that put a family on the team session's list of candidates."""

    VEILIGHEID_LAAG = "veiligheid_laag", gettext_lazy("veiligheid laag")
    VEILIGHEID_GEDAALD = "veiligheid_gedaald", gettext_lazy("veiligheid gedaald")
    LIJN_STIL = "lijn_stil", gettext_lazy("centrale lijn niet gestegen")
    GEEN_CONTACT = "geen_contact", gettext_lazy("geen recent contact")
    FASE_LANG = "fase_lang", gettext_lazy("langer in fase dan de norm")
    AFSPRAAK_OVER_DATUM = "afspraak_over_datum", gettext_lazy("afspraak over datum")
    MAATREGEL_EINDIGT = "maatregel_eindigt", gettext_lazy("maatregel eindigt, geen verzoek")
    VERBLIJF_ZONDER_GRONDSLAG = "verblijf_zonder_grondslag", gettext_lazy("verblijf zonder geldige grondslag")
    WORDT_18 = "wordt_18", gettext_lazy("jeugdige wordt binnenkort 18")


# The signals decided in SQL, each a boolean annotation named sig_<code>.
SQL_SIGNALS = [
    SignalCode.VEILIGHEID_LAAG,
    SignalCode.VEILIGHEID_GEDAALD,
    SignalCode.LIJN_STIL,
    SignalCode.GEEN_CONTACT,
    SignalCode.FASE_LANG,
    SignalCode.AFSPRAAK_OVER_DATUM,
]


@dataclass(frozen=True)
class Signal:
    code: str
    reason: str


class SignalAnnotations(FigureAnnotations):
    """What `annotate_signals` adds to casework's figures (a `SignalledFamily` to the type checker)."""

    lijn_then: int | None
    sig_veiligheid_laag: bool
    sig_veiligheid_gedaald: bool
    sig_lijn_stil: bool
    sig_geen_contact: bool
    sig_fase_lang: bool
    sig_afspraak_over_datum: bool


if TYPE_CHECKING:
    SignalledFamily = WithAnnotations[Family, SignalAnnotations]


# --- dates ---------------------------------------------------------------------------


def _eighteenth_birthday(born: dt.date) -> dt.date:
    """Born on 29 February: 18 on 28 February in a common year (the same rule as add_months)."""
    return add_months(born, 18 * 12)


def _fmt(day: dt.date) -> str:
    return f"{day:%d-%m-%Y}"


# --- the signals ---------------------------------------------------------------------


def _flag(condition: Q | None) -> Case | Value:
    """A condition as a true/false column; NULL scores count as false, not unknown."""
    if condition is None:
        return Value(False)
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


def annotate_signals(
    families: "QuerySet[FamilyWithFigures]", *, today: dt.date, norms: dict[str, int]
) -> "QuerySet[SignalledFamily]":
    """The six signals SQL can decide, as boolean annotations `sig_<code>` on `families`.

    `families` carries `casework.selectors.family_annotate_figures`. The rules,
    each threshold from settings: safety at most SAFETY_LOW_AT_MOST; safety at
    least SAFETY_DROP_AT_LEAST lower than at the previous contact; the latest
    centrale lijn no higher than the latest score on or before
    LIJN_STALLED_WEEKS weeks ago; no recent contact, which is casework's
    `contact_overdue` (the same rule as "Mijn gezinnen"); more days in the phase
    than its norm (`norms`, per phase); an open agreement of the current plan past its date.
    """
    t = settings.TEAM_SIGNALS
    stalled_on = today - dt.timedelta(weeks=t["LIJN_STALLED_WEEKS"])
    phase_long = None
    for phase, days in norms.items():
        over = Q(phase=phase, phase_since__lt=today - dt.timedelta(days=days))
        phase_long = over if phase_long is None else phase_long | over
    return families.annotate(lijn_then=latest_score("lijn_score", on=stalled_on)).annotate(
        sig_veiligheid_laag=_flag(Q(last_safety__lte=t["SAFETY_LOW_AT_MOST"])),
        sig_veiligheid_gedaald=_flag(Q(prev_safety__gte=F("last_safety") + t["SAFETY_DROP_AT_LEAST"])),
        # Only families with a score from before the period: a new family has not "stalled". No separate
        # IS NOT NULL: a comparison with NULL is not true either, and each mention of `lijn_then` is one
        # more run of its subquery per row.
        sig_lijn_stil=_flag(Q(last_lijn__lte=F("lijn_then"))),
        sig_geen_contact=F("contact_overdue"),
        sig_fase_lang=_flag(phase_long),
        # An open agreement of the current plan past its date (the figures' own count, no query of its own).
        sig_afspraak_over_datum=_flag(Q(overdue_agreements__gt=0)),
    )


def measures_ending(*, team: Team, today: dt.date) -> dict[int, list[Signal]]:
    """Measures of the team's children ending soon with no request to the court pending, one query.

    The rule is court work's own (`casework.court.selectors`): an OTS runs a year at
    most, and the request to extend or end it is due weeks before; the signal
    says by when ("verzoek verlenging uiterlijk ...") and is gone once a request is prepared.
    """
    found = measures_ending_without_request(families=Family.objects.filter(team=team), today=today)
    return {
        family_id: [Signal(SignalCode.MAATREGEL_EINDIGT, ending.reason()) for ending in endings]
        for family_id, endings in found.items()
    }


def stays_unauthorised(*, team: Team, today: dt.date) -> dict[int, list[Signal]]:
    """Children of the team living out of home today without a valid authorisation (casework.court.rules)."""
    found = stays_without_authorisation(families=Family.objects.filter(team=team), today=today)
    return {
        family_id: [Signal(SignalCode.VERBLIJF_ZONDER_GRONDSLAG, problem.reason()) for problem in problems]
        for family_id, problems in found.items()
    }


def turning_18(*, team: Team, today: dt.date) -> dict[int, list[Signal]]:
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
        birthday = _eighteenth_birthday(born)  # type: ignore[arg-type]  # date_of_birth__gt above: never NULL
        if today < birthday <= until:
            reason = _("%(name)s wordt 18 op %(date)s") % {"name": name, "date": _fmt(birthday)}
            found[family_id].append(Signal(SignalCode.WORDT_18, reason))
    return found


@lru_cache(maxsize=8192)
def _said(language: str | None, code: str, *values: Any) -> str:
    """A signal's reason in words, for one language and these values.

    The same few texts recur on hundreds of rows (the same score, the same
    number of days): each is translated and formatted once, not per row.
    The thresholds are among `values`, so changed settings make new texts.
    """
    if code == SignalCode.VEILIGHEID_LAAG:
        score, limit = values
        return _("Veiligheid %(score)s: %(limit)s of lager") % {"score": score, "limit": limit}
    if code == SignalCode.VEILIGHEID_GEDAALD:
        prev, last = values
        return _("Veiligheid van %(prev)s naar %(last)s (−%(drop)s)") % {
            "prev": prev,
            "last": last,
            "drop": prev - last,
        }
    if code == SignalCode.LIJN_STIL:
        weeks, then, now = values
        return ngettext(
            "Centrale lijn niet gestegen in %(weeks)s week (%(then)s → %(now)s)",
            "Centrale lijn niet gestegen in %(weeks)s weken (%(then)s → %(now)s)",
            weeks,
        ) % {"weeks": weeks, "then": then, "now": now}
    if code == SignalCode.GEEN_CONTACT:
        (days,) = values
        return ngettext("Geen contact in %(days)s dag", "Geen contact in %(days)s dagen", days) % {"days": days}
    if code == _NEVER_SEEN:
        (days,) = values
        return ngettext(
            "Nog geen contact, %(days)s dag na de aanmelding",
            "Nog geen contact, %(days)s dagen na de aanmelding",
            days,
        ) % {"days": days}
    if code == SignalCode.AFSPRAAK_OVER_DATUM:
        (count,) = values
        return ngettext(
            "%(n)s open afspraak van het plan over datum", "%(n)s open afspraken van het plan over datum", count
        ) % {"n": count}
    days, phase, norm = values  # SignalCode.FASE_LANG
    return _("Al %(days)s dagen in %(phase)s (norm %(norm)s)") % {
        "days": days,
        "phase": Phase(phase).label,
        "norm": norm,
    }


# The "no contact" signal of a family never seen: its own wording, counted from the aanmelding.
_NEVER_SEEN = "geen_contact_nog_nooit"


def sql_signal_reasons(
    *, family: "SignalledFamily", figures: FamilyFigures, norm: int | None, today: dt.date
) -> list[Signal]:
    """The reasons for the signals the database raised, in words the team uses."""
    t = settings.TEAM_SIGNALS
    lang = get_language()
    signals = []
    if family.sig_veiligheid_laag:
        reason = _said(lang, SignalCode.VEILIGHEID_LAAG, family.last_safety, t["SAFETY_LOW_AT_MOST"])
        signals.append(Signal(SignalCode.VEILIGHEID_LAAG, reason))
    if family.sig_veiligheid_gedaald:
        reason = _said(lang, SignalCode.VEILIGHEID_GEDAALD, family.prev_safety, family.last_safety)
        signals.append(Signal(SignalCode.VEILIGHEID_GEDAALD, reason))
    if family.sig_lijn_stil:
        reason = _said(lang, SignalCode.LIJN_STIL, t["LIJN_STALLED_WEEKS"], family.lijn_then, family.last_lijn)
        signals.append(Signal(SignalCode.LIJN_STIL, reason))
    if family.sig_geen_contact:
        if figures.days_since_contact is not None:
            reason = _said(lang, SignalCode.GEEN_CONTACT, figures.days_since_contact)
        else:
            reason = _said(lang, _NEVER_SEEN, (today - family.opened_on).days)
        signals.append(Signal(SignalCode.GEEN_CONTACT, reason))
    if family.sig_fase_lang:
        reason = _said(lang, SignalCode.FASE_LANG, figures.days_in_phase, family.phase, norm)
        signals.append(Signal(SignalCode.FASE_LANG, reason))
    if family.sig_afspraak_over_datum:
        reason = _said(lang, SignalCode.AFSPRAAK_OVER_DATUM, family.overdue_agreements)
        signals.append(Signal(SignalCode.AFSPRAAK_OVER_DATUM, reason))
    return signals
