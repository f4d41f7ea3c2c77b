"""Publishing and closing a session from its page: once per click, the repeat lands where the first did."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from teams.models import SessionStatus
from teams.sessions import services

pytestmark = pytest.mark.django_db


def _token(page: str) -> dict:
    return {"idempotency_token": page.split('name="idempotency_token" value="')[1].split('"')[0]}


def test_closing_clicked_twice_closes_once_and_lands_on_the_minutes_both_times(cast):
    session = services.session_create(
        actor=cast.teamleider, team=cast.family.team, starts_at=timezone.now() - dt.timedelta(hours=1)
    )
    client = Client()
    client.force_login(cast.teamleider)
    page = client.get(reverse("teams:session_detail", kwargs={"session_id": session.pk})).content.decode()
    close = page[page.index('class="close-session"') :]
    data = _token(close)
    url = reverse("teams:session_close", kwargs={"session_id": session.pk})
    first, second = client.post(url, data, follow=True), client.post(url, data, follow=True)
    assert first.redirect_chain == second.redirect_chain
    assert first.redirect_chain[-1][0] == reverse("teams:session_minutes", kwargs={"session_id": session.pk})
    assert all("De sessie is afgesloten." in r.content.decode() for r in (first, second))
    session.refresh_from_db()
    assert session.status == SessionStatus.CLOSED
    # a close from another page opened before: no 403, the page says when it was closed
    other = client.post(url, {"idempotency_token": "6a3c1b1e-0000-4000-8000-000000000000"}, follow=True)
    when = timezone.localtime(session.closed_at).strftime("%H:%M")
    assert other.status_code == 200 and f"Deze sessie is om {when} al afgesloten." in other.content.decode()


def test_publishing_clicked_twice_says_the_same(cast):
    session = services.session_create(
        actor=cast.teamleider, team=cast.family.team, starts_at=timezone.now() + dt.timedelta(days=3)
    )
    client = Client()
    client.force_login(cast.teamleider)
    page = client.get(reverse("teams:session_prepare", kwargs={"session_id": session.pk})).content.decode()
    data = _token(page[page.index('class="publish"') :])
    url = reverse("teams:session_publish", kwargs={"session_id": session.pk})
    first, second = client.post(url, data, follow=True), client.post(url, data, follow=True)
    assert first.redirect_chain == second.redirect_chain
    said = "De agenda is gepubliceerd; het team kan zich voorbereiden."
    assert said in first.content.decode() and said in second.content.decode()
    session.refresh_from_db()
    assert session.status == SessionStatus.PUBLISHED
