"""Reflections are for learning, never for judging: the worker and the senior who held it, nobody else."""

import datetime as dt

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, TeamRole
from reflection import selectors, services
from reflection.models import Reflection
from tests.support.factories import MembershipFactory
from tests.support.once import once
from tests.support.reflection_helpers import hold

OTHERS = ["colleague", "outsider", "teamleider", "bestuur", "auditor", "beheer"]


@pytest.fixture
def reflection(cast, senior):
    return hold(senior, cast.worker, done=False)


def _user(cast, senior, role):
    return senior if role == "senior" else getattr(cast, role)


@pytest.mark.parametrize("role", ["worker", "senior", *OTHERS])
def test_detail_for_every_role(client, cast, senior, reflection, role):
    client.force_login(_user(cast, senior, role))
    response = client.get(reverse("reflection:detail", kwargs={"reflection_id": reflection.pk}))
    assert response.status_code == (200 if role in ("worker", "senior") else 404)
    edit = client.get(reverse("reflection:edit", kwargs={"reflection_id": reflection.pk}))
    assert edit.status_code == (200 if role == "senior" else 404)


@pytest.mark.parametrize("role", ["worker", "senior", *OTHERS])
def test_selector_and_lists_for_every_role(client, cast, senior, reflection, role):
    user = _user(cast, senior, role)
    visible = role in ("worker", "senior")
    assert selectors.reflection_list_for_user(user=user).filter(pk=reflection.pk).exists() == visible
    if not visible:
        with pytest.raises(Http404):
            selectors.reflection_get_for_user(user=user, reflection_id=reflection.pk)
    client.force_login(user)
    mine = client.get(reverse("reflection:mine"))
    assert mine.status_code == 200
    assert list(mine.context["reflections"]) == ([reflection] if role == "worker" else [])
    overview = client.get(reverse("reflection:senior"))
    assert overview.status_code == (200 if role == "senior" else 404)
    detail_url = reverse("reflection:detail", kwargs={"reflection_id": reflection.pk})
    pages = [client.get(reverse(f"reflection:{name}")) for name in ("mine", "senior", "team")]
    assert any(detail_url in page.content.decode() for page in pages) == visible


def test_another_senior_of_the_same_team_does_not_read_it(client, cast, senior, reflection):
    """The stricter rule: the senior who held it, not every senior who passes through the team."""
    second = MembershipFactory(team=cast.family.team, role=TeamRole.SENIOR, user__username="senior2").user
    client.force_login(second)
    assert client.get(reverse("reflection:detail", kwargs={"reflection_id": reflection.pk})).status_code == 404


def test_worker_who_changes_senior_decides_to_share(client, cast, senior):
    reflection = hold(senior, cast.worker)
    Membership.objects.filter(user=senior).update(end=timezone.localdate() - dt.timedelta(days=1))  # left
    new_senior = MembershipFactory(team=cast.family.team, role=TeamRole.SENIOR, user__username="nieuw").user
    url = reverse("reflection:detail", kwargs={"reflection_id": reflection.pk})
    client.force_login(senior)
    assert client.get(url).status_code == 404, "a senior who left the team no longer reads it"
    client.force_login(new_senior)
    assert client.get(url).status_code == 404, "the new senior only reads it once the worker shares it"
    client.force_login(cast.worker)
    client.post(reverse("reflection:share"), once())
    client.force_login(new_senior)
    assert client.get(url).status_code == 200
    assert client.get(reverse("reflection:edit", kwargs={"reflection_id": reflection.pk})).status_code == 404
    assert services.reflection_share_with_current_seniors(actor=cast.worker, reflections=[reflection]) == 0


def test_a_teamleider_who_is_also_senior_elsewhere_sees_nothing_here(client, cast, senior, reflection):
    MembershipFactory(team=cast.other_family.team, role=TeamRole.SENIOR, user=cast.teamleider)
    client.force_login(cast.teamleider)
    assert client.get(reverse("reflection:detail", kwargs={"reflection_id": reflection.pk})).status_code == 404
    overview = client.get(reverse("reflection:senior")).content.decode()
    assert cast.worker.get_full_name() not in overview


def test_only_a_senior_of_the_workers_team_starts_a_reflection(client, cast, senior):
    zuid_senior = MembershipFactory(team=cast.other_family.team, role=TeamRole.SENIOR, user__username="zs").user
    url = reverse("reflection:new", kwargs={"worker_id": cast.worker.pk})
    for user in (cast.colleague, cast.teamleider, zuid_senior, cast.bestuur, cast.beheer, cast.worker):
        client.force_login(user)
        assert client.get(url).status_code == 404
        with pytest.raises(PermissionDenied):
            hold(user, cast.worker)
    client.force_login(senior)
    assert client.get(url).status_code == 200
    teamleider_url = reverse("reflection:new", kwargs={"worker_id": cast.teamleider.pk})
    assert client.get(teamleider_url).status_code == 404, "reflection is with gezinsmanagers, not the teamleider"
    assert not Reflection.objects.exists()


def test_the_senior_sees_dates_of_their_workers_only(client, cast, senior):
    hold(senior, cast.worker, days_ago=20)
    client.force_login(senior)
    workers = {m.user: m.last_reflection for m in client.get(reverse("reflection:senior")).context["workers"]}
    assert set(workers) == {cast.worker, cast.colleague}
    assert workers[cast.worker] == timezone.localdate() - dt.timedelta(days=20)
    assert workers[cast.colleague] is None


def test_reflections_are_not_in_the_admin():
    registered = {model.__name__ for model in admin.site._registry}
    assert {"FidelityChecklist", "ChecklistVersion"} <= registered
    assert not registered & {"Reflection", "ReflectionRating", "ReflectionEvent", "ReflectionShare"}


def test_menu_entry(client, cast, senior):
    for user, expected in [
        (cast.worker, reverse("reflection:mine")),
        (senior, reverse("reflection:mine")),
        (cast.teamleider, reverse("reflection:team")),
        (cast.bestuur, reverse("reflection:team")),
        (cast.beheer, None),
    ]:
        client.force_login(user)
        html = client.get(reverse("casework:my_families")).content.decode()
        assert (f'href="{expected}"' in html) if expected else ">Reflectie<" not in html
