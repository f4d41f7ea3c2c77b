"""Every free text has a maximum (core.limits): refused with a clear Dutch message, never cut, nothing lost."""

import uuid

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from casework import services
from casework.models import Contact
from casework.partners.models import InzetMessage
from core import limits
from core.fields import LimitedTextField
from tests.support.api_support import bearer, make_client, make_token
from tests.support.casework_support import contact_data
from tests.support.once import once
from tests.support.partners_support import make_basis, make_inzet, make_partner

PROBLEM = "application/problem+json"
# Texts the system writes itself, never a person typing: an e-mail's body (from a template), a task's error.
NOT_TYPED = {("notifications", "OutgoingEmail", "body"), ("reports", "Report", "error")}
PROJECT_APPS = {"accounts", "audits", "casework", "core", "kwesties", "notifications", "privacy", "reflection"}
PROJECT_APPS |= {"reports", "teams", "api"}


def _contact_post(**overrides):
    data = {
        **once(),
        "date": timezone.localdate().isoformat(),
        "kind": "huisbezoek",
        "note": "Rustig gesprek.",
        "safety_score": "6",
        "safety_why": "Afspraken nagekomen",
        "safety_raise": "Vader doet mee",
        "lijn_score": "4",
        "lijn_why": "Netwerk klein",
        "lijn_raise": "Oma betrekken",
    }
    data.update(overrides)
    return data


def _long(n: int) -> str:
    """n characters with a recognisable start and end, so the page can be searched for the whole text."""
    marker = uuid.uuid4().hex[:8]
    head, tail = f"begin-{marker} ", f" eind-{marker}"
    text = head + "x" * (n - len(head) - len(tail)) + tail
    assert len(text) == n
    return text


def test_every_typed_text_field_has_a_limit():
    unlimited = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField)
        and (model._meta.app_label, model.__name__, field.name) not in NOT_TYPED
        and not (isinstance(field, LimitedTextField) and field.max_length)
    ]
    assert unlimited == []


def test_a_200000_character_note_is_refused_and_stays_in_the_form(client, cast):
    client.force_login(cast.worker)
    url = reverse("casework:contact_create", kwargs={"family_id": cast.family.pk})
    note = _long(200_000)
    before = Contact.objects.count()
    response = client.post(url, _contact_post(note=note))
    assert response.status_code == 200
    assert Contact.objects.count() == before
    errors = response.context["form"].errors
    assert list(errors) == ["note"]
    assert errors["note"] == [
        "Deze tekst is 200.000 tekens lang; het maximum is 20.000 tekens. "
        "Maak hem 180.000 tekens korter: wat u typte staat er nog."
    ]
    content = response.content.decode()
    assert note in content  # every character of it, back in the textarea
    assert "Oma betrekken" in content


def test_a_note_at_the_limit_is_saved_whole(client, cast):
    client.force_login(cast.worker)
    url = reverse("casework:contact_create", kwargs={"family_id": cast.family.pk})
    note = _long(limits.NOTE)
    response = client.post(url, _contact_post(note=note))
    assert response.status_code == 302, response.context["form"].errors
    assert Contact.objects.get(family=cast.family, note=note).note == note


def test_line_breaks_count_once_as_in_the_counter(client, cast):
    client.force_login(cast.worker)
    url = reverse("casework:contact_create", kwargs={"family_id": cast.family.pk})
    lines = "regel\r\n" * (limits.NOTE // 6)  # 20,000 characters with one line break each, 23,331 with CRLF
    note = lines[: limits.NOTE * 7 // 6].rstrip()
    assert len(note.replace("\r\n", "\n")) <= limits.NOTE < len(note)
    response = client.post(url, _contact_post(note=note))
    assert response.status_code == 302
    assert Contact.objects.get(family=cast.family, note=note.replace("\r\n", "\n"))


def test_a_service_called_directly_refuses_too(cast):
    before = Contact.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.contact_record(actor=cast.worker, family=cast.family, data=contact_data(safety_why="x" * 5_001))
    assert list(refused.value.error_dict) == ["safety_why"]
    assert "het maximum is 5.000 tekens" in refused.value.error_dict["safety_why"][0].messages[0]
    assert Contact.objects.count() == before


def test_long_fields_get_a_counter_not_a_browser_cut(client, cast):
    client.force_login(cast.teamleider)
    page = client.get(reverse("casework:family_create")).content.decode()
    assert 'maxlength="30"' in page  # a dossiernummer keeps the ordinary maxlength
    client.force_login(cast.worker)
    page = client.get(reverse("casework:contact_create", kwargs={"family_id": cast.family.pk})).content.decode()
    assert 'data-maxlength="20000"' in page and 'data-maxlength="5000"' in page
    assert "<textarea" in page and " maxlength=" not in page.replace("data-maxlength", "")
    assert "js/counter.js" in page


def test_a_hand_written_form_field_is_limited_too(client, cast):
    contact = services.contact_record(actor=cast.worker, family=cast.family, data=contact_data())
    client.force_login(cast.worker)
    url = reverse("casework:contact_addendum", kwargs={"family_id": cast.family.pk, "contact_id": contact.pk})
    text = _long(limits.NOTE + 1)
    response = client.post(url, {**once(), "text": text})
    assert response.status_code == 200
    assert "het maximum is 20.000 tekens" in response.context["form"].errors["text"][0]
    assert text in response.content.decode()


def test_the_api_refuses_an_over_long_text_naming_the_field(client, cast):
    partner = make_partner("Jeugdhulp A")
    make_basis(family=cast.family, partner=partner)
    inzet = make_inzet(family=cast.family, partner=partner)
    token = make_token(make_client(partner=partner)[0])
    url = f"/api/v1/inzetten/{inzet.pk}/berichten"
    response = client.post(url, data={"tekst": "x" * 200_000}, content_type="application/json", **bearer(token))
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    params = response.json()["invalidParams"]
    assert [p["name"] for p in params] == ["tekst"]
    assert "1000" in params[0]["reason"]
    assert not InzetMessage.objects.filter(inzet=inzet).exists()
    at_limit = client.post(url, data={"tekst": "y" * limits.MESSAGE}, content_type="application/json", **bearer(token))
    assert at_limit.status_code == 201


def test_the_renderer_moves_maxlength_off_long_fields_of_any_form():
    from django import forms

    class AnyForm(forms.Form):
        message = forms.CharField(max_length=1000, widget=forms.Textarea)
        line = forms.CharField(max_length=300)
        code = forms.CharField(max_length=30)

    html = AnyForm().as_div()
    assert 'name="message"' in html and 'data-maxlength="1000"' in html
    assert 'data-maxlength="300"' in html  # a long one-line input is counted as well
    assert 'maxlength="30"' in html and 'data-maxlength="30"' not in html  # a short code keeps the browser's limit
    assert 'maxlength="1000"' not in html.replace('data-maxlength="1000"', "")
    assert 'maxlength="300"' not in html.replace('data-maxlength="300"', "")
