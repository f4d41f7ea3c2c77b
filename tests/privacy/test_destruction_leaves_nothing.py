"""After destruction no text column of any table names the family: searched in the whole database.

The demo organisation is the richest file the project can make (contacts, plans, sessions with
decisions, kwesties, court work and reports, audits, stored reports, notifications). The names
searched for are those of one of its families that no other family, network or user shares, so a
hit can only be this family's; before the destruction they are found in many tables, after it in none.
What does stay is checked too: the access log's rows, the stored reports and the audits.
"""

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from accounts.models import User
from audits.models import FileCheck, TeamAudit
from casework.documents.models import private_storage
from casework.models import Family, FileDestruction, Member, NetworkPerson, Phase
from casework.rights import destruction as svc
from casework.rights.scrub import family_models
from privacy.models import AccessLogEntry
from privacy.services import access_log_record
from reports.models import Report
from tests.support.documents_support import ensure_retention_classes, store

pytestmark = pytest.mark.django_db

WORD = re.compile(r"[A-Za-zÀ-ÿ'-]{4,}")


def _text_columns() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.table_name, c.column_name FROM information_schema.columns c "
            "JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema "
            "WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' "
            "AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')"
        )
        return cursor.fetchall()


def _tables_naming(words: set[str]) -> dict[str, set[str]]:
    """Per word, the tables.columns whose text holds it (case-insensitive, as a whole word)."""
    found: dict[str, set[str]] = {w: set() for w in words}
    pattern = r"\m(" + "|".join(re.escape(w) for w in sorted(words)) + r")\M"
    with connection.cursor() as cursor:
        for table, column in _text_columns():
            cursor.execute(
                f'SELECT DISTINCT (regexp_matches("{column}"::text, %s, \'gi\'))[1] FROM "{table}"',  # noqa: S608
                [pattern],
            )
            for (hit,) in cursor.fetchall():
                for word in words:
                    if word.lower() == hit.lower():
                        found[word].add(f"{table}.{column}")
    return found


def _figures(value):
    """The numbers of a stored report, in order, with the keys they are under: what must survive."""
    if isinstance(value, dict):
        return [(k, _figures(v)) for k, v in sorted(value.items()) if not isinstance(v, str)]
    if isinstance(value, list):
        return [_figures(v) for v in value]
    return value


def _own_words(family: Family) -> set[str]:
    """Names and phone numbers of this family that no other family, network person or user has."""
    own: set[str] = set(WORD.findall(family.name.removeprefix("Gezin ")))
    for m in Member.objects.filter(family=family):
        own |= set(WORD.findall(f"{m.first_name} {m.last_name}"))
    for p in NetworkPerson.objects.filter(family=family):
        own |= set(WORD.findall(p.name))
        own |= {p.phone} if p.phone else set()
    others: Counter[str] = Counter()
    for first, last in Member.objects.exclude(family=family).values_list("first_name", "last_name"):
        others.update(w.lower() for w in WORD.findall(f"{first} {last}"))
    for name, phone in NetworkPerson.objects.exclude(family=family).values_list("name", "phone"):
        others.update(w.lower() for w in [*WORD.findall(name), phone])
    for name in Family.objects.exclude(pk=family.pk).values_list("name", flat=True):
        others.update(w.lower() for w in WORD.findall(name))
    for first, last, username in User.objects.values_list("first_name", "last_name", "username"):
        others.update(w.lower() for w in WORD.findall(f"{first} {last} {username}"))
    common = {"gezin", "oma", "opa", "tante", "oom", "buurvrouw", "buurman", "juf", "meester"}
    return {w for w in own if w.lower() not in others and w.lower() not in common}


def _richest(families) -> Family:
    models_paths = family_models(Family)

    def rows_in(family: Family) -> int:
        return sum(
            1
            for model, paths in models_paths.items()
            if any(model._base_manager.filter(**{p.lookup: family}).exists() for p in paths if not p.through_shared)
        )

    return max(families, key=lambda f: (rows_in(f), -f.pk))


def test_after_destruction_no_table_names_the_family(django_capture_on_commit_callbacks):
    ensure_retention_classes()
    call_command("demo_data", families=24, teams=2, seed=2026, verbosity=0)
    for command in ("demo_sessions", "demo_kwesties", "demo_court_reports", "generate_reports", "demo_audits"):
        call_command(command, verbosity=0)
    candidates = [f for f in Family.objects.all() if len(_own_words(f)) >= 3]
    family = _richest(candidates)
    words = _own_words(family)
    Family.objects.filter(pk=family.pk).update(phase=Phase.ONDERSTEUNEN)  # open for a moment: a document
    document = store(actor=family.manager, family=family, title=f"Verslag over {sorted(words)[0]}")
    stored = Path(private_storage().path(document.file.name))
    orphan = Path(private_storage().save(f"gezin-{family.pk}/zonder-rij", ContentFile(b"upload teruggedraaid")))
    assert stored.exists() and Path(private_storage().path(str(orphan))).exists()
    before = _tables_naming(words)
    named_in = set().union(*before.values())
    assert len(named_in) >= 6, named_in  # the names really are all over the file
    access_log_record(user=family.manager, family_id=family.pk, action="inzien", what="gezinsdossier")
    logged = AccessLogEntry.objects.filter(family_ids__has=family.pk).count()
    reports = [(pk, _figures(data)) for pk, data in Report.objects.order_by("pk").values_list("pk", "data")]
    audits = (list(TeamAudit.objects.values_list("pk", "status")), list(FileCheck.objects.values_list("pk", "answer")))

    Family.objects.filter(pk=family.pk).update(phase=Phase.AFGESLOTEN, closed_on=dt.date(1990, 1, 1))
    Member.objects.filter(family=family, role="jeugdige").update(date_of_birth=dt.date(1960, 5, 5))
    assert svc.destruction_proposals_create() >= 1
    proposal = FileDestruction.objects.get(family=family)
    leader = User.objects.get(memberships__team=family.team, memberships__role="teamleider", username__startswith="tl.")
    svc.destruction_agree(actor=leader, destruction=proposal)
    with django_capture_on_commit_callbacks(execute=True):
        svc.destruction_agree(actor=User.objects.get(username="security"), destruction=proposal)
    assert not stored.exists()  # the document's bytes too, once the destruction is committed
    assert not Path(private_storage().path(str(orphan))).exists()  # and a file an undone upload left behind

    after = {w: tables for w, tables in _tables_naming(words).items() if tables}
    assert after == {}, f"still named after destruction: {after}"
    # Every row stays (the first agreement and the destruction add theirs); the id resolves to no name.
    assert AccessLogEntry.objects.filter(family_ids__has=family.pk).count() == logged + 2
    assert [(pk, _figures(data)) for pk, data in Report.objects.order_by("pk").values_list("pk", "data")] == reports
    assert (
        list(TeamAudit.objects.values_list("pk", "status")),
        list(FileCheck.objects.values_list("pk", "answer")),
    ) == audits  # the audits' answers stay, their notes about the file do not
