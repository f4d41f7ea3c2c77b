"""Run in its own process by tests/core/test_scale_replica.py, against a real primary and streaming replica.

    DATABASE_URL=<primary> DATABASE_REPLICA_URL=<replica> python -m tests.support.replica_probe

Its own process, because the test process's "default" is the test server, which is not the replica's
primary. It writes on the primary through the application, waits until the replica has replayed it,
reads through the router, and prints what it saw as one JSON line for the test to assert on.
"""

import json
import os
import sys

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    from accounts.models import Team, TeamRole
    from casework.models import Family
    from core.db_router import using_replica
    from privacy.models import AccessLogEntry, Action
    from privacy.services import access_log_record
    from tests.support.factories import ContactFactory, FamilyFactory, MembershipFactory
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
    sys.stdout.write(json.dumps(facts) + "\n")


if __name__ == "__main__":
    main()
