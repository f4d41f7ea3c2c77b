"""`make backup` and `make restore` (scripts/backup.py): a dump restored into a new database.

Transactional, so what the cast wrote is committed and in the dump. The restore goes into a database
of its own next to the test database, removed afterwards; the same row counts come back, and the
access log is still append-only there: its trigger refuses UPDATE and DELETE.
"""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from django.db import connection
from django.urls import reverse

from casework.models import Contact, Family
from privacy.models import AccessLogEntry

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]


def _url(name: str) -> str:
    db = connection.settings_dict
    login = f"{db['USER']}:{db['PASSWORD']}" if db["PASSWORD"] else db["USER"]
    return f"postgres://{login}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _script(*args: str, database_url: str, **env: str) -> str:
    environment = {**os.environ, "DATABASE_URL": database_url, **env}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "scripts/backup.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def restore_url():
    name = f"{connection.settings_dict['NAME']}_restore"
    url = _url(name)
    admin = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(psycopg.sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(psycopg.sql.Identifier(name)))
    yield url
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(psycopg.sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(psycopg.sql.Identifier(name)))


def test_a_backup_restores_into_a_new_database_with_its_rows_and_an_append_only_access_log(
    cast, client, tmp_path, restore_url
):
    client.force_login(cast.worker)
    assert client.get(reverse("casework:family_detail", args=[cast.family.pk])).status_code == 200
    expected = {
        "casework_family": Family.objects.count(),
        "casework_contact": Contact.objects.count(),
        "privacy_accesslogentry": AccessLogEntry.objects.count(),
    }
    assert expected["privacy_accesslogentry"] >= 1

    dump = Path(
        _script("backup", database_url=_url(connection.settings_dict["NAME"]), BACKUP_DIR=str(tmp_path)).strip()
    )
    assert dump.parent == tmp_path and dump.suffix == ".dump" and dump.stat().st_size > 0
    assert "restored:" in _script("restore", str(dump), database_url=restore_url)

    with psycopg.connect(restore_url, autocommit=True) as restored:
        for table, count in expected.items():
            assert restored.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == count, table  # noqa: S608
        for statement in ("UPDATE privacy_accesslogentry SET what = 'gewijzigd'", "DELETE FROM privacy_accesslogentry"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
                restored.execute(statement)
        assert (
            restored.execute("SELECT count(*) FROM privacy_accesslogentry").fetchone()[0]
            == expected["privacy_accesslogentry"]
        )

    # A second restore into the now filled database is refused unless asked to replace it.
    refused = subprocess.run(  # noqa: S603
        [sys.executable, "scripts/backup.py", "restore", str(dump)],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": restore_url},
        capture_output=True,
        text=True,
    )
    assert refused.returncode != 0 and "is not empty" in refused.stderr
