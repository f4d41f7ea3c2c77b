"""Contacts with both scores and their reasons, about one a week over the family's years, and who took part."""

import datetime as dt

import psycopg

from . import shapes as sh
from . import texts as tx
from .families import members_of
from .sizes import Size
from .store import Copier

CONTACT_COLUMNS = [
    "id",
    "family_id",
    "date",
    "kind",
    "other_participants",
    "note",
    "safety_score",
    "safety_why",
    "safety_raise",
    "lijn_score",
    "lijn_why",
    "lijn_raise",
    "author_id",
    "created_at",
    "corrected_at",
    "saved_at",
    "saved_by_id",
    "version",
]

# Every combination of the note's three parts, made once: the rows only pick one.
NOTES = [f"{a} {b} {c}" for a in tx.NOTE_OPEN for b in tx.NOTE_MIDDLE for c in tx.NOTE_CLOSE]


def contacts(cur: psycopg.Cursor, *, seed: int, size: Size, today: dt.date, first: int, last: int) -> int:
    rows = Copier(cur, "casework_contact", CONTACT_COLUMNS, stream=True)
    who = Copier(cur, "casework_contact_participants", ["id", "contact_id", "member_id"])
    n_notes, n_sw, n_sr, n_lw, n_lr = (
        len(NOTES),
        len(tx.SAFETY_WHY),
        len(tx.SAFETY_RAISE),
        len(tx.LIJN_WHY),
        len(tx.LIJN_RAISE),
    )
    kinds, others = tx.KINDS, tx.OTHER_PARTICIPANTS
    for fid in range(first, last + 1):
        f = sh.family_core(seed, size, today, fid)
        n = f.n_contacts
        if not n:
            continue
        rng = sh.rng_for(seed, 6, fid)
        rand, randrange = rng.random, rng.randrange
        members = [m for m, _role in members_of(seed, size, today, fid)]
        first_day = f.opened.toordinal() + 2
        days = max(1, f.end.toordinal() - first_day)
        # Scores move from worried to safer (or not), with noise: the shape the team figures look at.
        s0, l0 = 2 + randrange(4), 1 + randrange(3)
        gain_s, gain_l = rand() * 5 - 1, rand() * 5
        dates = sorted(first_day + int(days * (k + rand()) / n) for k in range(n))
        parts = []
        manager = f.manager
        for k, ordinal in enumerate(dates):
            cid = fid * 1024 + k
            day = dt.date.fromordinal(min(ordinal, f.end.toordinal())).isoformat()
            progress = k / n
            safety = min(10, max(0, round(s0 + gain_s * progress + rand() * 2 - 1)))
            lijn = min(10, max(0, round(l0 + gain_l * progress + rand() * 2 - 1)))
            parts.append(
                f"{cid}\t{fid}\t{day}\t{kinds[randrange(len(kinds))]}\t{others[randrange(len(others))]}\t"
                f"{NOTES[randrange(n_notes)]}\t{safety}\t{tx.SAFETY_WHY[randrange(n_sw)]}\t"
                f"{tx.SAFETY_RAISE[randrange(n_sr)]}\t{lijn}\t{tx.LIJN_WHY[randrange(n_lw)]}\t"
                f"{tx.LIJN_RAISE[randrange(n_lr)]}\t{manager}\t{day} 16:00:00+01\t\\N\t\\N\t\\N\t1\n"
            )
            who.write(f"{cid * 2}\t{cid}\t{members[0]}\n")
            if len(members) > 1 and rand() < 0.5:
                who.write(f"{cid * 2 + 1}\t{cid}\t{members[1 + randrange(len(members) - 1)]}\n")
        rows.write("".join(parts), rows=n)
    return rows.close() + who.close()
