"""Session expiry never drops a post: kept for the user who wrote it, back in the form after logging in."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from casework.drafts.recovery import KEPT_COOKIE, LAST_USER_COOKIE
from casework.models import Contact, Draft, KeptPost
from tests.support.second_factor import confirmed_totp_device, pass_second_factor

NOTE = "Vader was er ook; hij wil meedoen aan het netwerkberaad."
PASSWORD = "geheim-wachtwoord"


@pytest.fixture
def url(cast):
    return reverse("casework:contact_create", kwargs={"family_id": cast.family.pk})


def _open_form(client, url) -> dict:
    """Log in through the form page and return the hidden fields it hands out (CSRF token and draft spec)."""
    html = client.get(url).content.decode()
    token = html.split('name="_draft" value="')[1].split('"')[0]
    csrf = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    return {"_draft": token, "csrfmiddlewaretoken": csrf}


def _expire_sessions():
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))


def _log_in(client, username, next_url):
    """Through the real log-in form, with its CSRF token (some clients here check it)."""
    html = client.get(reverse("login")).content.decode()
    csrf = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    data = {"username": username, "password": PASSWORD, "next": next_url, "csrfmiddlewaretoken": csrf}
    user = User.objects.get(username=username)
    confirmed_totp_device(user)
    response = client.post(reverse("login"), data)
    pass_second_factor(client, user, next_url=next_url)
    return response  # the password step's answer: where the log-in sends them


def test_the_idle_timeout_is_a_setting_of_30_minutes_enforced_on_the_server(client, cast, url):
    assert settings.SESSION_IDLE_MINUTES == 30 and settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST and not settings.CSRF_USE_SESSIONS
    client.force_login(cast.worker)
    assert client.get(url).status_code == 200
    expires = Session.objects.get().expire_date
    assert timezone.now() + dt.timedelta(minutes=29) < expires <= timezone.now() + dt.timedelta(minutes=30)
    _expire_sessions()
    assert client.get(url).status_code == 302  # idle too long: to the log-in


def test_a_post_after_expiry_is_back_in_the_form_after_logging_in_again(cast, url):
    client = Client(enforce_csrf_checks=True)  # the CSRF cookie outlives the session: the post passes
    _log_in(client, "worker", url)
    hidden = _open_form(client, url)
    assert client.cookies[LAST_USER_COOKIE].value
    _expire_sessions()
    response = client.post(url, {**hidden, "note": NOTE, "kind": "huisbezoek", "password": "nooit"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")
    kept = KeptPost.objects.get()
    assert kept.user == cast.worker and kept.data["note"] == [NOTE] and "password" not in kept.data
    assert KEPT_COOKIE in client.cookies and str(kept.pk) not in response["Location"]
    assert not Contact.objects.filter(note=NOTE).exists()

    assert "Uw sessie was verlopen" in client.get(response["Location"]).content.decode()
    response = _log_in(client, "worker", url)
    assert response.status_code == 302 and response["Location"] == url
    # Given back on the first page after the log-in has completed (not inside the log-in view, so a
    # second step of the log-in can sit in between): the form's page.
    assert KeptPost.objects.count() == 1
    page = client.get(url)
    assert not KeptPost.objects.exists()
    assert client.cookies[KEPT_COOKIE].value == ""  # the cookie is cleared
    assert page.context["form"]["note"].value() == NOTE
    html = page.content.decode()
    # One banner says it is back: the draft notice (no second message saying the same).
    assert html.count("Concept van ") == 1 and "staat weer in het formulier" not in html
    assert Draft.objects.get().author == cast.worker


def test_another_user_logging_in_gets_nothing_and_the_post_is_discarded(client, cast, url):
    _log_in(client, "worker", url)
    hidden = _open_form(client, url)
    _expire_sessions()
    client.post(url, {**hidden, "note": NOTE})
    assert KeptPost.objects.count() == 1
    response = _log_in(client, "colleague", url)
    assert response.status_code == 302
    html = client.get(reverse("casework:my_families")).content.decode()  # the first page after the log-in
    assert not KeptPost.objects.exists() and not Draft.objects.exists()
    assert NOTE not in html and client.cookies[KEPT_COOKIE].value == ""


def test_no_post_is_kept_when_it_is_unclear_who_wrote_it(client, cast, url):
    _log_in(client, "worker", url)
    hidden = _open_form(client, url)
    _expire_sessions()
    client.cookies.pop(LAST_USER_COOKIE)
    response = client.post(url, {**hidden, "note": NOTE})
    assert response.status_code == 302 and not KeptPost.objects.exists()
    # Nor a post whose signed form belongs to someone else than the last user here.
    other = Client()
    _log_in(other, "colleague", url)
    other.get(reverse("casework:my_families"))
    _expire_sessions()
    other.post(url, {**hidden, "note": NOTE})
    assert not KeptPost.objects.exists()


def test_logging_out_forgets_the_last_user(client, cast, url):
    _log_in(client, "worker", url)
    client.get(url)
    client.post(reverse("logout"))
    assert client.cookies[LAST_USER_COOKIE].value == ""


def test_kept_posts_expire_quickly(client, cast, url, settings):
    settings.KEPT_POST_HOURS = 24
    _log_in(client, "worker", url)
    hidden = _open_form(client, url)
    _expire_sessions()
    client.post(url, {**hidden, "note": NOTE})
    KeptPost.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    _log_in(client, "worker", url)
    assert NOTE not in client.get(url).content.decode()
    assert not KeptPost.objects.exists()


def test_every_page_carries_the_accessible_expiry_warning(client, cast, url):
    client.force_login(cast.worker)
    html = client.get(url).content.decode()
    # 30 minutes less the minute the server may have renewed the session before this page (core.sessions).
    assert 'data-session-idle="1740"' in html and 'data-session-warn="300"' in html
    assert f'data-session-keepalive-url="{reverse("session_keepalive")}"' in html
    assert 'role="alertdialog"' in html and 'aria-labelledby="session-warning-title"' in html
    assert '<button type="button" class="primary" data-session-stay>Ingelogd blijven</button>' in html
    assert 'src="/static/js/session.js"' in html
    assert "data-session-idle" not in Client().get(reverse("login")).content.decode()


def test_the_keepalive_endpoint_renews_the_session(client, cast):
    keepalive = reverse("session_keepalive")
    assert client.post(keepalive).status_code == 401  # no session: said plainly, not the log-in page
    client.force_login(cast.worker)
    Session.objects.update(expire_date=timezone.now() + dt.timedelta(minutes=2))
    response = client.post(keepalive)
    assert response.status_code == 200 and response.json() == {"idle_seconds": 1800}
    assert Session.objects.get().expire_date > timezone.now() + dt.timedelta(minutes=29)
    assert client.get(keepalive).status_code == 405
