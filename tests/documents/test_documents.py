"""Family documents: stored privately, checked on upload, read only through the logged download."""

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages
from django.test import override_settings
from django.urls import reverse

from casework.documents.models import Document
from casework.models import Measure
from privacy.models import AccessLogEntry, Action
from tests.support.documents_support import HTML, PDF, PNG, docx_bytes, ensure_retention_classes, store, upload
from tests.support.once import assert_created_once

pytestmark = pytest.mark.django_db
ROLES = ["worker", "colleague", "teamleider", "outsider", "bestuur", "auditor", "beheer"]
READ = {"worker": 200, "colleague": 200, "teamleider": 200}
WRITE = {"worker": 200, "colleague": 403, "teamleider": 403}


def _url(name, family, **kwargs):
    return reverse(f"casework:{name}", kwargs={"family_id": family.pk, **kwargs})


def _form(**extra):
    return {
        "kind": "raad",
        "title": "Raadsrapport oktober",
        "dated_on": "2026-10-20",
        "written_by": "Raad voor de Kinderbescherming",
        **extra,
    }


def test_store_keeps_the_bytes_privately_with_their_hash_and_real_type(cast):
    content = docx_bytes()
    document = store(actor=cast.worker, family=cast.family, content=content, filename="C:\\map\\rapport.doc")
    assert document.content_type.endswith("wordprocessingml.document")
    assert document.original_name == "rapport.docx"  # the real type's extension, no path
    assert document.size > 0 and len(document.sha256) == 64
    assert document.file.name.startswith(f"gezin-{cast.family.pk}/") and "rapport" not in document.file.name
    with document.file.open("rb") as stored:
        assert stored.read() == content
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert storages["private"].exists(document.file.name)
    with pytest.raises(NotImplementedError):
        _ = document.file.url


def test_store_gives_the_file_its_retention_class_the_longest_for_an_ots(cast):
    assert store(actor=cast.worker, family=cast.family).retention_class.code == "jeugdwet-20"
    child = cast.family.members.get(first_name="Sanne")
    Measure.objects.create(child=child, kind="ots", start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    assert store(actor=cast.worker, family=cast.family).retention_class.code == "ots-voogdij-30"


@pytest.mark.parametrize(
    ("content", "message"),
    [(HTML, "Dit soort bestand"), (b"", "leeg"), (b"MZ\x90\x00" + b"\x00" * 64, "Dit soort bestand")],
)
def test_store_refuses_what_the_bytes_are_not_allowed_to_be(cast, content, message):
    with pytest.raises(ValidationError) as refused:
        store(actor=cast.worker, family=cast.family, content=content, filename="rapport.pdf")
    assert message in str(refused.value)
    assert not Document.objects.exists()


@override_settings(DOCUMENT_MAX_BYTES=1024)
def test_store_refuses_a_file_above_the_size_limit(cast):
    with pytest.raises(ValidationError, match="groter dan"):
        store(actor=cast.worker, family=cast.family, content=PDF + b"0" * 2048)


@pytest.mark.parametrize("role", ["colleague", "teamleider", "outsider", "bestuur", "auditor", "beheer"])
def test_only_the_gezinsmanager_stores_a_document(cast, role):
    with pytest.raises(PermissionDenied):
        store(actor=getattr(cast, role), family=cast.family)


def test_a_child_of_another_family_is_refused(cast):
    from tests.support.factories import MemberFactory

    stranger = MemberFactory(family=cast.other_family, role="jeugdige")
    with pytest.raises(ValidationError, match="jeugdige uit dit gezin"):
        store(actor=cast.worker, family=cast.family, child=stranger)


@pytest.mark.parametrize("role", ROLES)
def test_every_document_page_for_every_role(client, cast, role):
    document = store(actor=cast.worker, family=cast.family)
    client.force_login(getattr(cast, role))
    for name, kwargs, rule in [
        ("documents", {}, READ),
        ("document_create", {}, WRITE),
        ("document_download", {"document_id": document.pk}, READ),
    ]:
        response = client.get(_url(name, cast.family, **kwargs))
        want = rule.get(role, 404)
        assert response.status_code == want, f"{role} GET {name}: {response.status_code}, expected {want}"


def test_a_document_of_another_team_is_not_found_even_under_ones_own_family(client, cast):
    theirs = store(actor=cast.outsider, family=cast.other_family)
    client.force_login(cast.worker)
    assert client.get(_url("document_download", cast.family, document_id=theirs.pk)).status_code == 404
    assert client.get(_url("document_download", cast.other_family, document_id=theirs.pk)).status_code == 404


def test_download_is_an_attachment_never_sniffed_and_logged_without_its_title(client, cast):
    document = store(actor=cast.worker, family=cast.family, title="Raadsrapport over Sanne")
    client.force_login(cast.colleague)
    before = AccessLogEntry.objects.filter(action=Action.DOWNLOAD).count()
    response = client.get(_url("document_download", cast.family, document_id=document.pk))
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"].startswith("attachment;")
        and "beschikking.pdf" in response["Content-Disposition"]
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    rows = AccessLogEntry.objects.filter(action=Action.DOWNLOAD).order_by("-id")
    assert rows.count() == before + 1
    row = rows.first()
    assert row.user == cast.colleague and row.family_ids == [cast.family.pk]
    assert "Sanne" not in row.what and "Raadsrapport" not in row.what and str(document.pk) in row.what


def test_upload_page_stores_once_and_lists_the_document(client, cast):
    ensure_retention_classes()
    client.force_login(cast.worker)
    url = _url("document_create", cast.family)
    assert_created_once(client, url, {**_form(), "file": upload(PNG, "scan.png")}, rows=Document.objects.all())
    document = Document.objects.get()
    assert document.content_type == "image/png" and document.kind == "raad"
    listing = client.get(_url("documents", cast.family)).content.decode()
    assert (
        "Raadsrapport oktober" in listing and _url("document_download", cast.family, document_id=document.pk) in listing
    )
    page = client.get(_url("family_detail", cast.family)).content.decode()
    assert "Raadsrapport oktober" in page  # the family page's list and its timeline
    assert page.count("Document: Raadsrapport oktober") == 1


def test_upload_of_a_wrong_file_keeps_what_was_typed_with_a_dutch_message(client, cast):
    ensure_retention_classes()
    client.force_login(cast.worker)
    from tests.support.once import once

    response = client.post(_url("document_create", cast.family), {**_form(), "file": upload(HTML, "x.pdf"), **once()})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dit soort bestand kan niet worden opgeslagen" in page
    assert 'value="Raadsrapport oktober"' in page and "Kies het bestand opnieuw" in page
    assert not Document.objects.exists()


def test_the_private_storage_is_outside_every_served_root(settings):
    from pathlib import Path

    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    for served in [settings.STATIC_ROOT, getattr(settings, "MEDIA_ROOT", "")]:
        if served:
            assert not private.is_relative_to(Path(served).resolve())


def test_a_document_whose_file_is_gone_is_a_dutch_404_and_no_download_is_logged(client, cast):
    document = store(actor=cast.worker, family=cast.family)
    storages["private"].delete(document.file.name)
    client.force_login(cast.worker)
    before = AccessLogEntry.objects.filter(action=Action.DOWNLOAD).count()
    response = client.get(_url("document_download", cast.family, document_id=document.pk))
    assert response.status_code == 404
    assert AccessLogEntry.objects.filter(action=Action.DOWNLOAD).count() == before
