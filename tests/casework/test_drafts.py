"""Server-side drafts of the contact form: kept while typing, restored anywhere, only for their author."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casework.drafts import services
from casework.drafts.spec import DraftSpec
from casework.models import Contact, Draft
from privacy.models import AccessLogEntry
from tests.support.drafts_support import autosave, draft_token
from tests.support.once import once

NOTE = "Moeder vertelde over de ruzie van vorige week; de kinderen waren erbij."


@pytest.fixture
def url(cast):
    return reverse("casework:contact_create", kwargs={"family_id": cast.family.pk})


def typed(**overrides):
    data = {"kind": "telefonisch", "note": NOTE, "safety_score": "6", "safety_why": "Afspraken nagekomen"}
    data.update(overrides)
    return data


def test_autosave_keeps_the_typed_fields_on_the_server(client, cast, url):
    client.force_login(cast.worker)
    response = autosave(client, url, typed())
    assert response.status_code == 200
    assert response.json()["message"].startswith("Concept opgeslagen om ")
    draft = Draft.objects.get(author=cast.worker, form_key="contact")
    assert draft.family_id == cast.family.pk
    assert draft.data["note"] == [NOTE]
    assert "csrfmiddlewaretoken" not in draft.data and "_draft" not in draft.data
    # Typing on: the same draft is replaced, not a second one made.
    autosave(client, url, typed(note=NOTE + " Vader belde later."))
    assert Draft.objects.get(author=cast.worker).data["note"] == [NOTE + " Vader belde later."]


def test_a_draft_is_restored_on_another_device_with_a_notice_and_logged(client, cast, url):
    client.force_login(cast.worker)
    autosave(client, url, typed())
    laptop = Client()
    laptop.force_login(cast.worker)
    before = AccessLogEntry.objects.filter(user=cast.worker, what="concept geopend (contact)").count()
    response = laptop.get(url)
    html = response.content.decode()
    time = timezone.localtime(Draft.objects.get().updated_at).strftime("%H:%M")
    assert f"Concept van {time} hersteld." in html
    assert "Concept weggooien" in html
    form = response.context["form"]
    assert form["note"].value() == NOTE
    assert form["kind"].value() == "telefonisch"
    assert not form.errors  # shown as typed: no messages about what was not filled in yet
    after = AccessLogEntry.objects.filter(
        user=cast.worker, family_ids__has=cast.family.pk, what="concept geopend (contact)"
    )
    assert after.count() == before + 1


def test_discarding_a_draft_opens_the_form_afresh(client, cast, url):
    client.force_login(cast.worker)
    token = draft_token(client, url)
    autosave(client, url, typed(), token=token)
    response = client.post(reverse("drafts:discard"), {"_draft": token})
    assert response.status_code == 302 and response["Location"] == url
    assert not Draft.objects.exists()
    html = client.get(url).content.decode()
    assert "hersteld" not in html and NOTE not in html


def test_a_successful_save_removes_the_draft(client, cast, url):
    client.force_login(cast.worker)
    token = draft_token(client, url)
    autosave(client, url, typed(), token=token)
    post = {
        **typed(),
        "date": timezone.localdate().isoformat(),
        "safety_raise": "Vader doet mee",
        "lijn_score": "4",
        "lijn_why": "Netwerk klein",
        "lijn_raise": "Oma betrekken",
        "_draft": token,
        **once(),
    }
    response = client.post(url, post)
    assert response.status_code == 302
    assert Contact.objects.filter(note=NOTE).exists()
    assert not Draft.objects.exists()


def test_a_refused_save_keeps_the_draft(client, cast, url):
    client.force_login(cast.worker)
    token = draft_token(client, url)
    autosave(client, url, typed(), token=token)
    response = client.post(url, {**typed(), "_draft": token})  # scores missing
    assert response.status_code == 200 and response.context["form"].errors
    assert Draft.objects.filter(author=cast.worker).exists()


def test_drafts_expire_after_the_set_number_of_days(client, cast, url, settings):
    settings.DRAFT_DAYS = 14
    client.force_login(cast.worker)
    autosave(client, url, typed())
    Draft.objects.update(updated_at=timezone.now() - dt.timedelta(days=14, minutes=1))
    assert "hersteld" not in client.get(url).content.decode()
    call_command("drafts_cleanup", stdout=io.StringIO())
    assert not Draft.objects.exists()


def test_cleanup_keeps_fresh_drafts(client, cast, url):
    client.force_login(cast.worker)
    autosave(client, url, typed())
    assert services.drafts_delete_expired() == 0
    assert Draft.objects.count() == 1


def test_another_user_cannot_read_or_overwrite_a_draft(client, cast, url):
    client.force_login(cast.worker)
    token = draft_token(client, url)
    autosave(client, url, typed(), token=token)
    other = Client()
    other.force_login(cast.colleague)
    # The worker's signed spec is the worker's: refused for anyone else.
    assert autosave(other, url, typed(note="Iets anders"), token=token).status_code == 403
    assert other.post(reverse("drafts:discard"), {"_draft": token}).status_code == 403
    assert Draft.objects.get().data["note"] == [NOTE]
    # A draft is read only by its author, even where someone else may open the form.
    cast.family.manager = cast.colleague
    cast.family.save()
    response = other.get(url)
    assert response.status_code == 200
    assert NOTE not in response.content.decode() and not response.context["draft"].restored


def test_a_worker_who_lost_the_family_loses_the_draft(client, cast, url, rf):
    client.force_login(cast.worker)
    token = draft_token(client, url)
    autosave(client, url, typed(), token=token)
    cast.family.manager = cast.colleague
    cast.family.save()
    assert client.get(url).status_code == 403
    assert autosave(client, url, typed(), token=token).status_code == 403
    spec = DraftSpec.for_family(form_key="contact", family_id=cast.family.pk, path=url)
    request = rf.get(url)
    request.user = cast.worker
    assert services.draft_open(actor=cast.worker, spec=spec, request=request) is None
    assert not Draft.objects.exists()


def test_passwords_and_tokens_are_never_kept(client, cast, url):
    client.force_login(cast.worker)
    autosave(client, url, typed(password="geheim", wachtwoord_nieuw="x"))
    assert set(Draft.objects.get().data) == {"kind", "note", "safety_score", "safety_why"}


def test_autosave_without_a_session_says_401_and_keeps_nothing(client, cast, url):
    client.force_login(cast.worker)
    token = draft_token(client, url)
    client.logout()
    response = autosave(client, url, typed(), token=token)
    assert response.status_code == 401
    assert not Draft.objects.exists()


def test_the_form_carries_its_draft_configuration_without_inline_script(client, cast, url):
    client.force_login(cast.worker)
    html = client.get(url).content.decode()
    assert f'data-draft-url="{reverse("drafts:save")}"' in html
    assert 'src="/static/js/drafts.js"' in html
    assert "<script>" not in html and " onclick=" not in html


def test_the_plan_draft_comes_back_with_its_agreements(client, cast):
    url = reverse("casework:plan_create", kwargs={"family_id": cast.family.pk})
    client.force_login(cast.worker)
    fields = {
        "zorgen": "Ruzie in huis als vader drinkt.",
        "afspraak-TOTAL_FORMS": "1",
        "afspraak-INITIAL_FORMS": "0",
        "afspraak-0-description": "Oma haalt Sanne woensdag op.",
    }
    assert autosave(client, url, fields).status_code == 200
    other = Client()
    other.force_login(cast.worker)
    response = other.get(url)
    assert "Concept van " in response.content.decode()
    assert response.context["form"]["zorgen"].value() == "Ruzie in huis als vader drinkt."
    assert response.context["formset"].forms[0]["description"].value() == "Oma haalt Sanne woensdag op."
    assert not response.context["formset"].non_form_errors()
