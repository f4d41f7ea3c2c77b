"""The worker's own actions on reflections: once per post, and refused when saved elsewhere first.

The own reflection saved from two tabs from the same version: the second is
refused with the saved text beside the typed one; sent twice, it is one save
(one history row) with the same message. Sharing clicked twice shares once and
says the same both times.
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, TeamRole
from reflection.models import EventKind, ReflectionEvent, ReflectionShare
from tests.support.concurrency_support import assert_stale_page, hidden_version
from tests.support.factories import MembershipFactory
from tests.support.once import form_token
from tests.support.reflection_helpers import hold

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_own_reflection_from_two_tabs_refuses_the_second_with_both_texts(cast, senior):
    reflection = hold(senior, cast.worker, done=False)
    url = reverse("reflection:detail", kwargs={"reflection_id": reflection.pk})
    tab_one, tab_two = _client(cast.worker), _client(cast.worker)
    one, two = form_token(tab_one, url), form_token(tab_two, url)
    assert one["version"] == two["version"] == "0"
    saved = tab_one.post(
        url, {**one, "eigen_reflectie": "1", "worker_reflection": "Ik kies te snel de kant van moeder."}
    )
    assert saved.status_code == 302
    refused = tab_two.post(url, {**two, "eigen_reflectie": "1", "worker_reflection": "Vader meer betrekken."})
    page = assert_stale_page(
        refused, who="", typed=["Vader meer betrekken."], saved=["Ik kies te snel de kant van moeder."]
    )
    assert hidden_version(page) == "1"
    reflection.refresh_from_db()
    assert reflection.worker_reflection == "Ik kies te snel de kant van moeder."


def test_own_reflection_sent_twice_is_one_save_with_the_same_message(cast, senior):
    reflection = hold(senior, cast.worker, done=False)
    url = reverse("reflection:detail", kwargs={"reflection_id": reflection.pk})
    client = _client(cast.worker)
    data = {**form_token(client, url), "eigen_reflectie": "1", "worker_reflection": "Meer schaalvragen."}
    first, second = client.post(url, data, follow=True), client.post(url, data, follow=True)
    assert first.redirect_chain == second.redirect_chain
    assert all("Vastgelegd." in r.content.decode() and "intussen" not in r.content.decode() for r in (first, second))
    assert ReflectionEvent.objects.filter(reflection=reflection, kind=EventKind.WORKER_REFLECTION).count() == 1


def test_sharing_clicked_twice_shares_once_and_says_the_same(cast, senior):
    reflection = hold(senior, cast.worker)
    Membership.objects.filter(user=senior).update(end=timezone.localdate() - dt.timedelta(days=1))  # left
    new_senior = MembershipFactory(team=cast.family.team, role=TeamRole.SENIOR, user__username="nieuw").user
    client = _client(cast.worker)
    page = client.get(reverse("reflection:mine")).content.decode()
    token = page.split('name="idempotency_token" value="')[1].split('"')[0]
    first = client.post(reverse("reflection:share"), {"idempotency_token": token}, follow=True)
    second = client.post(reverse("reflection:share"), {"idempotency_token": token}, follow=True)
    assert first.redirect_chain == second.redirect_chain
    said = "Uw huidige senior kan uw eerdere reflecties nu lezen."
    assert said in first.content.decode() and said in second.content.decode()
    assert list(ReflectionShare.objects.values_list("reflection", "senior")) == [(reflection.pk, new_senior.pk)]
    assert ReflectionEvent.objects.filter(reflection=reflection, kind=EventKind.SHARED).count() == 1
