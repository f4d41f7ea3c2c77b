"""The file for inzage or a copy: every contact and plan version in the PDF and the ZIP, redacted items left
out with their reason kept, nothing downloadable before release, every step logged."""

import datetime as dt
import io
import json
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from casework.models import Measure
from casework.rights import services as svc
from casework.rights.export import export_pdf, export_zip
from casework.rights.models import FileExport
from privacy.models import AccessLogEntry, Action
from tests.support.factories import ContactFactory, PlanVersionFactory
from tests.support.once import form_token

pytestmark = pytest.mark.django_db


def _export(cast, actor):
    request = svc.privacy_request_register(
        actor=actor,
        family=cast.family,
        kind="inzage",
        requester_name="Petra de Vries",
        requester_relation="ouder",
        received_on=dt.date(2026, 6, 1),
    )
    return svc.file_export_start(actor=actor, request=request)


def test_the_export_holds_every_contact_and_plan_version_and_leaves_out_what_was_redacted(cast, fixed_day, security):
    ContactFactory(family=cast.family, note="Tweede gesprek: vader was er ook", date=dt.date(2026, 5, 2))
    PlanVersionFactory(family=cast.family, number=2, centrale_lijn="Versie twee van de centrale lijn")
    correction = svc.privacy_request_register(
        actor=security,
        family=cast.family,
        kind="correctie",
        requester_name="Petra",
        requester_relation="ouder",
        received_on=fixed_day,
    )
    svc.privacy_request_decide(
        actor=security, request=correction, outcome="afgewezen", decided_on=fixed_day, note="Nee"
    )
    first = cast.family.contacts.order_by("date").first()
    svc.family_statement_add(actor=security, request=correction, contact=first, text="Dat heb ik niet gezegd.")
    export = _export(cast, security)
    oma = cast.family.network.get()
    svc.file_export_redact(
        actor=security, export=export, part="netwerk", item_id=oma.pk, reason="Gegevens van een derde"
    )
    with pytest.raises(ValidationError, match="al weggelaten"):
        svc.file_export_redact(actor=security, export=export, part="netwerk", item_id=oma.pk, reason="Nog eens")
    archive = zipfile.ZipFile(io.BytesIO(export_zip(export=export)))
    contacts = json.loads(archive.read("contacten.json"))
    plans = json.loads(archive.read("gezinsplan.json"))
    assert len(contacts) == cast.family.contacts.count() == 2
    assert [c["eigen verklaring gezin"] for c in contacts] == ["Petra: Dat heb ik niet gezegd.", ""]
    assert [p["versie"] for p in plans] == [1, 2] and plans[1]["centrale lijn"] == "Versie twee van de centrale lijn"
    assert {c["waarom veiligheid"] for c in contacts} == set(cast.family.contacts.values_list("safety_why", flat=True))
    assert json.loads(archive.read("netwerk.json")) == []  # oma left out
    assert "netwerk: 1" in archive.read("LEESMIJ.txt").decode()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(export_pdf(export=export))).pages)
    assert "Tweede gesprek: vader was er ook" in text and "Versie twee van de centrale lijn" in text
    assert "Oma Bakker" not in text and "1 onderdeel is weggelaten" in text


def test_only_inzage_or_copy_and_nothing_leaves_before_release(client, cast, fixed_day, security):
    correction = svc.privacy_request_register(
        actor=security,
        family=cast.family,
        kind="correctie",
        requester_name="Petra",
        requester_relation="ouder",
        received_on=fixed_day,
    )
    with pytest.raises(ValidationError, match="inzage of een kopie"):
        svc.file_export_start(actor=security, request=correction)
    export = _export(cast, cast.teamleider)
    client.force_login(cast.teamleider)
    url = reverse("rights:export_download", kwargs={"request_id": export.request_id, "fmt": "pdf"})
    assert client.get(url).status_code == 404
    svc.file_export_release(actor=cast.teamleider, export=export)
    with pytest.raises(ValidationError, match="al vrijgegeven"):
        svc.file_export_redact(actor=cast.teamleider, export=export, part="contacten", item_id=1, reason="Te laat")
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    logged = set(AccessLogEntry.objects.filter(family_ids__has=cast.family.pk).values_list("action", "what"))
    assert (Action.PRINT, "dossier vrijgegeven (inzage)") in logged and (
        Action.DOWNLOAD,
        "dossier gedownload (pdf)",
    ) in logged
    client.force_login(cast.worker)
    assert client.get(url).status_code == 403
    client.force_login(cast.outsider)
    assert client.get(url).status_code == 403


def test_redaction_and_release_through_the_pages(client, cast, fixed_day):
    export = _export(cast, cast.teamleider)
    client.force_login(cast.teamleider)
    page_url = reverse("rights:export", kwargs={"request_id": export.request_id})
    page = client.get(page_url).content.decode()
    assert "Oma Bakker" in page and "Contactmomenten en scores" in page
    oma = cast.family.network.get()
    token = form_token(client, page_url)
    done = client.post(
        reverse("rights:export_redact", kwargs={"request_id": export.request_id}),
        {**token, "part": "netwerk", "item_id": oma.pk, "reason": "Telefoonnummer van een derde"},
    )
    assert done.status_code == 302
    assert "Telefoonnummer van een derde" in client.get(page_url).content.decode()
    empty = client.post(
        reverse("rights:export_redact", kwargs={"request_id": export.request_id}),
        {**form_token(client, page_url), "part": "contacten", "item_id": 1, "reason": ""},
        follow=True,
    )
    assert re.search(r'<p class="message error">[^<]+</p>', empty.content.decode())
    assert export.redactions.count() == 1


def _request(cast, actor, relation, name="Sanne"):
    return svc.privacy_request_register(
        actor=actor,
        family=cast.family,
        kind="kopie",
        requester_name=name,
        requester_relation=relation,
        received_on=dt.date(2026, 6, 1),
    )


def test_a_youths_own_request_gets_only_what_concerns_that_child(cast, fixed_day, security):
    sanne = cast.family.members.get(first_name="Sanne")
    with_her = ContactFactory(family=cast.family, note="Gesprek met Sanne op school", date=dt.date(2026, 5, 3))
    with_her.participants.add(sanne)
    ContactFactory(family=cast.family, note="Gesprek met moeder alleen", date=dt.date(2026, 5, 4))
    request = _request(cast, security, "jeugdige")
    with pytest.raises(ValidationError, match="Kies de jeugdige"):
        svc.file_export_start(actor=security, request=request)
    with pytest.raises(ValidationError, match="Kies de jeugdige"):
        svc.file_export_start(actor=security, request=request, child=cast.family.members.get(first_name="Petra"))
    daan = cast.family.members.create(
        first_name="Daan", last_name="de Vries", role="jeugdige", date_of_birth=dt.date(2017, 2, 2)
    )
    Measure.objects.create(child=daan, kind="ots", start=dt.date(2026, 1, 1))
    export = svc.file_export_start(actor=security, request=request, child=sanne)
    archive = zipfile.ZipFile(io.BytesIO(export_zip(export=export)))
    assert [m["naam"] for m in json.loads(archive.read("gezinsleden.json"))] == [str(sanne)]
    assert [c["notitie"] for c in json.loads(archive.read("contacten.json"))] == ["Gesprek met Sanne op school"]
    assert "netwerk.json" not in archive.namelist() and "tijdlijn.json" not in archive.namelist()
    assert json.loads(archive.read("maatregelen.json")) == []  # Daan's OTS is his, not hers
    assert "Alleen wat" in archive.read("LEESMIJ.txt").decode()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(export_pdf(export=export))).pages)
    assert "Gesprek met moeder alleen" not in text and "Oma Bakker" not in text and "Alleen wat" in text


def test_a_parent_without_authority_gets_what_the_handler_decided_and_why(client, cast, fixed_day, security):
    request = _request(cast, security, "ouder_zonder_gezag", name="Vader")
    client.force_login(security)
    url = reverse("rights:export", kwargs={"request_id": request.pk})
    token = form_token(client, reverse("rights:detail", kwargs={"request_id": request.pk}))
    response = client.post(url, {**token, "parts": ["gezinsplan", "maatregelen"]})
    page = response.content.decode()
    assert response.status_code == 200 and "Schrijf wat deze verzoeker krijgt" in page
    assert re.search(r'value="gezinsplan"[^>]*checked', page)  # what was ticked stays ticked
    why = "Belangrijke feiten en omstandigheden (art. 1:377c BW)"
    assert client.post(url, {**token, "parts": ["gezinsplan", "maatregelen"], "scope_note": why}).status_code == 302
    export = FileExport.objects.get()
    assert (export.parts, export.scope_note) == (["maatregelen", "gezinsplan"], why)
    archive = zipfile.ZipFile(io.BytesIO(export_zip(export=export)))
    assert sorted(archive.namelist()) == ["LEESMIJ.txt", "gezinsplan.json", "maatregelen.json"]
    assert why in archive.read("LEESMIJ.txt").decode()


def test_someone_outside_the_family_gets_only_what_was_decided(cast, fixed_day, security):
    request = _request(cast, security, "anders", name="Advocaat van de buurman")
    with pytest.raises(ValidationError) as refused:
        svc.file_export_start(actor=security, request=request)
    assert set(refused.value.message_dict) == {"parts", "scope_note"}  # both said at once
