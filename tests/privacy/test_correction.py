"""A granted request to correct the file: the handler changes a contact's text, the old text stays in the
contact's history with the request as the reason, and the request's history says what was changed."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from casework.models import ContactRevision
from casework.rights import services as svc
from casework.rights.correction import contact_correct_on_request
from tests.support.once import form_token

pytestmark = pytest.mark.django_db


def _granted(cast, actor, outcome="deels"):
    request = svc.privacy_request_register(
        actor=actor,
        family=cast.family,
        kind="correctie",
        requester_name="Petra de Vries",
        requester_relation="ouder",
        received_on=dt.date(2026, 6, 1),
    )
    note = "Alleen het verslag klopt niet" if outcome == "deels" else ""
    return svc.privacy_request_decide(
        actor=actor, request=request, outcome=outcome, decided_on=dt.date(2026, 6, 5), note=note
    )


def test_a_correction_keeps_the_old_text_with_the_request_as_reason(cast, fixed_day, security):
    contact = cast.family.contacts.get()
    old = contact.note
    request = _granted(cast, security)
    contact_correct_on_request(
        actor=security, request=request, contact=contact, field="note", text="Vader was er niet."
    )
    contact.refresh_from_db()
    assert contact.note == "Vader was er niet." and contact.corrected_at is not None
    revision = ContactRevision.objects.get(contact=contact)
    assert revision.previous["note"] == old and revision.author == security
    assert revision.reason == "correctie op verzoek van ouder met gezag (01-06-2026)"
    assert request.events.filter(step="gecorrigeerd").get().note.startswith("contactmoment van ")


def test_only_a_granted_correction_by_its_handler_and_only_a_change(cast, fixed_day, security):
    contact = cast.family.contacts.get()
    request = _granted(cast, security)
    with pytest.raises(PermissionDenied):
        contact_correct_on_request(actor=cast.worker, request=request, contact=contact, field="note", text="x")
    with pytest.raises(ValidationError, match="niet veranderd"):
        contact_correct_on_request(actor=security, request=request, contact=contact, field="note", text=contact.note)
    with pytest.raises(ValidationError, match="Kies wat"):
        contact_correct_on_request(actor=security, request=request, contact=contact, field="safety_score", text="9")
    other = svc.privacy_request_register(
        actor=security,
        family=cast.family,
        kind="correctie",
        requester_name="Petra",
        requester_relation="ouder",
        received_on=fixed_day,
    )
    with pytest.raises(ValidationError, match="toegewezen verzoek"):
        contact_correct_on_request(actor=security, request=other, contact=contact, field="note", text="Nieuw")
    assert not ContactRevision.objects.exists()


def test_the_handler_loads_the_text_corrects_it_and_the_timeline_shows_both(client, cast, fixed_day):
    contact = cast.family.contacts.get()
    old = contact.note
    request = _granted(cast, cast.teamleider, outcome="toegewezen")
    client.force_login(cast.teamleider)
    url = reverse("rights:detail", kwargs={"request_id": request.pk})
    shown = client.get(url, {"correctie-contact": contact.pk, "correctie-field": "note"}).content.decode()
    assert old in shown
    token = form_token(client, url + f"?correctie-contact={contact.pk}&correctie-field=note", prefix="correctie")
    data = {
        "correct": "1",
        "correctie-contact": contact.pk,
        "correctie-field": "note",
        "correctie-text": "Het gesprek was bij oma thuis.",
        **token,
    }
    response = client.post(url, data, follow=True)
    assert "De correctie is doorgevoerd" in response.content.decode()
    page = client.get(reverse("casework:family_detail", kwargs={"family_id": cast.family.pk})).content.decode()
    assert "Het gesprek was bij oma thuis." in page, "new"
    assert old in page, "old"
    assert "correctie op verzoek van" in page, "reason"


def test_a_required_part_cannot_be_cleared_and_a_wrong_choice_is_said(client, cast, fixed_day, security):
    contact = cast.family.contacts.get()
    request = _granted(cast, security)
    with pytest.raises(ValidationError, match="kan niet leeg zijn"):
        contact_correct_on_request(actor=security, request=request, contact=contact, field="safety_why", text=" ")
    client.force_login(security)
    url = reverse("rights:detail", kwargs={"request_id": request.pk})
    other = cast.other_family.contacts.create(
        date=contact.date,
        kind=contact.kind,
        note="Ander gezin",
        author=cast.outsider,
        safety_score=5,
        lijn_score=5,
        safety_why="x",
        safety_raise="x",
        lijn_why="x",
        lijn_raise="x",
    )
    page = client.get(url, {"correctie-contact": other.pk, "correctie-field": "note"}, follow=True).content.decode()
    assert "Kies een contactmoment van dit gezin" in page and "Ander gezin" not in page
