"""Every form's post survives an expired session or a lost CSRF cookie, and comes back in its form.

A form without drafts (a member's edit, a kwestie step) posted after the
session expired is kept for the user last logged in here and given back on
its page once the log-in has completed: the page carries the fields for
static/js/kept.js, with one message. A post refused by the CSRF check (cookie
lost or wrong) gets a Dutch page instead of a bare 403 and is kept too; the API
keeps its problem+json.
"""

import datetime as dt
import json
import re

import pytest
from django.contrib.sessions.models import Session
from django.shortcuts import redirect
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from api.problems import csrf_failure
from casework.drafts.recovery import KEPT_COOKIE
from casework.models import Contact, KeptPost, Member
from kwesties.models import KwestieEvent
from tests.support.kwesties_support import raise_kwestie
from tests.support.second_factor import confirmed_totp_device, pass_second_factor

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord"
ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


def _csrf(page: str) -> str:
    return page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]


def _log_in(client, username, next_url):
    """Password, then the second factor, through the real forms; the answer of the last step (where it leads)."""
    csrf = _csrf(client.get(reverse("login")).content.decode())
    data = {"username": username, "password": PASSWORD, "next": next_url, "csrfmiddlewaretoken": csrf}
    user = User.objects.get(username=username)
    confirmed_totp_device(user)
    client.post(reverse("login"), data)
    return pass_second_factor(client, user, next_url=next_url)


def _expire_sessions():
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))


def _kept_block(page: str) -> dict:
    match = re.search(r'<script id="kept-post" type="application/json">(.*?)</script>', page, re.S)
    assert match, "no kept post on the page"
    return json.loads(match.group(1))


def test_a_member_edit_after_expiry_comes_back_in_its_form(cast):
    member = cast.family.members.get(first_name="Petra")
    url = reverse("casework:member_edit", kwargs={"family_id": cast.family.pk, "member_id": member.pk})
    client = Client(enforce_csrf_checks=True)
    _log_in(client, "worker", url)
    page = client.get(url).content.decode()
    assert 'name="_draft"' not in page  # a form without drafts
    _expire_sessions()
    post = {"csrfmiddlewaretoken": _csrf(page), "first_name": "Petra", "last_name": member.last_name}
    post.update({"role": "ouder", "relation": "pleegmoeder van Sanne", "version": str(member.version)})
    response = client.post(url, post)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert KeptPost.objects.get().user == cast.worker
    assert _log_in(client, "worker", url)["Location"] == url
    page = client.get(url).content.decode()
    kept = _kept_block(page)
    assert kept["action"] == url and kept["fields"]["relation"] == ["pleegmoeder van Sanne"]
    assert kept["fields"]["version"] == [str(member.version)]  # the base version it started from comes back
    assert "csrfmiddlewaretoken" not in kept["fields"]
    assert page.count("staat weer in het formulier") == 1  # one banner
    assert 'src="/static/js/kept.js"' in page
    assert not KeptPost.objects.exists() and client.cookies[KEPT_COOKIE].value == ""
    assert Member.objects.get(pk=member.pk).relation != "pleegmoeder van Sanne"  # kept, not saved behind their back
    assert "kept-post" not in client.get(url).content.decode()  # given back once


def test_a_kwestie_step_after_expiry_waits_for_its_page(cast):
    kwestie = raise_kwestie(cast)
    url = reverse("kwesties:detail", kwargs={"kwestie_id": kwestie.pk})
    client = Client(enforce_csrf_checks=True)
    _log_in(client, "worker", url)
    page = client.get(url).content.decode()
    _expire_sessions()
    post = {
        "csrfmiddlewaretoken": _csrf(page),
        "step": "comment",
        "text": "Gebeld met GGZ Oost",
        "level": "gezinsmanager",
    }
    assert client.post(url, post).status_code == 302
    _log_in(client, "worker", reverse("home"))
    client.get(reverse("casework:my_families"))  # another page first: the post waits for its own
    assert KeptPost.objects.count() == 1
    kept = _kept_block(client.get(url).content.decode())
    assert kept["fields"]["text"] == ["Gebeld met GGZ Oost"]
    assert not KwestieEvent.objects.filter(kwestie=kwestie, text="Gebeld met GGZ Oost").exists()


def test_someone_else_logging_in_discards_a_kept_post_without_drafts(cast):
    member = cast.family.members.get(first_name="Petra")
    url = reverse("casework:member_edit", kwargs={"family_id": cast.family.pk, "member_id": member.pk})
    client = Client(enforce_csrf_checks=True)
    _log_in(client, "worker", url)
    page = client.get(url).content.decode()
    _expire_sessions()
    client.post(url, {"csrfmiddlewaretoken": _csrf(page), "relation": "Geheim"})
    assert KeptPost.objects.count() == 1
    _log_in(client, "colleague", url)
    client.get(reverse("casework:my_families"))
    assert not KeptPost.objects.exists()


def _contact_url(cast):
    return reverse("casework:contact_create", kwargs={"family_id": cast.family.pk})


NOTE = "Vader was er ook; hij wil meedoen aan het netwerkberaad."


@pytest.mark.parametrize("cookie", ["missing", "wrong"])
def test_a_contact_note_with_a_lost_csrf_cookie_is_kept_and_back_in_the_form(cast, cookie):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.worker)
    url = _contact_url(cast)
    page = client.get(url).content.decode()
    hidden = {"_draft": page.split('name="_draft" value="')[1].split('"')[0], "csrfmiddlewaretoken": _csrf(page)}
    if cookie == "missing":
        client.cookies.pop("csrftoken")
    else:
        client.cookies["csrftoken"] = "x" * 32
    response = client.post(url, {**hidden, "note": NOTE, "kind": "huisbezoek"}, **ORIGIN)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Het formulier is niet verstuurd" in html and "Wat u typte, is bewaard." in html
    assert f'href="{url}"' in html
    assert KeptPost.objects.get().user == cast.worker and not Contact.objects.filter(note=NOTE).exists()
    back = client.get(url)  # a fresh CSRF token with the page; the note is in the form (the contact form's draft)
    assert back.context["form"]["note"].value() == NOTE
    assert 'name="csrfmiddlewaretoken"' in back.content.decode()
    assert not KeptPost.objects.exists()


def test_a_csrf_refusal_from_another_site_keeps_nothing(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.worker)
    client.get(_contact_url(cast))
    client.cookies.pop("csrftoken")
    response = client.post(_contact_url(cast), {"note": NOTE}, HTTP_ORIGIN="https://elders.example")
    assert response.status_code == 403 and "Het formulier is niet verstuurd" in response.content.decode()
    assert not KeptPost.objects.exists()


def test_the_api_keeps_its_problem_json_for_a_csrf_refusal(cast):
    request = RequestFactory().post("/api/v1/inzetten/")
    response = csrf_failure(request, reason="CSRF cookie not set.")
    assert response.status_code == 403 and response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["status"] == 403


class SecondStepPending:
    """Stands in for a second log-in step: while its cookie is set, every page but home sends the user there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.COOKIES.get("second_step") and request.path != reverse("home"):
            return redirect(reverse("home"))
        return None


def test_a_step_between_log_in_and_the_form_does_not_use_the_kept_post_up(cast, settings):
    """The kept post is taken only when its page is really shown, whatever middleware answers before it."""
    position = settings.MIDDLEWARE.index("config.web_only.KeepExpiredPostMiddleware") + 1
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[:position],
        "tests.casework.test_kept_posts.SecondStepPending",
        *settings.MIDDLEWARE[position:],
    ]
    member = cast.family.members.get(first_name="Petra")
    url = reverse("casework:member_edit", kwargs={"family_id": cast.family.pk, "member_id": member.pk})
    client = Client(enforce_csrf_checks=True)
    _log_in(client, "worker", url)
    page = client.get(url).content.decode()
    _expire_sessions()
    client.post(url, {"csrfmiddlewaretoken": _csrf(page), "first_name": "Petra", "relation": "pleegmoeder"})
    _log_in(client, "worker", url)
    client.cookies["second_step"] = "1"
    assert client.get(url).status_code == 302  # the second step answers first
    assert KeptPost.objects.count() == 1  # still waiting
    client.cookies.pop("second_step")
    assert _kept_block(client.get(url).content.decode())["fields"]["relation"] == ["pleegmoeder"]
    assert not KeptPost.objects.exists()
