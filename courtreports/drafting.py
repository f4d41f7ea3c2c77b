"""The report's sections, and the first draft of each from what the file already holds.

Nothing in the file is typed again: the family and its children, the measure's
history, the plan's centrale lijn, zorgen, krachten and goals with what became
of the agreements, the two scores' course with their reasons, the partners'
help and the team's decisions are written out here from the file, as text the
worker may then edit. What only the worker can write (the analysis, the
parents' and the child's own words, the request and its grounds) starts empty
with a question to answer.
"""

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework import selectors as casework_selectors
from casework.court.models import CourtRequest
from casework.court.selectors import family_measures
from casework.models import Contact, Family, FamilyStatement
from casework.partners.selectors import inzet_list_for_family
from teams.sessions.selectors import decisions_for_family

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

SCORES_SHOWN = 8  # the latest conversations whose reasons the report quotes


@dataclass(frozen=True)
class Section:
    key: str
    title: "StrOrPromise"
    from_file: bool
    question: "StrOrPromise" = ""


SECTIONS = [
    Section("gezin", gettext_lazy("Het gezin en de kinderen"), True),
    Section("maatregel", gettext_lazy("De maatregel tot nu toe"), True),
    Section("centrale_lijn", gettext_lazy("De centrale lijn"), True),
    Section("zorgen", gettext_lazy("Zorgen"), True),
    Section("krachten", gettext_lazy("Krachten"), True),
    Section("doelen", gettext_lazy("Doelen en wat er van de afspraken is gekomen"), True),
    Section("scores", gettext_lazy("Veiligheid en centrale lijn in de tijd"), True),
    Section("hulp", gettext_lazy("Hulp van partners en hoe die verliep"), True),
    Section("besluiten", gettext_lazy("Besluiten van het team"), True),
    Section(
        "analyse",
        gettext_lazy("Analyse"),
        False,
        gettext_lazy("Wat is er veranderd, wat niet, en wat betekent dat voor de veiligheid van de kinderen?"),
    ),
    Section(
        "visie_ouders",
        gettext_lazy("De visie van de ouders"),
        False,
        gettext_lazy("Wat zeggen de ouders zelf, in hun eigen woorden?"),
    ),
    Section(
        "visie_kind",
        gettext_lazy("De visie van het kind"),
        False,
        gettext_lazy("Wat zegt het kind zelf, in zijn of haar eigen woorden?"),
    ),
    Section(
        "verzoek",
        gettext_lazy("Het verzoek en de gronden"),
        False,
        gettext_lazy("Wat verzoekt de GI de rechter, voor welke periode, en waarom?"),
    ),
]
SECTION_KEYS = [s.key for s in SECTIONS]


def section_by_key(key: str) -> Section | None:
    return next((s for s in SECTIONS if s.key == key), None)


def _day(day: dt.date | None) -> str:
    return f"{day:%d-%m-%Y}" if day else "-"


def _family(family: Family) -> str:
    lines = []
    for member in casework_selectors.family_members(family=family):
        born = _("geboren %(d)s") % {"d": _day(member.date_of_birth)} if member.date_of_birth else ""
        lines.append(f"- {member} ({member.get_role_display()}{', ' + born if born else ''})")
    return "\n".join(lines)


def _measures(family: Family) -> str:
    lines = []
    for measure in family_measures(family=family):
        lines.append(f"{measure.get_kind_display()} – {measure.child}:")
        for period in measure.periods.all():
            ruling = period.ruling
            granted = (
                _(" (beschikking %(court)s, %(case)s, %(d)s)")
                % {"court": ruling.court, "case": ruling.case_number, "d": _day(ruling.ruled_on)}
                if ruling
                else ""
            )
            lines.append(
                _("- %(kind)s: %(start)s tot en met %(end)s%(granted)s")
                % {
                    "kind": period.get_kind_display(),
                    "start": _day(period.start),
                    "end": _day(period.end),
                    "granted": granted,
                }
            )
        if measure.ended_on:
            lines.append(
                _("- beëindigd op %(d)s: %(r)s") % {"d": _day(measure.ended_on), "r": measure.get_end_reason_display()}
            )
    return "\n".join(lines)


def _goals(plan) -> str:
    if plan is None:
        return ""
    agreements = list(plan.agreements.all())
    lines = [plan.goals.strip()] if plan.goals.strip() else []
    if agreements:
        lines += ["", _("Afspraken:")] if lines else [_("Afspraken:")]
    for agreement in agreements:
        due = _(", uiterlijk %(d)s") % {"d": _day(agreement.due_on)} if agreement.due_on else ""
        lines.append(f"- {agreement.description} ({agreement.owner_label}{due}): {agreement.get_status_display()}")
    return "\n".join(lines)


def _statement(statement: FamilyStatement) -> str:
    return _("Eigen verklaring van %(who)s (%(d)s), na een afgewezen verzoek tot correctie: %(text)s") % {
        "who": statement.by_name,
        "d": _day(timezone.localtime(statement.at).date()),
        "text": statement.text,
    }


def _scores(family: Family) -> str:
    """The latest scores with their reasons; where the family disputed a contact, their own words beside it."""
    contacts = list(Contact.objects.filter(family=family).order_by("-date", "-id")[:SCORES_SHOWN])
    disputed: dict[int, list[FamilyStatement]] = {}
    for statement in FamilyStatement.objects.filter(contact__in=contacts).order_by("at", "id"):
        disputed.setdefault(statement.contact_id, []).append(statement)
    lines = []
    for c in reversed(contacts):
        lines.append(
            _("%(d)s – veiligheid %(s)s: %(sw)s Centrale lijn %(l)s: %(lw)s")
            % {"d": _day(c.date), "s": c.safety_score, "sw": c.safety_why, "l": c.lijn_score, "lw": c.lijn_why}
        )
        lines += [f"  {_statement(st)}" for st in disputed.get(c.pk, [])]
    return "\n".join(lines)


def _parents_statements(family: Family) -> str:
    """The family's own statements about the file as a whole: their words, to build their view on."""
    statements = FamilyStatement.objects.filter(family=family, contact__isnull=True).order_by("at", "id")
    return "\n".join(_statement(st) for st in statements)


def _help(family: Family) -> str:
    lines = []
    for inzet in inzet_list_for_family(family=family):
        history = ", ".join(f"{ch.get_to_status_display()} {_day(ch.on)}" for ch in inzet.status_changes.all())
        lines.append(f"- {inzet.description} ({inzet.partner}): {inzet.get_status_display()}. {history}")
    return "\n".join(lines)


def _decisions(family: Family) -> str:
    decisions = reversed(decisions_for_family(family=family, limit=10))
    return "\n".join(f"- {_day(timezone.localtime(d.recorded_at).date())}: {d.text}" for d in decisions)


def draft_sections(*, request: CourtRequest, family: Family) -> dict[str, str]:
    """Every section's first text: from the file where it holds the answer, empty where the worker writes."""
    plan = casework_selectors.plan_current_with_agreements(family=family)
    drafted = {
        "gezin": _family(family),
        "maatregel": _measures(family),
        "centrale_lijn": plan.centrale_lijn if plan else "",
        "zorgen": plan.zorgen if plan else "",
        "krachten": plan.krachten if plan else "",
        "doelen": _goals(plan),
        "scores": _scores(family),
        "hulp": _help(family),
        "besluiten": _decisions(family),
        "visie_ouders": _parents_statements(family),
    }
    return {key: drafted.get(key, "") for key in SECTION_KEYS}
