"""`manage.py demo_sessions`: weekly team sessions for the demo organisation.

Eight past weekly sessions per team, each with two or three families discussed,
the team's answers to the kernvragen, a decision with follow-up actions (one of
them a heavy decision still waiting for agreement), and next week's session with
its agenda published. Like demo_data, this is generated history written straight
to the tables, not user actions: it leaves no access-log rows.
"""

import datetime as dt
import random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, Team, TeamRole
from casework.models import Family, Phase
from teams.models import (
    ApprovalRole,
    CaseDiscussion,
    Decision,
    DecisionApproval,
    FollowUpAction,
    HeavyKind,
    SessionKind,
    SessionStatus,
    TeamSession,
)

QUESTIONS = [
    "De veiligheid is gedaald na het laatste huisbezoek. Wat is nu nodig?",
    "Het netwerk blijft klein. Hoe krijgen we oma en de buren erbij?",
    "De hulp bij de GGZ start niet. Wat kunnen we zelf doen terwijl we wachten?",
    "Ik merk dat ik meer met moeder praat dan met vader. Hoe blijf ik meervoudig partijdig?",
    "De maatregel loopt over twee maanden af. Verlengen of niet?",
]
ANSWERS = {
    "safe_now": ["Ja, met de afspraken die er nu liggen.", "Nog niet helemaal: 's avonds is er geen toezicht."],
    "centrale_lijn": ["De kinderen wonen thuis en de ouders weten wie ze bellen als het misgaat."],
    "raise_scores": [
        "Een vast avondrooster met oma; vader doet mee aan het gesprek.",
        "School dagelijks laten melden.",
    ],
    "who_does_what": ["Gezinsmanager plant een netwerkberaad; moeder belt de huisarts."],
}
DECISIONS = [
    "Netwerkberaad organiseren binnen twee weken; oma en de buurvrouw uitnodigen.",
    "Het plan bijstellen: vader krijgt een eigen afspraak in het gezinsplan.",
    "Kwestie aankaarten bij de teamleider over de wachtlijst bij de GGZ.",
    "Contactfrequentie verhogen naar wekelijks tot de veiligheid stabiel is.",
]
COMPLEX_DIRECTIONS = [
    "Eén hulpverlener in plaats van drie; de gezinsmanager regisseert en het netwerk komt elke maand bijeen.",
    "Verzoek tot ondertoezichtstelling voorbereiden; tot dan wekelijks contact en een veiligheidsplan met oma.",
]
ACTIONS = ["Netwerkberaad plannen", "Gezinsplan bijwerken met vader", "School bellen over aanwezigheid"]


class Command(BaseCommand):
    help = "Weekly team sessions with decisions and actions for the demo organisation."

    def add_arguments(self, parser):
        parser.add_argument("--weeks", type=int, default=8)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when sessions exist.")

    @transaction.atomic
    def handle(self, *args, weeks, seed, if_empty, **opts):
        if TeamSession.objects.exists():
            if if_empty:
                return
            self.stderr.write("Er zijn al teamsessies; niets gedaan.")
            return
        rng = random.Random(seed)
        now = timezone.now()
        count = 0
        for team in Team.objects.all():
            leaders = {m.role: m.user for m in Membership.objects.active().filter(team=team)}
            if TeamRole.TEAMLEIDER not in leaders:
                continue
            members = list(Membership.objects.active().filter(team=team).values_list("user_id", flat=True))
            families = list(Family.objects.filter(team=team).exclude(phase=Phase.AFGESLOTEN))
            if not families:
                continue
            for week in range(weeks, -1, -1):
                # week 0 is next week's session; the others lie 1..weeks weeks back.
                day = timezone.localdate() + dt.timedelta(days=7 if week == 0 else -7 * week)
                starts = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
                session = TeamSession.objects.create(
                    team=team,
                    starts_at=starts,
                    location="Teamruimte",
                    status=SessionStatus.PUBLISHED if week == 0 else SessionStatus.CLOSED,
                    teamleider=leaders[TeamRole.TEAMLEIDER],
                    gedragswetenschapper=leaders.get(TeamRole.GEDRAGSWETENSCHAPPER),
                    senior=leaders.get(TeamRole.SENIOR),
                    supervision_topic=rng.choice(
                        ["Meervoudige partijdigheid", "Het netwerk betrekken", "Schaalvragen"]
                    ),
                    team_matters="Planning vakanties; nieuwe collega stelt zich voor." if week % 3 == 0 else "",
                    created_by=leaders[TeamRole.TEAMLEIDER],
                    published_at=starts - dt.timedelta(days=3),
                    closed_at=None if week == 0 else starts + dt.timedelta(hours=3),
                )
                session.attendees.set(members)
                for position, family in enumerate(rng.sample(families, k=min(len(families), rng.randint(2, 3)))):
                    discussion = CaseDiscussion.objects.create(
                        session=session,
                        family=family,
                        presenter=family.manager,
                        question=rng.choice(QUESTIONS),
                        casenote="Korte reflectie op het laatste gesprek met het gezin.",
                        position=position,
                        added_by=leaders[TeamRole.TEAMLEIDER],
                        **({} if week == 0 else {k: rng.choice(v) for k, v in ANSWERS.items()}),
                    )
                    if week == 0:
                        continue
                    heavy = HeavyKind.MEASURE if week == 1 and position == 0 else HeavyKind.NONE
                    decision = Decision(
                        discussion=discussion,
                        family=family,
                        text=rng.choice(DECISIONS),
                        heavy=heavy,
                        recorded_by=leaders[TeamRole.TEAMLEIDER],
                        recorded_at=starts + dt.timedelta(hours=2),
                    )
                    Decision.objects.bulk_create([decision])  # keeps recorded_at: the moment of the session
                    if heavy and TeamRole.GEDRAGSWETENSCHAPPER in leaders:
                        DecisionApproval.objects.create(
                            decision=decision,
                            role=ApprovalRole.GEDRAGSWETENSCHAPPER,
                            user=leaders[TeamRole.GEDRAGSWETENSCHAPPER],
                        )
                    due = starts.date() + dt.timedelta(days=14)
                    FollowUpAction.objects.create(
                        decision=decision,
                        family=family,
                        description=rng.choice(ACTIONS),
                        owner=family.manager,
                        due_on=due,
                        done_at=starts + dt.timedelta(days=10) if week > 2 else None,
                        done_by=family.manager if week > 2 else None,
                    )
                count += 1
            count += self._complex(team, leaders, members, families, random.Random(seed + team.pk))
        self.stdout.write(f"{count} teamsessies aangemaakt ({now:%d-%m-%Y}).")

    def _complex(self, team, leaders, members, families, rng: random.Random) -> int:
        """A complexe zaken overleg ten days ago: two families stuck, each leaving with a new direction."""
        day = timezone.localdate() - dt.timedelta(days=10)
        starts = timezone.make_aware(dt.datetime.combine(day, dt.time(13, 30)))
        session = TeamSession.objects.create(
            team=team,
            kind=SessionKind.COMPLEX,
            starts_at=starts,
            location="Grote vergaderzaal",
            status=SessionStatus.CLOSED,
            teamleider=leaders[TeamRole.TEAMLEIDER],
            gedragswetenschapper=leaders.get(TeamRole.GEDRAGSWETENSCHAPPER),
            senior=leaders.get(TeamRole.SENIOR),
            created_by=leaders[TeamRole.TEAMLEIDER],
            published_at=starts - dt.timedelta(days=3),
            closed_at=starts + dt.timedelta(hours=2),
        )
        session.attendees.set(members)
        for position, family in enumerate(rng.sample(families, k=min(len(families), 2))):
            CaseDiscussion.objects.create(
                session=session,
                family=family,
                presenter=family.manager,
                question="We komen niet verder: de veiligheid blijft laag ondanks alle hulp. Wat nu?",
                casenote="Drie hulpverleners, geen verandering; het netwerk haakt af.",
                position=position,
                added_by=leaders[TeamRole.TEAMLEIDER],
                new_direction=rng.choice(COMPLEX_DIRECTIONS),
                **{k: rng.choice(v) for k, v in ANSWERS.items()},
            )
        return 1
