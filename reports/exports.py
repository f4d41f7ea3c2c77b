"""The CSV download of a stored report: one row per figure, from the frozen data.

Columns: section, team, figure, value. Any text cell that a spreadsheet would
read as a formula gets a leading apostrophe (core.spreadsheet: = + - @ | % or
their full-width forms, also after leading blanks), so a kwestie title or a name
can never run as a formula (CSV injection). Numbers stay numbers; a fraction is written with a decimal
comma, as Dutch Excel (the reason for the `;` separator) reads "4.5" as a date.
The download starts with a UTF-8 byte order mark (`CSV_BOM`), without which
Excel reads the file as Windows-1252 and "geëscaleerd" comes out garbled.
"""

import csv
import io

from django.utils.translation import gettext as _

from core.spreadsheet import spreadsheet_text

from .models import ReportKind

CSV_BOM = "\ufeff"

# The figures' keys in the stored data, in the words of the pages.
LABELS = {
    "active": "actief",
    "started": "aangemeld",
    "closed": "afgesloten",
    "raised": "ingebracht",
    "open": "open",
    "escalated": "geëscaleerd",
    "to_board": "geëscaleerd naar bestuur",
    "solved": "opgelost",
    "held": "gehouden",
    "complex": "waarvan complexe zaken overleg",
    "case_discussions": "casusbesprekingen",
    "families_discussed": "gezinnen besproken",
    "workers": "gezinsmanagers met gezinnen",
    "mean": "gemiddeld aantal gezinnen per gezinsmanager",
    "min": "minste gezinnen bij een gezinsmanager",
    "max": "meeste gezinnen bij een gezinsmanager",
    "families": "gezinnen",
    "without_score": "zonder score",
    "safety_low": "veiligheid laag",
    "safety_mean": "actuele veiligheid gemiddeld",
    "lijn_mean": "centrale lijn gemiddeld",
    "completed": "afgeronde periodes",
    "completed_days": "afgeronde periodes, gemiddeld dagen",
    "current": "gezinnen in de fase",
    "current_days": "in de fase, gemiddeld dagen",
}
SECTIONS = {"families": "gezinnen", "kwesties": "kwesties", "sessions": "teamsessies", "load": "caseload"}


def _label(section: str, key: str) -> str:
    if section == "kwesties" and key == "closed":
        return "gesloten zonder oplossing"
    return LABELS.get(key, key)


def csv_safe(value) -> str | int:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return f"{value:.10g}".replace(".", ",")
    return spreadsheet_text(str(value))


def _team_rows(t: dict, section_prefix: str = "") -> list[list]:
    team = t["team"]
    rows = []
    for section, values in (("gezinnen", t["families"]), ("kwesties", t["kwesties"]), ("teamsessies", t["sessions"])):
        rows += [[section_prefix + section, team, _label(section, key), value] for key, value in values.items()]
    load = t["load"]
    rows += [["caseload", team, LABELS[key], load[key]] for key in ("workers", "mean", "min", "max") if key in load]
    rows += [["caseload per gezinsmanager", team, w["name"], w["families"]] for w in load.get("per_worker", [])]
    s = t["scores"]
    rows += [
        ["scores", team, LABELS[key], s[key]]
        for key in ("families", "without_score", "safety_low", "safety_mean", "lijn_mean")
    ]
    rows += [["actuele veiligheid", team, f"score {i}", n] for i, n in enumerate(s["safety"])]
    rows += [["centrale lijn", team, f"score {i}", n] for i, n in enumerate(s["lijn"])]
    for p in t["phases"]:
        rows += [
            ["fase " + p["label"], team, LABELS[key], p[key]]
            for key in ("completed", "completed_days", "current", "current_days")
        ]
    return rows


def _week_rows(data: dict) -> list[list]:
    team, f = data["team"], data["figures"]
    rows = [["gezinnen", team, "actief", f["active_families"]]]
    rows += [["caseload per gezinsmanager", team, c["name"], c["families"]] for c in f["caseload"]]
    for key, label in (("scores_now", "nu"), ("scores_then", "3 maanden eerder")):
        rows += [[f"actuele veiligheid ({label})", team, f"score {i}", n] for i, n in enumerate(f[key]["safety"])]
        rows += [[f"centrale lijn ({label})", team, f"score {i}", n] for i, n in enumerate(f[key]["lijn"])]
    for p in f["phases"]:
        rows += [["fase " + p["label"], team, "mediaan afgerond", p["completed_median"]]]
        rows += [["fase " + p["label"], team, "mediaan nu", p["current_median"]]]
    for row in data["signals"]:
        rows += [["signaal", row["family"], s["code"], s["reason"]] for s in row["signals"]]
    k = data["kwesties"]
    rows.append(["kwesties", team, "ingebracht (totaal)", k["raised_total"]])
    rows += [["kwestie ingebracht", team, r["title"], r["level"]] for r in k["raised"]]
    rows += [["kwestie geëscaleerd", team, e["title"], f"{e['from']} -> {e['to']}"] for e in k["escalations"]]
    rows += [["actie over tijd", a["family"], a["description"], a["due_on"]] for a in data["actions_overdue"]]
    rows += [["afspraak over tijd", a["family"], a["description"], a["due_on"]] for a in data["agreements_overdue"]]
    return rows


def _board_rows(data: dict) -> list[list]:
    rows = []
    for t in data["teams"]:
        rows += _team_rows(t)
    org = _("hele organisatie")
    totals = data["totals"]
    for section in ("families", "kwesties", "sessions", "load"):
        rows += [
            [f"totaal {SECTIONS[section]}", org, _label(section, key), value] for key, value in totals[section].items()
        ]
    rows += [["kwestie bij bestuur", k["team"], k["title"], k["age_days"]] for k in data["board_kwesties"]]
    rows += [["terugkerende partner", org, p["partner"], p["kwesties"]] for p in data["recurring_partners"]]
    return rows


def report_csv(*, kind: str, data: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_("onderdeel"), _("team of gezin"), _("cijfer"), _("waarde")])
    if kind == ReportKind.WEEK_TEAM:
        rows = _week_rows(data)
    elif kind == ReportKind.MONTH_TEAM:
        rows = _team_rows(data["team_figures"])
    else:
        rows = _board_rows(data)
    writer.writerows([[csv_safe(cell) for cell in row] for row in rows])
    return out.getvalue()
