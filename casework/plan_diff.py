"""Compare two versions of a gezinsplan, section by section, line by line."""

import difflib
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import PlanVersion

SECTIONS = [
    ("zorgen", _("Zorgen")),
    ("krachten", _("Krachten")),
    ("centrale_lijn", _("Centrale lijn")),
    ("goals", _("Doelen")),
    ("safety_agreements", _("Veiligheidsafspraken")),
]


@dataclass
class DiffLine:
    op: str  # "same", "added", "removed"
    text: str


@dataclass
class SectionDiff:
    title: str
    lines: list[DiffLine]
    changed: bool


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in (text or "").splitlines() if line.strip()]


def _agreement_lines(plan: PlanVersion) -> list[str]:
    lines = []
    for a in plan.agreements.all():
        due = f", uiterlijk {a.due_on:%d-%m-%Y}" if a.due_on else ""
        lines.append(f"{a.description} ({a.owner_label}{due}) [{a.get_status_display()}]")
    return lines


def _diff(old: list[str], new: list[str]) -> list[DiffLine]:
    out: list[DiffLine] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            out.extend(DiffLine("same", line) for line in old[i1:i2])
            continue
        out.extend(DiffLine("removed", line) for line in old[i1:i2])
        out.extend(DiffLine("added", line) for line in new[j1:j2])
    return out


def plan_compare(*, old: PlanVersion, new: PlanVersion) -> list[SectionDiff]:
    result = []
    for field, title in SECTIONS:
        lines = _diff(_lines(getattr(old, field)), _lines(getattr(new, field)))
        result.append(SectionDiff(str(title), lines, any(d.op != "same" for d in lines)))
    lines = _diff(_agreement_lines(old), _agreement_lines(new))
    result.append(SectionDiff(str(_("Afspraken")), lines, any(d.op != "same" for d in lines)))
    old_date, new_date = old.agreed_with_parents_on, new.agreed_with_parents_on
    date_lines = _diff([f"{old_date:%d-%m-%Y}"] if old_date else [], [f"{new_date:%d-%m-%Y}"] if new_date else [])
    result.append(SectionDiff(str(_("Besproken met ouders op")), date_lines, old_date != new_date))
    return result
