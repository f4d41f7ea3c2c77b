"""Team dashboard helpers shared by test modules: a family with scores, a family discussed in a session."""

import datetime as dt

from django.utils import timezone

from teams.models import CaseDiscussion, SessionStatus, TeamSession
from tests.support.factories import ContactFactory, FamilyFactory


def family_with_scores(cast, *scores, **family_kwargs):
    """A family of Team Noord with contacts (days_ago, safety, lijn), oldest first or in any order."""
    family = FamilyFactory(team=cast.family.team, manager=cast.worker, **family_kwargs)
    for days_ago, safety, lijn in scores:
        ContactFactory(
            family=family,
            date=timezone.localdate() - dt.timedelta(days=days_ago),
            safety_score=safety,
            lijn_score=lijn,
        )
    return family


def discuss_in_session(cast, family, starts_at, status=SessionStatus.CLOSED):
    """A session of the family's team at `starts_at` (closed unless told) with the family on its agenda."""
    session = TeamSession.objects.create(
        team=family.team,
        starts_at=starts_at,
        teamleider=cast.teamleider,
        created_by=cast.teamleider,
        status=status,
    )
    CaseDiscussion.objects.create(
        session=session, family=family, presenter=cast.worker, question="Is Sanne veilig?", added_by=cast.teamleider
    )
    return session
