"""End to end in headless Chromium: a form without drafts, and a lost CSRF cookie, lose nothing typed."""

import os
import re
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from casework.models import Contact, KeptPost, Member
from tests.support.browser import assert_accessible, login, submit_login_form

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RELATION = "pleegmoeder van Sanne sinds de zomer"
NOTE = "Huisbezoek: moeder en Sanne aan tafel; vader belde en wil meedoen aan het netwerkberaad."


def _shots(tmp_path) -> Path:
    """Screenshots to look at: E2E_SHOTS names a folder to keep them, else the test's own temporary one."""
    folder = Path(os.environ.get("E2E_SHOTS", str(tmp_path)))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_a_member_edit_after_the_session_ended_is_back_in_the_form(live_server, cast, page, tmp_path):
    member = cast.family.members.get(first_name="Petra")
    url = live_server.url + reverse(
        "casework:member_edit", kwargs={"family_id": cast.family.pk, "member_id": member.pk}
    )
    login(page, live_server, "worker")
    page.goto(url)
    page.fill("#id_relation", RELATION)
    Session.objects.all().delete()  # the session ends while the worker types
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/inloggen/\?next="))
    submit_login_form(page, "worker")  # the password, then the second factor
    page.wait_for_url(re.compile(r"/gezinsleden/\d+/$"))
    page.wait_for_selector("form[data-kept-restored]")
    assert page.input_value("#id_relation") == RELATION
    assert page.get_by_text("staat weer in het formulier").count() == 1
    page.screenshot(path=str(_shots(tmp_path) / "kept-1-member-form-restored.png"), full_page=True)
    assert_accessible(page)
    assert Member.objects.get(pk=member.pk).relation != RELATION
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/gezinnen/\d+/$"))
    assert Member.objects.get(pk=member.pk).relation == RELATION
    assert page.csp_errors == []


def test_a_contact_note_with_a_lost_csrf_cookie_is_kept(live_server, cast, page, tmp_path):
    url = live_server.url + reverse("casework:contact_create", kwargs={"family_id": cast.family.pk})
    login(page, live_server, "worker")
    page.goto(url)
    page.fill("#id_note", NOTE)
    page.context.clear_cookies(name="csrftoken")  # the browser lost the CSRF cookie (cleared, expired)
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_selector("text=Het formulier is niet verstuurd")
    assert page.get_by_text("Wat u typte, is bewaard.").is_visible()
    page.screenshot(path=str(_shots(tmp_path) / "kept-2-csrf-page.png"), full_page=True)
    assert_accessible(page)
    assert KeptPost.objects.count() == 1
    page.get_by_role("link", name="Terug naar het formulier").click()
    page.wait_for_url(re.compile(r"/contact/nieuw/$"))
    assert page.input_value("#id_note") == NOTE
    page.screenshot(path=str(_shots(tmp_path) / "kept-3-contact-restored.png"), full_page=True)
    assert not Contact.objects.filter(note=NOTE).exists()
    assert page.csp_errors == []
