"""Families and their file: members, network, measures, phases, assignment, plan versions, agreements, inzetten."""

import datetime as dt

import psycopg

from . import shapes as sh
from . import texts as tx
from .sizes import Size
from .store import Copier, line, stamp

FAMILY_TABLES = {
    "casework_family": [
        "id",
        "name",
        "reference",
        "city",
        "phase",
        "phase_since",
        "opened_on",
        "closed_on",
        "created_at",
        "manager_id",
        "team_id",
        "current_plan_id",
    ],
    "casework_member": [
        "id",
        "first_name",
        "last_name",
        "role",
        "date_of_birth",
        "relation",
        "family_id",
        "updated_at",
        "saved_at",
        "saved_by_id",
        "version",
    ],
    "casework_networkperson": [
        "id",
        "name",
        "relation",
        "phone",
        "contribution",
        "family_id",
        "saved_at",
        "saved_by_id",
        "version",
    ],
    "casework_measure": [
        "id",
        "kind",
        "court_decision_on",
        "start",
        "end",
        "ended_on",
        "end_reason",
        "end_note",
        "child_id",
        "saved_at",
        "saved_by_id",
        "version",
    ],
    # One period per measure, as the court page reads it (a measure id is its child's member id).
    "casework_measureperiod": [
        "id",
        "measure_id",
        "kind",
        "ruling_id",
        "start",
        "end",
        "author_id",
        "created_at",
        "saved_at",
        "saved_by_id",
        "version",
    ],
    "casework_phasechange": ["id", "from_phase", "to_phase", "on", "note", "created_at", "author_id", "family_id"],
    "casework_assignment": ["id", "start", "reason", "created_at", "author_id", "manager_id", "family_id"],
    "casework_planversion": [
        "id",
        "number",
        "zorgen",
        "krachten",
        "centrale_lijn",
        "goals",
        "safety_agreements",
        "agreed_with_parents_on",
        "change_note",
        "created_at",
        "author_id",
        "family_id",
    ],
    "casework_agreement": [
        "id",
        "description",
        "owner_kind",
        "owner_name",
        "due_on",
        "status",
        "position",
        "plan_id",
        "partner_id",
    ],
    "casework_inzet": [
        "id",
        "product_category",
        "product_code",
        "description",
        "volume",
        "unit",
        "frequency",
        "requested_on",
        "promised_start",
        "actual_start",
        "end_on",
        "end_reason",
        "status",
        "version",
        "created_at",
        "updated_at",
        "child_id",
        "family_id",
        "partner_id",
        "saved_at",
        "saved_by_id",
    ],
    "casework_inzetstatuschange": [
        "id",
        "from_status",
        "to_status",
        "on",
        "reason",
        "note",
        "client_id",
        "at",
        "author_id",
        "family_id",
        "inzet_id",
        "via_partner_id",
    ],
    "casework_sharingbasis": [
        "id",
        "kind",
        "consent_by",
        "consent_on",
        "consent_for",
        "legal_reference",
        "purpose",
        "shares_children",
        "shares_agreements",
        "shares_inzetten",
        "shares_notes",
        "shares_scores",
        "start_on",
        "end_on",
        "withdrawn_at",
        "withdrawn_reason",
        "created_at",
        "author_id",
        "family_id",
        "partner_id",
        "withdrawn_by_id",
    ],
    "casework_sharingbasisevent": ["id", "kind", "note", "at", "author_id", "basis_id", "family_id"],
}
TABLES_WITH_IDS = list(FAMILY_TABLES)


def partner_of(fid: int) -> int:
    """The partner that helps this family (and sees it through the API): families spread over the partners."""
    return 1 + fid % sh.PARTNERS


def has_partner(f: sh.FamilyCore) -> bool:
    return f.active and f.id % 5 < 3  # three in five active families get help from a partner


def members_of(seed: int, size: Size, today: dt.date, fid: int) -> list[tuple[int, str]]:
    """(member id, role) of a family: the contacts step picks participants from these."""
    rng = sh.rng_for(seed, 4, fid)
    parents = 1 + (rng.random() < 0.55)
    children = rng.choice([1, 1, 2, 2, 2, 3, 3, 4])
    return [(fid * 8 + j, "ouder") for j in range(parents)] + [
        (fid * 8 + parents + j, "jeugdige") for j in range(children)
    ]


def families(cur: psycopg.Cursor, *, seed: int, size: Size, today: dt.date, first: int, last: int) -> int:
    """Families `first`..`last` (inclusive) with their whole file, in one COPY per table."""
    out = {table: Copier(cur, table, cols) for table, cols in FAMILY_TABLES.items()}
    for fid in range(first, last + 1):
        f = sh.family_core(seed, size, today, fid)
        rng = sh.rng_for(seed, 5, fid)
        tl = sh.teamleider(f.team)
        surname = tx.LAST[rng.randrange(len(tx.LAST))]
        plans = 1 + min(2, (f.end - f.opened).days // 250)
        current_plan = fid * 4 + plans - 1
        closed_on = f.end if not f.active else None
        out["casework_family"].write(
            line(
                fid,
                f"Gezin {surname[0].upper()}{surname[1:]}",
                f"BM-{fid:07d}",
                tx.TOWNS[fid % len(tx.TOWNS)],
                f.phase,
                f.phase_since,
                f.opened,
                closed_on,
                stamp(f.opened, 10),
                f.manager,
                f.team + 1,
                current_plan,
            )
        )
        children = []
        for k, (mid, role) in enumerate(members_of(seed, size, today, fid)):
            if role == "ouder":
                first_name = (tx.FIRST_F if k == 0 else tx.FIRST_M)[rng.randrange(12)]
                born = today - dt.timedelta(days=rng.randint(24, 50) * 365)
                relation = "moeder" if k == 0 else "vader"
            else:
                first_name = (tx.FIRST_F + tx.FIRST_M)[rng.randrange(24)]
                born = today - dt.timedelta(days=rng.randint(0, 17) * 365 + rng.randint(0, 364))
                relation = "kind"
                children.append((mid, born))
            out["casework_member"].write(
                line(mid, first_name, surname, role, born, relation, fid, stamp(f.opened, 11), None, None, 1)
            )
        for j in range(rng.choice([0, 1, 1, 2])):
            name, contribution = tx.NETWORK[(fid + j) % len(tx.NETWORK)]
            out["casework_networkperson"].write(
                line(
                    fid * 4 + j,
                    f"{tx.FIRST_F[(fid + j) % 12]} {tx.LAST[j]}",
                    name,
                    f"06-{10000000 + fid:08d}",
                    contribution,
                    fid,
                    None,
                    None,
                    1,
                )
            )
        for mid, _born in children:
            kind = rng.choice(["ots", "ots", "ots", "voogdij", "jeugdreclassering", "vrijwillig"])
            court = f.opened + dt.timedelta(days=3) if kind != "vrijwillig" else None
            end = min(f.end, f.opened + dt.timedelta(days=365 * 3)) if not f.active else None
            start = f.opened + dt.timedelta(days=3)
            reason = "afgelopen" if end else ""
            out["casework_measure"].write(line(mid, kind, court, start, end, end, reason, "", mid, None, None, 1))
            out["casework_measureperiod"].write(
                line(mid, mid, "eerste", None, start, end, f.manager, stamp(start, 9), None, None, 1)
            )
        previous = ""
        for j, (phase, on) in enumerate(f.phases):
            author = tl if phase in ("aanmelding", "afgesloten") else f.manager
            out["casework_phasechange"].write(line(fid * 8 + j, previous, phase, on, "", stamp(on, 14), author, fid))
            previous = phase
        out["casework_assignment"].write(line(fid, f.opened, "", stamp(f.opened, 11), tl, f.manager, fid))
        for v in range(plans):
            pid = fid * 4 + v
            made = min(f.end, f.opened + dt.timedelta(days=21 + v * 250))
            out["casework_planversion"].write(
                line(
                    pid,
                    v + 1,
                    tx.ZORGEN,
                    tx.KRACHTEN,
                    tx.LIJN,
                    tx.GOALS,
                    tx.SAFETY_AGREEMENTS,
                    made,
                    "" if v == 0 else "Plan bijgesteld.",
                    stamp(made, 15),
                    f.manager,
                    fid,
                )
            )
            for j in range(3 + (fid + v) % 3):
                owner, description = tx.AGREEMENTS[(fid + j) % len(tx.AGREEMENTS)]
                due = made + dt.timedelta(days=30 + 14 * j)
                status = "open" if v == plans - 1 and due > today - dt.timedelta(days=60) else "gedaan"
                partner = partner_of(fid) if owner == "partner" else None
                out["casework_agreement"].write(line(pid * 8 + j, description, owner, "", due, status, j, pid, partner))
        if has_partner(f):
            _inzet(out, f, rng, children, today)
    return sum(c.close() for c in out.values())


def _inzet(out: dict[str, Copier], f: sh.FamilyCore, rng, children: list, today: dt.date) -> None:
    """One partner's help for the family, its status history, and the sharing basis the API reads through."""
    fid, partner = f.id, partner_of(f.id)
    category, code, description = tx.INZETTEN[fid % len(tx.INZETTEN)]
    requested = f.opened + dt.timedelta(days=min(30, (today - f.opened).days))
    status = rng.choice(["aangevraagd", "wachtlijst", "gestart", "gestart", "gestart"])
    started = (
        requested + dt.timedelta(days=21) if status == "gestart" and requested + dt.timedelta(21) <= today else None
    )
    if status == "gestart" and started is None:
        status = "aangevraagd"
    child = children[0][0] if children else None
    out["casework_inzet"].write(
        line(
            fid,
            category,
            code,
            description,
            3,
            "uur",
            "week",
            requested,
            requested + dt.timedelta(days=21),
            started,
            None,
            "",
            status,
            1,
            stamp(requested, 10),
            stamp(started or requested, 10),
            child,
            fid,
            partner,
            None,
            None,
        )
    )
    changes = [("", "aangevraagd", requested)]
    if status == "wachtlijst":
        changes.append(("aangevraagd", "wachtlijst", requested + dt.timedelta(days=7)))
    if started:
        changes.append(("aangevraagd", "gestart", started))
    for j, (frm, to, on) in enumerate(changes):
        out["casework_inzetstatuschange"].write(
            line(fid * 4 + j, frm, to, on, "", "", "", stamp(on, 10), f.manager, fid, fid, None)
        )
    out["casework_sharingbasis"].write(
        line(
            fid,
            "toestemming",
            "moeder en vader",
            requested,
            "Hulp door de partner",
            "",
            "Samenwerken in het gezinsplan",
            True,
            True,
            True,
            False,
            False,
            requested,
            None,
            None,
            "",
            stamp(requested, 10),
            f.manager,
            fid,
            partner,
            None,
        )
    )
    out["casework_sharingbasisevent"].write(line(fid, "vastgelegd", "", stamp(requested, 10), f.manager, fid, fid))
