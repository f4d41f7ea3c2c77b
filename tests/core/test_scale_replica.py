"""The read replica on a real PostgreSQL streaming replica (tests/support/replica.py starts and removes it).

The router's rules one by one, without a replica: tests/core/test_scale_router.py.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.support.replica import copy_schema, streaming_replica

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def clusters():
    with streaming_replica() as started:
        yield started


def test_reads_come_from_the_streaming_replica_and_writes_go_to_the_primary(db, clusters):
    assert connection.settings_dict["NAME"].startswith("test_"), connection.settings_dict["NAME"]
    copy_schema(clusters=clusters, source=connection.settings_dict)
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": clusters.primary_url,
        "DATABASE_REPLICA_URL": clusters.replica_url,
    }
    probe = subprocess.run(
        [sys.executable, "-m", "tests.support.replica_probe"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert probe.returncode == 0, probe.stderr[-3000:]
    facts = json.loads(probe.stdout.strip().splitlines()[-1])
    assert facts == {
        "replica_in_recovery": True,
        # Inside using_replica(): reads from the replica once it has replayed the primary's writes ...
        "read_from": "replica",
        "family_read_from": "replica",
        # ... but writes, and reads inside a transaction, on the primary.
        "write_in_replica_block_to": "default",
        "read_in_transaction_from": "default",
        "log_written_to": "default",
        "written_is_on_primary": True,
        "log_row_replayed": True,
        "read_outside_block_from": "default",
        # SQLSTATE 25006, read_only_sql_transaction: the replica refuses a write sent to it.
        "replica_write": "25006",
        # The team figures page: its figures from the replica, the session on the primary.
        "figures_status": 200,
        "figures_read_contacts_on_replica": True,
        "figures_read_contacts_on_primary": False,
        "session_on_primary": True,
        "session_on_replica": False,
        # Who may see what is decided on the primary: no access table is read on the replica by these pages ...
        "access_read_on_replica": {
            "dashboard:team_figures": [],
            "reports:list": [],
            "kwesties:patterns": [],
            "kwesties:board": [],
        },
        # ... which do read their content there.
        "pages_on_replica": {
            "dashboard:team_figures": True,
            "reports:list": True,
            "kwesties:patterns": True,
            "kwesties:board": True,
        },
        # A report made as its Celery task makes it: the content from the replica, the row on the primary.
        "report_contacts_read_on_replica": True,
        "report_contacts_read_on_primary": False,
        "report_done_on_primary": True,
        "report_access_read_on_replica": [],
        # The lag guard: an idle primary's replica is caught up whatever its last replay time ...
        "idle_verdict": "caught up",
        # ... a paused replay with WAL waiting is behind: the reads, the page included, come from the primary ...
        "paused_verdict": [False, True],
        "paused_read_from": "default",
        "paused_figures_from": "default",
        # ... and from the replica again once it has caught up; an unreachable replica serves nothing.
        "resumed_figures_from": "replica",
        "unreachable_figures_from": "default",
    }
