"""Reads for reports: who may read which report, and the lists the pages show.

Readers (decided for this issue, see README "Rapportages"):
- weekly team report: the active members of that team, every team role, who
  were already in the team that week (it names families the team discussed);
- monthly team report: the team's members, and auditors (aggregates only; the
  annual audit uses them);
- monthly board report: bestuur only.
Functioneel beheer reads no report; it sees failed reports with their error,
never their content. "Not yours" looks like "not found".
"""

import datetime as dt

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import Membership, OrgRole, Team, User
from casework.access import families_of_teams
from casework.figures import active_between_filter
from core.db_router import replica_may_serve

from .models import Report, ReportKind, ReportStatus


def readable_reports_filter(*, user: User) -> Q:
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    memberships = Membership.objects.active().filter(user=user)
    # A weekly report names families: only for who was in the team that week, not
    # for a newcomer reading about families that left before they arrived.
    if replica_may_serve():
        # The reports may come from the replica, the memberships never do (core.db_router): read them here.
        rows = list(memberships.using("default").order_by().values_list("team_id", "start"))
        week = Q(pk__in=[])
        for team_id, start in rows:
            week |= Q(team_id=team_id, period_end__gte=start)
        rule = Q(kind=ReportKind.WEEK_TEAM) & week
        rule |= Q(kind=ReportKind.MONTH_TEAM, team_id__in=[team_id for team_id, _start in rows])
    else:
        in_team_that_week = memberships.filter(team_id=OuterRef("team_id"), start__lte=OuterRef("period_end"))
        rule = Q(kind=ReportKind.WEEK_TEAM) & Q(Exists(in_team_that_week))
        rule |= Q(kind=ReportKind.MONTH_TEAM, team_id__in=memberships.values("team_id"))
    if user.org_role == OrgRole.AUDITOR:
        rule |= Q(kind=ReportKind.MONTH_TEAM)
    if user.org_role == OrgRole.BESTUUR:
        rule |= Q(kind=ReportKind.MONTH_BOARD)
    return rule


def report_list_for_user(*, user: User, kind: str | None = None) -> QuerySet[Report]:
    """Finished reports the user may read, newest period first; `data` deferred (lists never show it)."""
    qs = Report.objects.filter(readable_reports_filter(user=user), status=ReportStatus.DONE)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.select_related("team").defer("data").order_by("-period_start", "team__name", "pk")


def report_teams(*, start: dt.date, end: dt.date) -> QuerySet[Team]:
    """The teams a team report of the period is made for: with a member or an open family in the period.

    Teams have no "active" flag; a team that was wound up (every membership
    ended, every family closed or handed to another team) gets no more empty
    reports that nobody can read. A team with members but no families still
    gets one (its members read it), and so does one with families but no members.
    """
    members = Membership.objects.filter(start__lte=end).filter(Q(end__isnull=True) | Q(end__gte=start))
    families = families_of_teams(team_ids=None).filter(active_between_filter(since=start, until=end))
    return Team.objects.filter(Q(pk__in=members.values("team_id")) | Q(pk__in=families.values("team_id")))


def report_get_for_user(*, user: User, report_id: int, write: bool = False) -> Report:
    """A finished report for its readers; with `write`, any report for functioneel beheer (to retry it)."""
    if write:
        qs = Report.objects.filter(pk__in=[]) if not user.is_beheer else Report.objects.defer("data")
    else:
        qs = Report.objects.filter(readable_reports_filter(user=user), status=ReportStatus.DONE)
    report = qs.select_related("team").filter(pk=report_id).first()
    if report is None:
        raise Http404("Rapportage niet gevonden")
    return report


def report_readers(*, report: Report) -> QuerySet[User]:
    """Who is told that the report is ready: the team's active members, or the board."""
    if report.kind == ReportKind.MONTH_BOARD:
        users = User.objects.filter(org_role=OrgRole.BESTUUR)
    else:
        members = Membership.objects.active().filter(team_id=report.team_id)
        if report.kind == ReportKind.WEEK_TEAM:
            members = members.filter(start__lte=report.period_end)  # the same rule as reading it
        users = User.objects.filter(pk__in=members.values("user_id"))
    return users.filter(is_active=True).order_by("pk")


def report_stuck_filter(*, now: dt.datetime) -> Q:
    """Bezig with no sign of life for REPORTS_STUCK_AFTER_MINUTES, or asked again and not yet started.

    A generation commits its report as bezig (with `busy_since`) before making
    it, so a worker killed halfway leaves it bezig; a retry leaves it bezig
    without `busy_since` until its task starts.
    """
    cutoff = now - dt.timedelta(minutes=settings.REPORTS_STUCK_AFTER_MINUTES)
    return Q(status=ReportStatus.BUSY) & (Q(busy_since__isnull=True) | Q(busy_since__lt=cutoff))


def report_failed_list(*, user: User) -> QuerySet[Report]:
    """Reports not made, for functioneel beheer, without their data: failed, or bezig and stuck.

    A report being made right now is not listed; one bezig past the threshold
    is (its worker died, or the queued task never ran because the broker was
    down), so it is never visible to no one; the sweeper queues it again.
    """
    if not user.is_beheer:
        raise Http404
    return (
        Report.objects.filter(Q(status=ReportStatus.FAILED) | report_stuck_filter(now=timezone.now()))
        .select_related("team")
        .defer("data")
        .order_by("-created_at", "pk")
    )
