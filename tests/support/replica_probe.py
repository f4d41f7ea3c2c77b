"""Run in its own process by tests/core/test_scale_replica.py, against a real primary and streaming replica.

    DATABASE_URL=<primary> DATABASE_REPLICA_URL=<replica> python -m tests.support.replica_probe

Its own process, because the test process's "default" is the test server, which is not the replica's
primary. It writes on the primary through the application, waits until the replica has replayed it,
reads through the router, and prints what it saw as one JSON line for the test to assert on.
"""

import json
import os
import sys
from contextlib import nullcontext

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    from accounts.models import OrgRole, Team, TeamRole
    from casework.models import Family
    from core.db_router import using_replica
    from privacy.models import AccessLogEntry, Action
    from privacy.services import access_log_record
    from tests.support.factories import ContactFactory, FamilyFactory, MembershipFactory, UserFactory
    from tests.support.replica import Clusters, server_bindir, wait_for_replay
    from tests.support.second_factor import mark_session_verified

    setup_test_environment()
    clusters = Clusters(server_bindir(), os.environ["DATABASE_URL"], os.environ["DATABASE_REPLICA_URL"])  # type: ignore[arg-type]
    facts: dict = {}

    def on_replica(sql: str):
        with connections["replica"].cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchone()[0]

    # Written on the primary, through the application.
    membership = MembershipFactory(team__name="Team Replica", role=TeamRole.TEAMLEIDER, user__username="tl")
    team, leader = membership.team, membership.user
    family = FamilyFactory(team=team, name="Gezin Replica")
    ContactFactory(family=family)
    wait_for_replay(clusters)

    facts["replica_in_recovery"] = on_replica("SELECT pg_is_in_recovery()")
    with using_replica():
        facts["read_from"] = Team.objects.get(pk=team.pk)._state.db
        written = Team.objects.create(name="Team Geschreven")
        facts["write_in_replica_block_to"] = written._state.db
        with transaction.atomic():
            facts["read_in_transaction_from"] = Team.objects.get(pk=team.pk)._state.db
        # The access log row of a replica read: on the primary, in its own transaction.
        seen = Family.objects.get(pk=family.pk)
        facts["family_read_from"] = seen._state.db
        entry = access_log_record(user=leader, family_id=seen.pk, action=Action.VIEW, what="replica-probe")
        facts["log_written_to"] = entry._state.db
    facts["read_outside_block_from"] = Team.objects.get(pk=team.pk)._state.db
    facts["written_is_on_primary"] = Team.objects.using(DEFAULT_DB_ALIAS).filter(pk=written.pk).exists()
    wait_for_replay(clusters)
    facts["log_row_replayed"] = AccessLogEntry.objects.using("replica").filter(pk=entry.pk).exists()

    # A write sent to the replica on purpose is refused by the server itself.
    try:
        Team.objects.using("replica").create(name="Team Weggeweigerd")
        facts["replica_write"] = "accepted"
    except DatabaseError as error:
        facts["replica_write"] = getattr(error.__cause__, "sqlstate", type(error).__name__)

    # A page of settings.REPLICA_VIEWS: its figures come from the replica, the session from the primary.
    client = Client()
    client.force_login(leader)
    mark_session_verified(client, leader)
    wait_for_replay(clusters)
    with (
        CaptureQueriesContext(connections["replica"]) as replica_queries,
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary_queries,
    ):
        response = client.get(reverse("dashboard:team_figures"), {"team": team.pk})
    facts["figures_status"] = response.status_code
    facts["figures_read_contacts_on_replica"] = any("casework_contact" in q["sql"] for q in replica_queries)
    facts["figures_read_contacts_on_primary"] = any("casework_contact" in q["sql"] for q in primary_queries)
    facts["session_on_primary"] = any("django_session" in q["sql"] for q in primary_queries)
    facts["session_on_replica"] = any("django_session" in q["sql"] for q in replica_queries)

    # Who may see what is decided on the primary: no page of REPLICA_VIEWS reads an access table there.
    board = UserFactory(username="bestuurder", org_role=OrgRole.BESTUUR)
    board_client = Client()
    board_client.force_login(board)
    mark_session_verified(board_client, board)
    pages = [
        (client, "dashboard:team_figures", {"team": team.pk}),
        (client, "reports:list", {}),
        (client, "kwesties:patterns", {"team": team.pk}),
        (board_client, "kwesties:board", {}),
    ]
    facts["access_read_on_replica"] = {}
    facts["pages_on_replica"] = {}
    for page_client, name, params in pages:
        wait_for_replay(clusters)
        with CaptureQueriesContext(connections["replica"]) as replica_queries:
            status = page_client.get(reverse(name), params).status_code
        tables = sorted({t for q in replica_queries for t in access_tables() if f'"{t}"' in q["sql"]})
        facts["access_read_on_replica"][name] = tables if status == 200 else f"status {status}"
        facts["pages_on_replica"][name] = len(replica_queries) > 0

    facts |= report_facts(clusters=clusters, team=team)
    facts |= lag_guard_facts(clusters=clusters, client=client, team=team)
    sys.stdout.write(json.dumps(facts) + "\n")


def access_tables() -> set[str]:
    """The tables of settings.REPLICA_PRIMARY_ONLY (apps and models), but the users table: a list may show
    an author's name from the replica; whether the reader may see the list is decided from the others."""
    from django.apps import apps
    from django.conf import settings

    tables = set()
    for label in settings.REPLICA_PRIMARY_ONLY:
        models = [apps.get_model(label)] if "." in label else apps.get_app_config(label).get_models()
        tables |= {m._meta.db_table for m in models}
    return tables - {"accounts_user"}


def report_facts(*, clusters, team) -> dict:
    """A report made as the Celery task makes it: its content read on the replica, its row on the primary."""
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from reports import services
    from reports.models import Report, ReportKind, ReportStatus
    from reports.periods import last_month
    from tests.support.replica import wait_for_replay

    wait_for_replay(clusters)
    with (
        CaptureQueriesContext(connections["replica"]) as replica_queries,
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary_queries,
    ):
        report = services.report_generate(
            kind=ReportKind.MONTH_TEAM, team=team, period_start=last_month(timezone.localdate())[0]
        )
    return {
        "report_contacts_read_on_replica": any("casework_contact" in q["sql"] for q in replica_queries),
        "report_contacts_read_on_primary": any("casework_contact" in q["sql"] for q in primary_queries),
        "report_done_on_primary": Report.objects.using(DEFAULT_DB_ALIAS)
        .filter(pk=report.pk, status=ReportStatus.DONE)
        .exists(),
        "report_access_read_on_replica": sorted(
            {t for q in replica_queries for t in access_tables() if f'"{t}"' in q["sql"]}
        ),
    }


def lag_guard_facts(*, clusters, client, team) -> dict:
    """A replica whose replay is paused behind the primary, and one that is unreachable, serve nothing."""
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import reverse

    from accounts.models import Team
    from core.db_router import using_replica
    from core.replica_lag import measure_replica_lag, replica_verdict_forget
    from tests.support.replica import _wait_until, wait_for_replay

    facts: dict = {}

    def on_replica(sql: str):
        with connections["replica"].cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchone()[0]

    def figures_from(*, replica_up: bool = True) -> str:
        # Capturing connects at once, so a replica that is down is not captured (it can run nothing).
        replica_capture = CaptureQueriesContext(connections["replica"]) if replica_up else nullcontext([])
        primary_capture = CaptureQueriesContext(connections[DEFAULT_DB_ALIAS])
        with replica_capture as replica_queries, primary_capture as primary_queries:
            assert client.get(reverse("dashboard:team_figures"), {"team": team.pk}).status_code == 200
        on_replica_ = any("casework_contact" in q["sql"] for q in replica_queries)
        on_primary = any("casework_contact" in q["sql"] for q in primary_queries)
        return "replica" if on_replica_ and not on_primary else "default" if on_primary else "neither"

    with override_settings(REPLICA_MAX_LAG_SECONDS=0, REPLICA_LAG_CHECK_SECONDS=0):
        # An idle primary: the last replayed transaction may be long ago, yet nothing is waiting.
        wait_for_replay(clusters)
        seen: list = []
        _wait_until(lambda: seen.append(measure_replica_lag()) or seen[-1][0], "a caught-up verdict")
        facts["idle_verdict"] = seen[-1][1]
        # Replay paused with the primary's writes waiting: behind, so the reads go to the primary.
        on_replica("SELECT pg_wal_replay_pause()::text")
        try:
            written = Team.objects.create(name="Team Na Pauze")
            _wait_until(
                lambda: on_replica("SELECT pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn()"), "WAL to wait"
            )
            replica_verdict_forget()
            fresh, reason = measure_replica_lag()
            facts["paused_verdict"] = [fresh, "behind" in reason]
            with using_replica():
                facts["paused_read_from"] = Team.objects.get(pk=written.pk)._state.db
            facts["paused_figures_from"] = figures_from()
        finally:
            on_replica("SELECT pg_wal_replay_resume()::text")
        wait_for_replay(clusters)
        replica_verdict_forget()
        _wait_until(lambda: measure_replica_lag()[0], "the replica to be fresh again")
        facts["resumed_figures_from"] = figures_from()
        # Unreachable (nothing listens on the port): the primary, not an error page.
        replica = connections["replica"]
        replica.close()
        port = replica.settings_dict["PORT"]
        replica.settings_dict["PORT"] = 5449
        try:
            replica_verdict_forget()
            facts["unreachable_figures_from"] = figures_from(replica_up=False)
        finally:
            replica.close()
            replica.settings_dict["PORT"] = port
    return facts


if __name__ == "__main__":
    main()
