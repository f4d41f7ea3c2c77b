"""Who is who and what each family looks like, as pure functions of the seed and an index.

Ids are fixed by formula so that a chunk never needs to read what another chunk
wrote: users 1-4 hold the organisation roles, team t's staff start at
`team_base(t)`; a family's members are `family * 8 + j`, its plans `family * 4 + v`,
its contacts `family * 1024 + k`. The sequences are moved past these ids when
the build ends, so the app's own inserts carry on after them.
"""

import datetime as dt
import random
from bisect import bisect
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from .sizes import Size

GMS_PER_TEAM = 12
STAFF_PER_TEAM = 16  # teamleider, gedragswetenschapper, senior, 12 gezinsmanagers, one spare id
BESTUUR, AUDITOR, BEHEER, SECURITY = 1, 2, 3, 4
MAX_CONTACTS = 1000  # per family; contact ids are family * 1024 + k
PARTNERS = 40
ACTIVE_PHASES = ("aanmelding", "betrekken", "ondersteunen", "generaliseren")


def team_base(team: int) -> int:
    return 100 + team * STAFF_PER_TEAM


def teamleider(team: int) -> int:
    return team_base(team)


def gedragswetenschapper(team: int) -> int:
    return team_base(team) + 1


def senior(team: int) -> int:
    return team_base(team) + 2


def gezinsmanager(team: int, k: int) -> int:
    return team_base(team) + 3 + k


GOLDEN = 0.6180339887498949


@lru_cache(maxsize=8)
def _team_weights(teams: int) -> list[float]:
    # 0.85..1.15 of the mean: teams of about 170 to 230 active families at about 200 per team.
    return list(accumulate(0.85 + 0.3 * ((t * 37) % 101) / 100 for t in range(teams)))


# Caseloads of about 15 to 20, a little more for some gezinsmanagers than for others.
_GM_WEIGHTS = list(accumulate(0.9 + 0.2 * ((k * 5) % 12) / 11 for k in range(GMS_PER_TEAM)))


@lru_cache(maxsize=8)
def _assignment(teams: int, active: int, families: int) -> tuple[tuple[int, int], ...]:
    """(team, gezinsmanager) per family, spread by the weights evenly (low-discrepancy sequences, not dice).

    Family fid's point frac(fid * golden ratio) falls in its team's share of [0, 1);
    within the team the n-th active (or closed) family takes the gezinsmanager at
    frac(n * golden ratio) of the caseload weights. Counts then follow the weights
    to within a family or two, at every size.
    """
    weights = _team_weights(teams)
    seen: dict[tuple[int, bool], int] = {}
    out = [(0, 0)]  # fid 0 does not exist
    for fid in range(1, families + 1):
        team = min(bisect(weights, (fid * GOLDEN) % 1.0 * weights[-1]), teams - 1)
        key = (team, fid <= active)
        n = seen.get(key, 0)
        seen[key] = n + 1
        out.append((team, min(bisect(_GM_WEIGHTS, (n * GOLDEN) % 1.0 * _GM_WEIGHTS[-1]), GMS_PER_TEAM - 1)))
    return tuple(out)


@dataclass(frozen=True)
class FamilyCore:
    """What the other steps need to know of a family without reading the database."""

    id: int
    team: int
    manager: int  # user id
    active: bool
    opened: dt.date
    end: dt.date  # today for an active family, the closing day for a closed one
    n_contacts: int
    phases: tuple[tuple[str, dt.date], ...]  # (to_phase, on), the first is aanmelding on `opened`

    @property
    def phase(self) -> str:
        return self.phases[-1][0]

    @property
    def phase_since(self) -> dt.date:
        return self.phases[-1][1]


def rng_for(seed: int, kind: int, index: int) -> random.Random:
    """One generator per (kind of row, index): the same rows whichever chunk writes them."""
    return random.Random(seed * 1_000_003 + kind * 100_000_007 + index)


@lru_cache(maxsize=200_000)
def family_core(seed: int, size: Size, today: dt.date, fid: int) -> FamilyCore:
    rng = rng_for(seed, 1, fid)
    team, gm = _assignment(size.teams, size.active, size.families)[fid]
    active = fid <= size.active
    mean = size.contacts_per_family / (1 - 0.04 * size.active / size.families)  # new families have almost none
    new = active and rng.random() < 0.04
    if new:
        n = rng.randint(0, 3)
        span = rng.randint(3, 40)
    else:
        n = max(3, min(MAX_CONTACTS, round(mean * (0.3 + 1.4 * rng.random()))))
        span = round(n * 7 * (0.8 + 0.4 * rng.random())) + 14  # about one conversation a week
    end = today if active else today - dt.timedelta(days=rng.randint(7, 700))
    opened = end - dt.timedelta(days=span)
    phases = [("aanmelding", opened)]
    steps = [("betrekken", rng.randint(7, 28)), ("ondersteunen", rng.randint(40, 110))]
    if rng.random() < 0.6:  # stuck families do not reach generaliseren
        steps.append(("generaliseren", rng.randint(150, 400)))
    day = opened
    for phase, days in steps:
        day += dt.timedelta(days=days)
        if day >= end:
            break
        phases.append((phase, day))
    if not active:
        phases.append(("afgesloten", end))
    return FamilyCore(fid, team, gezinsmanager(team, gm), active, opened, end, n, tuple(phases))


def families_of(seed: int, size: Size, today: dt.date) -> list[FamilyCore]:
    return [family_core(seed, size, today, fid) for fid in range(1, size.families + 1)]


def busiest_family(seed: int, size: Size, today: dt.date) -> int:
    """The active family with the most contacts: the benchmark's family page and its most viewed file.

    Chosen among families with a partner's help (id % 5 < 3, see families.has_partner),
    so the page shows the same parts at every size and its query count compares.
    """
    candidates = (f for f in families_of(seed, size, today) if f.active and f.id % 5 < 3)
    return max(candidates, key=lambda f: (f.n_contacts, -f.id)).id
