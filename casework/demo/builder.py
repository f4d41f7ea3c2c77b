"""Builds families and their history in memory, then writes them in bulk."""

import datetime as dt
import random
import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone
from faker import Faker

from accounts.models import Membership, OrgRole, Team, TeamRole, User
from casework.court.models import CourtRuling, MeasurePeriod, PeriodKind, RulingOutcome
from casework.models import (
    Agreement,
    AgreementStatus,
    AgreementStatusChange,
    Assignment,
    Contact,
    ContactKind,
    Family,
    Measure,
    MeasureEndReason,
    MeasureKind,
    Member,
    MemberRole,
    NetworkPerson,
    Phase,
    PhaseChange,
    PlanVersion,
)

from .texts import (
    BATCH,
    CHANGE_NOTES,
    CLOSERS,
    CLOSING_NOTES,
    CONTRIBUTIONS,
    DAYS_PER_MONTH,
    GENERAL_KRACHTEN,
    HANDOVER_REASONS,
    KIND_WEIGHTS,
    KINDS,
    LIJN_RAISE,
    LIJN_WHY,
    LOGINS,
    NETWORK,
    OPENERS,
    OTHER_PARTICIPANTS,
    PARTNERS,
    PHASE_NOTES,
    PROFILE_WEIGHTS,
    PROFILES,
    PROGRESS,
    SAFETY_RAISE,
    SAFETY_WHY,
    TEAMS,
)


def band(score: int) -> str:
    return "laag" if score <= 3 else "midden" if score <= 6 else "hoog"


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


AGREE = re.compile(r"\[([ok]):([^|\]]*)\|([^\]]*)\]")


class Words(dict):
    """The placeholders of one family; `{Ouder}` is `{ouder}` with a capital."""

    def __missing__(self, key: str) -> str:
        lower = key[:1].lower() + key[1:]
        if lower != key and lower in self:
            value = self[lower]
            return value[:1].upper() + value[1:]
        raise KeyError(key)

    def fill(self, text: str) -> str:
        """Fill the placeholders; `[o:zien|ziet]` agrees with {ouders}, `[k:...]` with {kinderen}."""
        text = text.format_map(self)
        return AGREE.sub(self._agree, text) if "[" in text else text

    def _agree(self, match) -> str:
        plural = self.plural_ouders if match[1] == "o" else self.plural_kinderen
        return match[2] if plural else match[3]


@dataclass
class TeamCast:
    team: Team
    teamleider: User
    carriers: list[User]  # gezinsmanagers and the senior: who carries families
    weights: list[float]
    towns: list[str]


@dataclass
class Draft:
    """One family and all its history, unsaved; foreign keys point at unsaved objects."""

    family: Family
    members: list = field(default_factory=list)
    network: list = field(default_factory=list)
    measures: list = field(default_factory=list)
    rulings: list = field(default_factory=list)
    periods: list = field(default_factory=list)
    phases: list = field(default_factory=list)
    assignments: list = field(default_factory=list)
    plans: list = field(default_factory=list)
    agreements: list = field(default_factory=list)
    status_changes: list = field(default_factory=list)
    contacts: list = field(default_factory=list)
    participants: list = field(default_factory=list)  # (contact, [members])
    network_participants: list = field(default_factory=list)  # (contact, [network persons])


@contextmanager
def history_timestamps_settable():
    """Let bulk_create keep the given `created_at`/`at` instead of stamping now.

    These fields are `auto_now_add`; generated history must carry the moment it
    happened (the timeline orders plan versions by it). Restored afterwards.
    """
    fields = [
        Family._meta.get_field("created_at"),
        PhaseChange._meta.get_field("created_at"),
        Assignment._meta.get_field("created_at"),
        PlanVersion._meta.get_field("created_at"),
        AgreementStatusChange._meta.get_field("at"),
    ]
    saved = [f.auto_now_add for f in fields]
    try:
        for f in fields:
            f.auto_now_add = False
        yield
    finally:
        for f, value in zip(fields, saved, strict=True):
            f.auto_now_add = value


class Builder:
    def __init__(self, *, seed: int, contacts_per_month: float, months: tuple[int, int]):
        self.rng = random.Random(seed)
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(seed)
        self.contacts_per_month = contacts_per_month
        self.months = months
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.tz = timezone.get_current_timezone()
        self.counts: Counter = Counter()

    def at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        moment = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=self.tz)
        return min(moment, self.now - dt.timedelta(minutes=5))

    # --- the organisation ---------------------------------------------------------

    def organisation(self, *, n_teams: int, per_team: int, password: str, batch: int):
        """Teams, staff with their memberships, and the three organisation roles."""
        sfx = "" if batch == 1 else f"-{batch}"
        hashed = make_password(password)
        rng, fake = self.rng, self.fake
        users: list[User] = []

        def person(username: str, **extra) -> User:
            female = rng.random() < 0.7  # youth care staff are mostly women
            first = fake.first_name_female() if female else fake.first_name_male()
            last = self.surname()
            start = self.today - dt.timedelta(days=rng.randint(800, 4000))
            user = User(
                username=username + sfx,
                first_name=first,
                last_name=last,
                email=f"{username}{sfx}@gi-demo.invalid",
                password=hashed,
                date_joined=self.at(start, 9),
                **extra,
            )
            user.demo_start = start
            users.append(user)
            return user

        person("bestuur", org_role=OrgRole.BESTUUR)
        person("auditor", org_role=OrgRole.AUDITOR)
        # Beheer is no superuser: every grant goes through a proposal the security officer approves.
        person("beheer", org_role=OrgRole.BEHEER, is_staff=True)
        person("security", org_role=OrgRole.SECURITY)
        casts, memberships = [], []
        for i in range(n_teams):
            if i < len(TEAMS):
                word, region, towns = TEAMS[i]
            else:
                word, region, towns = f"{i + 1}", fake.province(), [fake.city() for _ in range(6)]
            slug = word.lower()
            team = Team(name=f"Team {word}" + (f" ({batch})" if batch > 1 else ""), region=region)
            tl, gw, senior = person(f"tl.{slug}"), person(f"gw.{slug}"), person(f"senior.{slug}")
            managers = [person(f"gm.{slug}" if k == 1 else f"gm.{slug}.{k}") for k in range(1, per_team + 1)]
            for user, role in [
                (tl, TeamRole.TEAMLEIDER),
                (gw, TeamRole.GEDRAGSWETENSCHAPPER),
                (senior, TeamRole.SENIOR),
                *((m, TeamRole.GEZINSMANAGER) for m in managers),
            ]:
                memberships.append(Membership(user=user, team=team, role=role, start=user.demo_start))
            # Seniors carry a few families too; the gezinsmanagers carry most.
            carriers = [*managers, senior]
            casts.append(TeamCast(team, tl, carriers, [1.0] * len(managers) + [0.3], towns))

        User.objects.bulk_create(users, batch_size=BATCH)
        Team.objects.bulk_create([c.team for c in casts])
        Membership.objects.bulk_create(memberships, batch_size=BATCH)
        self.counts.update({"teams": len(casts), "users": len(users), "memberships": len(memberships)})
        return casts, [(username + sfx, role) for username, role in LOGINS]

    # --- one family -----------------------------------------------------------------

    def family(self, cast: TeamCast, seq: int) -> Draft:
        rng, fake, today = self.rng, self.fake, self.today
        closed = rng.random() < 0.15
        new = not closed and rng.random() < 0.04
        span = rng.randint(round(self.months[0] * DAYS_PER_MONTH), round(self.months[1] * DAYS_PER_MONTH))
        if closed:
            end = today - dt.timedelta(days=rng.randint(7, 150))
            opened = end - dt.timedelta(days=span)
            shape = rng.choices(["stijgend", "stagnerend", "crisis"], [75, 15, 10])[0]
        elif new:
            opened = today - dt.timedelta(days=rng.randint(3, 45))
            end = today
            shape = "stijgend"
        else:
            opened = today - dt.timedelta(days=span)
            end = today
            shape = rng.choices(["stijgend", "stagnerend", "dalend", "crisis"], [35, 25, 15, 25])[0]

        # Household: who lives there, and what they are called.
        surname = self.surname()
        structure = rng.choices(["twee", "moeder", "vader", "stief", "oma"], [45, 35, 8, 8, 4])[0]
        ages = sorted((rng.randint(0, 17) for _ in range(rng.choices([1, 2, 3, 4], [35, 35, 20, 10])[0])), reverse=True)
        if rng.random() < 0.25 and ages[0] < 12:  # a teenager in the house, now and then
            ages[0] = rng.randint(12, 17)
            ages.sort(reverse=True)
        profile_name = rng.choices(list(PROFILE_WEIGHTS), list(PROFILE_WEIGHTS.values()))[0]
        while profile_name == "tiener" and ages[0] < 12:
            profile_name = rng.choices(list(PROFILE_WEIGHTS), list(PROFILE_WEIGHTS.values()))[0]
        profile = PROFILES[profile_name]

        family = Family(
            name=f"Gezin {surname[:1].upper()}{surname[1:]}",
            reference=f"GI-{opened.year}-{seq:06d}",
            city=rng.choice(cast.towns),
            team=cast.team,
            opened_on=opened,
            created_at=self.at(opened, 10, rng.randint(0, 59)),
        )
        draft = Draft(family)

        def member(first, last, role, relation, dob):
            m = Member(family=family, first_name=first, last_name=last, role=role, relation=relation, date_of_birth=dob)
            draft.members.append(m)
            return m

        def born(age_years: int) -> dt.date:
            # Never after the case ends: a baby born later is not part of this file.
            return min(today, end) - dt.timedelta(days=age_years * 365 + rng.randint(30, 360))

        oldest = ages[0]
        mother_name = surname if structure != "twee" or rng.random() < 0.5 else self.surname()
        parents = []
        if structure in ("twee", "moeder", "stief"):
            parents.append(
                member(
                    fake.first_name_female(),
                    mother_name,
                    MemberRole.OUDER,
                    "moeder",
                    born(oldest + rng.randint(19, 36)),
                )
            )
        if structure in ("twee", "vader"):
            parents.append(
                member(fake.first_name_male(), surname, MemberRole.OUDER, "vader", born(oldest + rng.randint(20, 40)))
            )
        if structure == "stief":
            parents.append(
                member(fake.first_name_male(), self.surname(), MemberRole.VERZORGER, "stiefvader", born(oldest + 22))
            )
        if structure == "oma":
            parents.append(
                member(fake.first_name_female(), surname, MemberRole.VERZORGER, "oma (verzorger)", born(oldest + 48))
            )
        children = []
        for age in ages:
            female = rng.random() < 0.5
            first = fake.first_name_female() if female else fake.first_name_male()
            relation = "dochter" if female else "zoon"
            children.append(member(first, surname, MemberRole.JEUGDIGE, relation, born(age)))

        # The family's words: who is "ouder", which child the plan talks about.
        kind = children[0] if profile_name == "tiener" else rng.choice(children)
        kinderen = "de kinderen" if len(children) > 1 else kind.first_name
        ouder, ouder2 = {
            "twee": ("moeder", "vader"),
            "moeder": ("moeder", f"de vader van {kinderen}"),
            "vader": ("vader", f"de moeder van {kinderen}"),
            "stief": ("moeder", "stiefvader"),
            "oma": ("oma", "moeder"),
        }[structure]
        w = Words(
            ouder=ouder,
            ouder2=ouder2,
            ouders="ouders" if structure in ("twee", "stief") else ouder,
            kind=kind.first_name,
            kinderen=kinderen,
            stad=family.city,
            netwerk="de buurvrouw",
        )
        w.plural_ouders, w.plural_kinderen = w["ouders"] == "ouders", len(children) > 1

        for _ in range(rng.choices([0, 1, 2, 3], [25, 35, 25, 15])[0]):
            relation, sex, label = rng.choice(NETWORK)
            first = fake.first_name_female() if sex == "f" else fake.first_name_male()
            person = NetworkPerson(
                family=family,
                name=f"{first} {self.surname()}",
                relation=w.fill(relation),
                phone=f"06-{rng.randint(10000000, 99999999)}",
                contribution=w.fill(rng.choice(CONTRIBUTIONS)),
            )
            draft.network.append(person)
            if len(draft.network) == 1:
                w["netwerk"] = label.format(first=first)
        w["partner"] = w.fill(rng.choice(PARTNERS))

        # Phases, with the people in charge on each day.
        durations = [rng.randint(5, 28), rng.randint(35, 110), rng.randint(120, 300), rng.randint(60, 160)]
        flow = [Phase.BETREKKEN, Phase.ONDERSTEUNEN, Phase.GENERALISEREN, Phase.AFGESLOTEN]
        if shape in ("stagnerend", "dalend"):  # stuck families do not reach generaliseren
            flow.remove(Phase.GENERALISEREN)
            durations.pop(2)
        if closed:
            scale = (end - opened).days / sum(durations)
            durations = [max(1, round(d * scale)) for d in durations]
        else:
            flow, durations = flow[:-1], durations[:-1]

        assignments = [(opened, self._pick(cast))]
        if span > 120 and not new and rng.random() < 0.15:
            handover = opened + dt.timedelta(days=rng.randint(60, (end - opened).days - 20))
            others = [c for c in cast.carriers if c is not assignments[0][1]]
            assignments.append((handover, rng.choice(others)))

        def manager_on(day: dt.date) -> User:
            current = assignments[0][1]
            for start, user in assignments:
                if start <= day:
                    current = user
            return current

        for i, (start, user) in enumerate(assignments):
            draft.assignments.append(
                Assignment(
                    family=family,
                    manager=user,
                    start=start,
                    reason="" if i == 0 else rng.choice(HANDOVER_REASONS),
                    author=cast.teamleider,
                    created_at=self.at(start, 11, rng.randint(0, 59)),
                )
            )
        family.manager = assignments[-1][1]

        phase, on = Phase.AANMELDING, opened
        draft.phases.append(
            PhaseChange(family=family, to_phase=phase, on=on, author=cast.teamleider, created_at=self.at(on, 10, 30))
        )
        phase_on = {Phase.AANMELDING: opened}
        for to_phase, days in zip(flow, durations, strict=True):
            day = (
                min(on + dt.timedelta(days=days), end) if to_phase == Phase.AFGESLOTEN else on + dt.timedelta(days=days)
            )
            if day > today:
                break
            closing = to_phase == Phase.AFGESLOTEN
            note = rng.choice(CLOSING_NOTES) if closing else w.fill(PHASE_NOTES[to_phase])
            draft.phases.append(
                PhaseChange(
                    family=family,
                    from_phase=phase,
                    to_phase=to_phase,
                    on=day,
                    note=note,
                    author=cast.teamleider if closing else manager_on(day),
                    created_at=self.at(day, 14, rng.randint(0, 59)),
                )
            )
            phase, on = to_phase, day
            phase_on[to_phase] = day
        family.phase, family.phase_since = phase, on
        family.closed_on = on if phase == Phase.AFGESLOTEN else None
        end = family.closed_on or today

        self._measures(draft, children, opened, end, profile_name)
        scores = self._contacts(draft, profile, w, shape, opened, end, new, manager_on, parents, children)
        self._plans(draft, profile, w, phase_on, end, manager_on, scores, closed)
        return draft

    def surname(self) -> str:
        """A Dutch surname, skipping Faker's few historic ones ("Heribert van Laon")."""
        while True:
            name = self.fake.last_name()
            if sum(part[:1].isupper() for part in name.split()) == 1:
                return name

    def _pick(self, cast: TeamCast) -> User:
        return self.rng.choices(cast.carriers, cast.weights)[0]

    def _measures(self, draft: Draft, children, opened, end, profile_name):
        rng, today = self.rng, self.today
        frame = rng.choices(["ots", "vrijwillig", "voogdij"], [72, 18, 10])[0]
        for child in children:
            age = child.age_on(today)
            earliest = child.date_of_birth + dt.timedelta(days=10)
            start = max(opened - dt.timedelta(days=rng.randint(0, 20)), earliest)
            if age >= 12 and ((profile_name == "tiener" and rng.random() < 0.6) or rng.random() < 0.1):
                kind = MeasureKind.JR
            elif frame == "voogdij" and (child is children[0] or rng.random() < 0.5):
                kind = MeasureKind.VOOGDIJ
            elif frame == "vrijwillig":
                kind = MeasureKind.VRIJWILLIG
            else:
                kind = MeasureKind.OTS
            if kind == MeasureKind.VRIJWILLIG:
                measure = Measure(child=child, kind=kind, start=start, end=draft.family.closed_on)
                if measure.end:
                    measure.ended_on, measure.end_reason = measure.end, MeasureEndReason.DOEL_BEREIKT
                draft.measures.append(measure)
                self._period(draft, measure, PeriodKind.EERSTE, start, measure.end, start)
                continue
            court = start - dt.timedelta(days=rng.randint(0, 10))
            if kind == MeasureKind.VOOGDIJ:
                stop = None  # a guardianship runs until the child comes of age: no end date
            elif kind == MeasureKind.JR:
                stop = start + dt.timedelta(days=rng.randint(180, 365))
            else:
                stop = add_years(start, 1) - dt.timedelta(days=1)
            measure = Measure(child=child, kind=kind, court_decision_on=court, start=start, end=stop)
            draft.measures.append(measure)
            self._period(draft, measure, PeriodKind.EERSTE, start, stop, court)
            while kind == MeasureKind.OTS and stop is not None and stop < end:  # extended for another year
                court = stop - dt.timedelta(days=rng.randint(7, 30))
                start, stop = stop + dt.timedelta(days=1), add_years(stop, 1)
                measure.end = stop
                self._period(draft, measure, PeriodKind.VERLENGING, start, stop, court)
            closed_on = draft.family.closed_on
            if closed_on and (measure.end is None or measure.end > closed_on) and measure.start <= closed_on:
                measure.end = draft.periods[-1].end = closed_on  # ended with the family's case
                measure.ended_on, measure.end_reason = closed_on, MeasureEndReason.OPGEHEVEN
            elif measure.end is not None and measure.end < today:
                measure.ended_on, measure.end_reason = measure.end, MeasureEndReason.AFGELOPEN

    def _period(self, draft: Draft, measure, kind, start, stop, ruled_on) -> None:
        """A period and the ruling that granted it (a voluntary trajectory has none)."""
        ruling = None
        if measure.kind != MeasureKind.VRIJWILLIG:
            ruling = CourtRuling(
                family=draft.family,
                court=COURT_NAME,
                case_number=f"C/18/{self.rng.randint(100000, 999999)} / JE RK {ruled_on:%y}-{self.rng.randint(10, 99)}",
                ruled_on=min(ruled_on, self.today),
                outcome=RulingOutcome.TOEGEWEZEN,
                requested=f"{measure.get_kind_display()} van {start:%d-%m-%Y}"
                + (f" tot en met {stop:%d-%m-%Y}" if stop else ""),
                granted=f"Toegewezen: {measure.get_kind_display()}" + (f" tot en met {stop:%d-%m-%Y}" if stop else ""),
                author=draft.family.manager,
            )
            draft.rulings.append(ruling)
        draft.periods.append(
            MeasurePeriod(measure=measure, kind=kind, ruling=ruling, start=start, end=stop, author=draft.family.manager)
        )

    # --- contacts and the two scores ----------------------------------------------

    def _trajectory(self, shape: str):
        rng = self.rng
        s0 = rng.uniform(2, 5)
        if shape == "stijgend":
            s1 = rng.uniform(7, 9.5)
            return lambda t: s0 + (s1 - s0) * (3 * t * t - 2 * t * t * t), None
        if shape == "stagnerend":
            plateau = rng.uniform(4, 6)
            return lambda t: s0 + (plateau - s0) * min(1.0, t / 0.3), None
        if shape == "dalend":
            s0, s1 = rng.uniform(5, 7), rng.uniform(1.5, 3.5)
            return lambda t: s0 + (s1 - s0) * t, None
        s1, tc, width, dip = rng.uniform(6.5, 9), rng.uniform(0.35, 0.75), rng.uniform(0.08, 0.2), rng.uniform(0.5, 2)

        def crisis(t):
            base = s0 + (s1 - s0) * (3 * t * t - 2 * t * t * t)
            if tc <= t < tc + width:
                return dip + (base - dip) * ((t - tc) / width)
            return base

        return crisis, (tc, tc + width)

    def _contacts(self, draft, profile, w, shape, opened, end, new, manager_on, parents, children):
        rng, today = self.rng, self.today
        level, crisis_window = self._trajectory(shape)
        mean_gap = DAYS_PER_MONTH / self.contacts_per_month
        last_day = end
        if not new and end == today and rng.random() < 0.06:  # a family that has dropped out of sight
            last_day = today - dt.timedelta(days=rng.randint(30, 75))
        total = max(1, (end - opened).days)
        day = opened + dt.timedelta(days=rng.randint(1, 12))
        if new and rng.random() < 0.4:
            day = end + dt.timedelta(days=1)  # registered, not yet visited
        lijn, prev_safety, crisis_told = None, None, False
        offset, alpha = rng.uniform(1, 2.5), rng.uniform(0.18, 0.3)
        scores = []
        family = draft.family
        while day <= last_day:
            t = (day - opened).days / total
            in_crisis = crisis_window is not None and crisis_window[0] <= t < crisis_window[1]
            safety = max(0, min(10, round(level(t) + rng.gauss(0, 0.6))))
            if lijn is None:
                lijn = max(0.0, safety - rng.uniform(2, 4))
            lijn += alpha * (safety - offset - lijn)
            lijn_score = max(0, min(10, round(lijn + rng.gauss(0, 0.3)), safety + 1))
            kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
            if in_crisis and not crisis_told:
                kind, crisis_told = ContactKind.HUISBEZOEK, True
                middle = w.fill(profile["crisis"])
            else:
                middle = w.fill(rng.choice(profile[band(safety)]))
            note = " ".join(s for s in (w.fill(rng.choice(OPENERS[kind])), middle, w.fill(rng.choice(CLOSERS))) if s)
            why = w.fill(rng.choice(SAFETY_WHY[band(safety)]))
            if prev_safety is not None and abs(safety - prev_safety) >= 2:
                why = ("Hoger dan vorige keer. " if safety > prev_safety else "Lager dan vorige keer. ") + why
            raise_pool = profile["verhogen"] if rng.random() < 0.5 else SAFETY_RAISE[band(safety)]
            contact = Contact(
                family=family,
                date=day,
                kind=kind,
                other_participants=w.fill(rng.choice(OTHER_PARTICIPANTS)) if kind == "uitvoerdersoverleg" else "",
                note=note,
                safety_score=safety,
                safety_why=why,
                safety_raise=w.fill(rng.choice(raise_pool)),
                lijn_score=lijn_score,
                lijn_why=w.fill(rng.choice(LIJN_WHY[band(lijn_score)])),
                lijn_raise=w.fill(rng.choice(LIJN_RAISE[band(lijn_score)])),
                author=manager_on(day),
                created_at=self.at(day, 16 + rng.randint(0, 2), rng.randint(0, 59)),
            )
            draft.contacts.append(contact)
            draft.participants.append((contact, self._who(kind, parents, children, day)))
            if draft.network and (kind == ContactKind.UITVOERDERSOVERLEG or rng.random() < 0.08):
                draft.network_participants.append((contact, [draft.network[0]]))
            scores.append((day, safety))
            prev_safety = safety
            gap = max(1, round(rng.gauss(mean_gap, mean_gap * 0.35)))
            day += dt.timedelta(days=max(1, gap // 2) if in_crisis else gap)
        return scores

    def _who(self, kind, parents, children, day) -> list:
        rng = self.rng
        born = [c for c in children if c.date_of_birth <= day]
        if kind == ContactKind.TELEFONISCH:
            return [parents[0]]
        if kind == ContactKind.OVERIG and born and rng.random() < 0.5:
            return [rng.choice(born)]
        who = list(parents)
        if kind == ContactKind.HUISBEZOEK:
            who += [c for c in born if c.age_on(day) >= 4 and rng.random() < 0.6]
        elif kind == ContactKind.GESPREK and rng.random() < 0.3:
            who = who[:1]
        return who[:4]

    # --- the gezinsplan -------------------------------------------------------------

    def _plans(self, draft, profile, w, phase_on, end, manager_on, scores, closed):
        rng = self.rng
        family = draft.family
        start = phase_on.get(Phase.BETREKKEN, family.opened_on)
        day = start + dt.timedelta(days=rng.randint(14, 45))
        wanted = rng.choices([1, 2, 3], [40, 40, 20])[0]
        dates = []
        while day <= end and len(dates) < wanted:
            dates.append(day)
            day += dt.timedelta(days=rng.randint(90, 200))
        carried: list[Agreement] = []
        lijn_text = w.fill(rng.choice(profile["lijn"]))
        for number, plan_day in enumerate(dates, start=1):
            current = number == len(dates)
            until = end if current else dates[number]
            score = next((s for d, s in reversed(scores) if d <= plan_day), 4)
            zorgen = [w.fill(z) for z in rng.sample(profile["zorgen"], rng.randint(2, 3))]
            if number > 1:
                zorgen.append(PROGRESS[band(score)])
            krachten = [w.fill(k) for k in rng.sample(profile["krachten"], 2)] + [w.fill(rng.choice(GENERAL_KRACHTEN))]
            goals = [w.fill(g) for g in rng.sample(profile["doelen"], rng.randint(3, 4))]
            author = manager_on(plan_day)
            agreed = plan_day + dt.timedelta(days=rng.randint(0, 10))
            plan = PlanVersion(
                family=family,
                number=number,
                zorgen="\n\n".join(zorgen),
                krachten="\n\n".join(krachten),
                centrale_lijn=lijn_text,
                goals="\n".join(goals),
                safety_agreements=(
                    f"Grootste zorg: {w.fill(profile['grootste_zorg'])}\n"
                    f"Minimale voorwaarden: {w.fill(profile['voorwaarden'])}\n"
                    f"Als het misgaat: {w.fill('{Ouder}')} belt {w['netwerk']} en de gezinsmanager; buiten "
                    "kantoortijd de crisisdienst.\n"
                    "Wie controleert: de gezinsmanager bij elk contact, en school wekelijks."
                ),
                agreed_with_parents_on=agreed if agreed <= end and rng.random() < 0.9 else None,
                change_note="" if number == 1 else w.fill(rng.choice(CHANGE_NOTES)),
                author=author,
                created_at=self.at(plan_day, 15, rng.randint(0, 59)),
            )
            draft.plans.append(plan)
            texts = [(a.description, a.owner_kind, a.owner_name) for a in carried]
            seen = {t[0] for t in texts}
            fresh = [(w.fill(d), k, w.fill(o)) for d, k, o in profile["afspraken"] if w.fill(d) not in seen]
            rng.shuffle(fresh)
            texts = (texts + fresh)[: rng.randint(max(2, min(len(texts), 5)), 5)]
            carried = []
            for position, (description, owner_kind, owner_name) in enumerate(texts):
                status, due = self._agreement_fate(plan_day, until, current, closed)
                agreement = Agreement(
                    plan=plan,
                    description=description[:300],
                    owner_kind=owner_kind,
                    owner_name=owner_name,
                    due_on=due,
                    status=status,
                    position=position,
                )
                draft.agreements.append(agreement)
                if status == AgreementStatus.OPEN:
                    carried.append(agreement)
                else:
                    when = min(due + dt.timedelta(days=rng.randint(-10, 5)), until)
                    when = max(when, plan_day)
                    draft.status_changes.append(
                        AgreementStatusChange(
                            agreement=agreement,
                            family=family,
                            from_status=AgreementStatus.OPEN,
                            to_status=status,
                            author=manager_on(when),
                            at=self.at(when, 13, rng.randint(0, 59)),
                        )
                    )
        family.demo_plan = draft.plans[-1] if draft.plans else None

    def _agreement_fate(self, plan_day, until, current, closed):
        """Status and due date: history for old versions, a mix for the current one."""
        rng, today = self.rng, self.today
        within = max(1, (until - plan_day).days)
        due = plan_day + dt.timedelta(days=rng.randint(min(7, within), max(7, within)))
        if not current or closed:
            status = rng.choices(
                [AgreementStatus.DONE, AgreementStatus.NOT_DONE, AgreementStatus.CANCELLED, AgreementStatus.OPEN],
                [60, 15, 10, 15] if not current else [80, 10, 10, 0],
            )[0]
            return status, min(due, until)
        fate = rng.choices(["done", "overdue", "future", "not_done"], [35, 25, 35, 5])[0]
        if fate == "future" or (fate == "overdue" and (today - plan_day).days < 4):
            return AgreementStatus.OPEN, today + dt.timedelta(days=rng.randint(7, 90))
        if fate == "overdue":
            return AgreementStatus.OPEN, today - dt.timedelta(days=rng.randint(1, min(60, (today - plan_day).days - 1)))
        status = AgreementStatus.DONE if fate == "done" else AgreementStatus.NOT_DONE
        return status, min(due, today)

    # --- writing ------------------------------------------------------------------

    def put_pairs(self, through, columns: tuple[str, str], pairs: list[tuple[int, int]], key: str) -> None:
        """Many-to-many rows, about two per contact: the bulk of a large set.

        On PostgreSQL they go in with COPY, as plain tuples: more than twice as
        fast as building a model instance per row. Elsewhere with bulk_create.
        """
        if connection.vendor == "postgresql":
            table = connection.ops.quote_name(through._meta.db_table)
            with (
                connection.cursor() as cursor,
                cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
            ):
                for pair in pairs:
                    copy.write_row(pair)
        else:
            through.objects.bulk_create(
                [through(**dict(zip(columns, p, strict=True))) for p in pairs], batch_size=BATCH
            )
        self.counts[key] += len(pairs)

    def save(self, drafts: list[Draft]) -> None:
        """Write a chunk of families: parents first, so children get their ids."""

        def put(model, objs, key):
            model.objects.bulk_create(objs, batch_size=BATCH)
            self.counts[key] += len(objs)

        def flat(name):
            return [obj for d in drafts for obj in getattr(d, name)]

        put(Family, [d.family for d in drafts], "families")
        put(Member, flat("members"), "members")
        put(NetworkPerson, flat("network"), "network")
        put(Measure, flat("measures"), "measures")
        put(CourtRuling, flat("rulings"), "rulings")
        put(MeasurePeriod, flat("periods"), "measure periods")
        put(PhaseChange, flat("phases"), "phase changes")
        put(Assignment, flat("assignments"), "assignments")
        put(PlanVersion, flat("plans"), "plan versions")
        put(Agreement, flat("agreements"), "agreements")
        put(AgreementStatusChange, flat("status_changes"), "agreement status changes")
        put(Contact, flat("contacts"), "contacts")
        pairs = [(c.pk, m.pk) for d in drafts for c, ms in d.participants for m in ms]
        self.put_pairs(Contact.participants.through, ("contact_id", "member_id"), pairs, "contact participants")
        pairs = [(c.pk, n.pk) for d in drafts for c, ns in d.network_participants for n in ns]
        self.put_pairs(
            Contact.network_participants.through,
            ("contact_id", "networkperson_id"),
            pairs,
            "contact network participants",
        )
        families = [d.family for d in drafts if d.family.demo_plan is not None]
        for family in families:
            family.current_plan = family.demo_plan
        Family.objects.bulk_update(families, ["current_plan"], batch_size=BATCH)


REF = re.compile(r"-(\d+)$")
COURT_NAME = "Rechtbank Noord-Nederland"


def next_batch() -> int:
    """1 for the first demo organisation, 2, 3, ... for organisations added with --append."""
    batch = 1
    while User.objects.filter(username="beheer" if batch == 1 else f"beheer-{batch}").exists() or (
        Team.objects.filter(name="Team Noord" if batch == 1 else f"Team Noord ({batch})").exists()
    ):
        batch += 1
    return batch


def next_reference_number() -> int:
    numbers = [int(m.group(1)) for r in Family.objects.values_list("reference", flat=True) if (m := REF.search(r))]
    return max(numbers, default=0) + 1
