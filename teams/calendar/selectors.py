"""What the agenda shows: the hearings and team sessions in a window, in three queries whatever the data."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Team, User
from accounts.selectors import team_ids_for_user
from casework.access import families_of_team_for_user, families_writable_by
from casework.court.selectors import hearings_between
from casework.models import Family

from ..models import SessionStatus, TeamSession

DAYS_BACK = 7  # the past week stays in view: what was, and what needs its outcome recorded
WEEKS_AHEAD = 8


@dataclass(frozen=True)
class AgendaItem:
    uid: str
    starts_at: dt.datetime
    kind: str  # "zitting" or "teamsessie"
    title: str  # for the page (may name the family: the page is logged)
    neutral_title: str  # for the .ics file: no names, only the dossier number
    place: str
    url: str
    family_id: int | None = None


def agenda_window(*, now: dt.datetime | None = None) -> tuple[dt.datetime, dt.datetime]:
    now = now or timezone.now()
    start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0) - dt.timedelta(days=DAYS_BACK)
    return start, start + dt.timedelta(days=DAYS_BACK, weeks=WEEKS_AHEAD)


def _hearing_items(*, families: QuerySet[Family], start: dt.datetime, end: dt.datetime) -> list[AgendaItem]:
    items = []
    for hearing in hearings_between(families=families, start=start, end=end):
        family = hearing.family
        kind = hearing.get_kind_display()
        place = ", ".join(p for p in (hearing.court, hearing.location) if p)
        items.append(
            AgendaItem(
                uid=f"zitting-{hearing.pk}",
                starts_at=hearing.starts_at,
                kind="zitting",
                title=_("Zitting %(kind)s – %(family)s") % {"kind": kind, "family": family.name},
                neutral_title=_("Zitting %(kind)s – dossier %(ref)s") % {"kind": kind, "ref": family.reference},
                place=place,
                url=reverse("casework:court", kwargs={"family_id": family.pk}) + "#kop-zittingen",
                family_id=family.pk,
            )
        )
    return items


def _session_items(*, team_ids: QuerySet | list[int], start: dt.datetime, end: dt.datetime) -> list[AgendaItem]:
    """The teams' sessions once published: a concept is the leaders' own (one query)."""
    sessions = (
        TeamSession.objects.filter(team_id__in=team_ids, starts_at__gte=start, starts_at__lt=end)
        .exclude(status=SessionStatus.CONCEPT)
        .select_related("team")
        .order_by("starts_at", "id")
    )
    return [
        AgendaItem(
            uid=f"teamsessie-{s.pk}",
            starts_at=s.starts_at,
            kind="teamsessie",
            title=_("%(kind)s %(team)s") % {"kind": s.get_kind_display().capitalize(), "team": s.team},
            neutral_title=_("%(kind)s %(team)s") % {"kind": s.get_kind_display().capitalize(), "team": s.team},
            place=s.location,
            url=reverse("teams:session_detail", kwargs={"session_id": s.pk}),
        )
        for s in sessions
    ]


def agenda_for_user(*, user: User, now: dt.datetime | None = None) -> list[AgendaItem]:
    """Mijn agenda: the hearings of the families this user writes, and the sessions of their teams."""
    start, end = agenda_window(now=now)
    items = _hearing_items(families=families_writable_by(user=user), start=start, end=end)
    items += _session_items(team_ids=team_ids_for_user(user=user), start=start, end=end)
    return sorted(items, key=lambda i: (i.starts_at, i.uid))


def agenda_for_team(*, user: User, team: Team, now: dt.datetime | None = None) -> list[AgendaItem]:
    """The team agenda: every hearing of the team's families this user may read, and the team's sessions."""
    start, end = agenda_window(now=now)
    items = _hearing_items(families=families_of_team_for_user(user=user, team=team), start=start, end=end)
    items += _session_items(team_ids=[team.pk], start=start, end=end)
    return sorted(items, key=lambda i: (i.starts_at, i.uid))
