"""A court report in tests: the cast's family with an OTS, a request to extend it, and the report started."""

from casework.court import services as court_services
from courtreports import services as svc
from tests.support.court_support import ots
from tests.support.factories import MembershipFactory


def team_approvers(cast):
    """The cast's teamleider, and a gedragswetenschapper of Team Noord (made here)."""
    from accounts.models import TeamRole

    gw = MembershipFactory(team=cast.family.team, role=TeamRole.GEDRAGSWETENSCHAPPER, user__username="gw").user
    return gw, cast.teamleider


def started_report(cast):
    measure = ots(actor=cast.worker, family=cast.family)
    request = court_services.court_request_create(
        actor=cast.worker, family=cast.family, kind="verlenging", measure=measure, court="Rechtbank Noord-Nederland"
    )
    return svc.report_start(actor=cast.worker, request=request)
