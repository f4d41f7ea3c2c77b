"""The organisation and the team's work: teams, staff, partners, kwesties, team sessions."""

import datetime as dt

import psycopg

from . import shapes as sh
from . import texts as tx
from .sizes import Size
from .store import Copier, line, stamp


def team_name(team: int) -> str:
    word = tx.TEAM_WORDS[team % len(tx.TEAM_WORDS)]
    return f"Team {word} {team + 1}"


def organisation(cur: psycopg.Cursor, *, size: Size, today: dt.date, password: str) -> int:
    """Teams with a teamleider, gedragswetenschapper, senior and 12 gezinsmanagers; the organisation roles."""
    started = today - dt.timedelta(days=3000)
    joined = stamp(started, 9)
    teams = Copier(cur, "accounts_team", ["id", "name", "region"])
    for t in range(size.teams):
        teams.write(line(t + 1, team_name(t), f"Regio {tx.REGIONS[t % len(tx.REGIONS)]}"))
    users = Copier(
        cur,
        "accounts_user",
        [
            "id",
            "password",
            "is_superuser",
            "username",
            "first_name",
            "last_name",
            "email",
            "is_staff",
            "is_active",
            "date_joined",
            "org_role",
        ],
    )

    def user(uid: int, username: str, first: str, last: str, org_role: str = "", staff: bool = False) -> None:
        users.write(
            line(
                uid, password, False, username, first, last, f"{username}@bench.invalid", staff, True, joined, org_role
            )
        )

    user(sh.BESTUUR, "bestuur", "Bestuur", "Lid", "bestuur")
    user(sh.AUDITOR, "auditor", "Kwaliteit", "Auditor", "auditor")
    user(sh.BEHEER, "beheer", "Functioneel", "Beheer", "beheer", staff=True)
    user(sh.SECURITY, "security", "Privacy", "Officer", "security")
    memberships = Copier(cur, "accounts_membership", ["id", "role", "start", "end", "user_id", "team_id"])
    for t in range(size.teams):
        staff = [
            (sh.teamleider(t), "tl", "teamleider"),
            (sh.gedragswetenschapper(t), "gw", "gedragswetenschapper"),
            (sh.senior(t), "senior", "senior"),
        ]
        staff += [(sh.gezinsmanager(t, k), f"gm{k + 1}", "gezinsmanager") for k in range(sh.GMS_PER_TEAM)]
        for uid, short, role in staff:
            first = (tx.FIRST_F + tx.FIRST_M)[uid % 24]
            user(uid, f"{short}.t{t + 1}", first, tx.LAST[uid % len(tx.LAST)])
            memberships.write(line(uid, role, started, None, uid, t + 1))
    partners = Copier(
        cur,
        "casework_partner",
        [
            "id",
            "name",
            "kind",
            "agb_code",
            "kvk_number",
            "contact_name",
            "contact_email",
            "contact_phone",
            "active",
            "created_at",
        ],
    )
    kinds = ["zorgaanbieder"] * 5 + ["gemeente", "school", "veilig_thuis"]
    for p in range(1, sh.PARTNERS + 1):
        partners.write(line(p, f"Partner {p:02d}", kinds[p % len(kinds)], f"{p:08d}", "", "", "", "", True, joined))
    return teams.close() + users.close() + memberships.close() + partners.close()


def kwesties(cur: psycopg.Cursor, *, seed: int, size: Size, today: dt.date) -> int:
    """About a dozen kwesties per team over the last year, some escalated to the board, each for a few families."""
    by_team: dict[int, list[int]] = {}
    for f in sh.families_of(seed, size, today):
        if f.active:
            by_team.setdefault(f.team, []).append(f.id)
    kw = Copier(
        cur,
        "kwesties_kwestie",
        [
            "id",
            "title",
            "blocks",
            "kind",
            "partner_name",
            "raised_at",
            "level",
            "level_since",
            "highest_level",
            "status",
            "resolution",
            "closed_reason",
            "overdue_since",
            "owner_id",
            "raised_by_id",
            "team_id",
            "partner_id",
        ],
    )
    links = Copier(cur, "kwesties_kwestie_families", ["id", "kwestie_id", "family_id"])
    events = Copier(
        cur, "kwesties_kwestieevent", ["id", "kind", "from_level", "to_level", "text", "at", "author_id", "kwestie_id"]
    )
    for t in range(size.teams):
        rng = sh.rng_for(seed, 2, t)
        families = by_team.get(t, [])
        for q in range(12):
            kid = (t + 1) * 32 + q
            kind, title = tx.KWESTIES[rng.randrange(len(tx.KWESTIES))]
            level = rng.choice(["gezinsmanager", "team", "team", "teamleider", "bestuur", "bestuur"])
            status = rng.choice(["open", "open", "in_behandeling", "opgelost", "gesloten"])
            raised_on = today - dt.timedelta(days=rng.randint(3, 360))
            raiser = sh.gezinsmanager(t, rng.randrange(sh.GMS_PER_TEAM))
            owner = sh.BESTUUR if level == "bestuur" else sh.teamleider(t) if level == "teamleider" else raiser
            partner = rng.randint(1, sh.PARTNERS) if kind == "partner" else None
            since = raised_on + dt.timedelta(days=2 if level != "gezinsmanager" else 0)
            solved = status in ("opgelost", "gesloten")
            kw.write(
                line(
                    kid,
                    title,
                    "Hulp voor het kind start niet op tijd.",
                    kind,
                    f"Partner {partner:02d}" if partner else "",
                    stamp(raised_on, 11),
                    level,
                    stamp(since, 12),
                    level,
                    status,
                    "Opgelost met de partner." if status == "opgelost" else "",
                    "Niet op te lossen." if status == "gesloten" else "",
                    None,
                    owner,
                    raiser,
                    t + 1,
                    partner,
                )
            )
            for j, fid in enumerate(rng.sample(families, min(len(families), rng.randint(1, 3)))):
                links.write(line(kid * 4 + j, kid, fid))
            events.write(line(kid * 4, "ingebracht", "", "gezinsmanager", "", stamp(raised_on, 11), raiser, kid))
            if level != "gezinsmanager":
                events.write(
                    line(
                        kid * 4 + 1,
                        "geescaleerd",
                        "gezinsmanager",
                        level,
                        "Zelf niet op te lossen.",
                        stamp(since, 12),
                        raiser,
                        kid,
                    )
                )
            if solved:
                events.write(
                    line(
                        kid * 4 + 2,
                        status,
                        "",
                        "",
                        "Afgerond.",
                        stamp(min(today, since + dt.timedelta(20)), 15),
                        owner,
                        kid,
                    )
                )
    return kw.close() + links.close() + events.close()


def sessions(cur: psycopg.Cursor, *, seed: int, size: Size, today: dt.date) -> int:
    """Weekly team sessions going back from today, four families discussed in each, and next week's in preparation."""
    by_team: dict[int, list[int]] = {}
    managers: dict[int, int] = {}
    for f in sh.families_of(seed, size, today):
        if f.active:
            by_team.setdefault(f.team, []).append(f.id)
            managers[f.id] = f.manager
    ses = Copier(
        cur,
        "teams_teamsession",
        [
            "id",
            "kind",
            "starts_at",
            "location",
            "status",
            "supervision_topic",
            "supervision_notes",
            "team_matters",
            "created_at",
            "published_at",
            "closed_at",
            "created_by_id",
            "gedragswetenschapper_id",
            "senior_id",
            "team_id",
            "teamleider_id",
            "saved_at",
            "saved_by_id",
            "version",
        ],
    )
    disc = Copier(
        cur,
        "teams_casediscussion",
        [
            "id",
            "question",
            "casenote",
            "recording_ref",
            "position",
            "safe_now",
            "centrale_lijn",
            "raise_scores",
            "who_does_what",
            "new_direction",
            "added_at",
            "added_by_id",
            "family_id",
            "presenter_id",
            "session_id",
            "saved_at",
            "saved_by_id",
            "version",
            "answers_saved_at",
            "answers_saved_by_id",
            "answers_version",
        ],
    )
    dec = Copier(
        cur, "teams_decision", ["id", "text", "heavy", "recorded_at", "discussion_id", "family_id", "recorded_by_id"]
    )
    monday = today - dt.timedelta(days=today.weekday())
    busiest = sh.busiest_family(seed, size, today)
    for t in range(size.teams):
        rng = sh.rng_for(seed, 3, t)
        tl, gw, sen = sh.teamleider(t), sh.gedragswetenschapper(t), sh.senior(t)
        families = by_team.get(t, [])
        for w in range(-1, size.sessions_weeks):
            sid = (t + 1) * 128 + w + 1
            day = monday - dt.timedelta(weeks=w) + dt.timedelta(days=1)  # Tuesday
            past = day < today
            status = "afgesloten" if past else "concept"
            made = stamp(day - dt.timedelta(days=7), 9)
            ses.write(
                line(
                    sid,
                    "teamsessie",
                    stamp(day, 9),
                    "Vergaderzaal",
                    status,
                    "Meervoudige partijdigheid",
                    "",
                    "",
                    made,
                    stamp(day - dt.timedelta(days=2), 9) if past else None,
                    stamp(day, 12) if past else None,
                    tl,
                    gw,
                    sen,
                    t + 1,
                    tl,
                    None,
                    None,
                    1,
                )
            )
            discussed = rng.sample(families, min(len(families), 4))
            if w == 1 and busiest in families and busiest not in discussed:
                discussed[0] = busiest  # its page then shows a decision at every size: query counts compare
            for j, fid in enumerate(discussed):
                did = sid * 8 + j
                answers = ("Ja, met het veiligheidsplan.", tx.LIJN, "Netwerk uitbreiden.", "Zie de afspraken.")
                disc.write(
                    line(
                        did,
                        tx.QUESTIONS[j % 4],
                        "Casenote: het gaat wisselend.",
                        "",
                        j,
                        *(answers if past else ("", "", "", "")),
                        "",
                        made,
                        tl,
                        fid,
                        managers[fid],
                        sid,
                        None,
                        None,
                        1,
                        None,
                        None,
                        1,
                    )
                )
                if past:
                    dec.write(line(did, "Doorgaan met het plan; netwerk uitbreiden.", "", stamp(day, 11), did, fid, tl))
    return ses.close() + disc.close() + dec.close()
