"""The reflection pages: the senior's form (bad input keeps everything), the worker's own reflection, additions."""

from django.urls import reverse
from django.utils import timezone

from accounts.models import TeamRole
from reflection import services
from reflection.models import Reflection, ReflectionEvent, ReflectionShare, Status
from reflection.selectors import checklist_items, checklist_version_current
from tests.support.factories import MembershipFactory
from tests.support.once import once
from tests.support.reflection_helpers import hold, ratings


def _post_data(**extra):
    items = checklist_items(version=checklist_version_current())
    data = {
        **once(),
        "held_on": timezone.localdate().isoformat(),
        "source": "opname",
        "source_description": "Opname van een gesprek in de fase betrekken",
        "learning_goals": "Meer schaalvragen stellen.",
    }
    for item in items:
        data[f"adherence_{item.pk}"] = "3"
        data[f"competence_{item.pk}"] = "2"
        data[f"note_{item.pk}"] = f"Toelichting bij {item.code}"
    data.update(extra)
    return data, items


def test_bad_input_keeps_everything_typed_and_saves_nothing(client, cast, senior):
    client.force_login(senior)
    data, items = _post_data(held_on="2999-01-01", afronden="1")
    data[f"adherence_{items[0].pk}"] = ""  # completing needs every item
    response = client.post(reverse("reflection:new", kwargs={"worker_id": cast.worker.pk}), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "held_on" in form.errors and f"adherence_{items[0].pk}" in form.errors
    html = response.content.decode()
    assert "Opname van een gesprek in de fase betrekken" in html and "Meer schaalvragen stellen." in html
    assert f"Toelichting bij {items[-1].code}" in html
    assert 'class="error-summary"' in html
    assert not Reflection.objects.exists()


def test_senior_saves_a_concept_then_completes_and_the_worker_reflects(client, cast, senior):
    client.force_login(senior)
    data, items = _post_data(concept="1")
    data[f"competence_{items[1].pk}"] = ""  # a concept may leave items open
    response = client.post(reverse("reflection:new", kwargs={"worker_id": cast.worker.pk}), data)
    reflection = Reflection.objects.get()
    assert response.url == reverse("reflection:detail", kwargs={"reflection_id": reflection.pk})
    assert reflection.status == Status.CONCEPT and reflection.senior == senior and reflection.team == cast.family.team

    client.force_login(cast.worker)
    detail = reverse("reflection:detail", kwargs={"reflection_id": reflection.pk})
    own = {"eigen_reflectie": "1", "version": "0", **once()}
    client.post(detail, {**own, "worker_reflection": "Ik kies te snel de kant van moeder."})
    reflection.refresh_from_db()
    assert reflection.worker_reflection == "Ik kies te snel de kant van moeder."

    client.force_login(senior)
    edit = reverse("reflection:edit", kwargs={"reflection_id": reflection.pk})
    assert client.get(edit).context["form"].initial[f"note_{items[0].pk}"] == f"Toelichting bij {items[0].code}"
    data[f"competence_{items[1].pk}"] = "4"
    data.pop("concept")
    assert client.post(edit, {**data, "afronden": "1", "version": "1"}).status_code == 302
    reflection.refresh_from_db()
    assert reflection.status == Status.DONE
    assert client.get(edit).status_code == 404, "afgerond is frozen"

    client.force_login(cast.worker)
    html = client.get(detail).content.decode()
    assert "Meer schaalvragen stellen." in html and "4 – een voorbeeld voor anderen" in html
    assert "Ik kies te snel de kant van moeder." in html
    response = client.post(detail, {**once(), "aanvulling": "1", "text": ""})
    assert response.status_code == 200 and response.context["addendum_form"].errors
    client.post(detail, {**once(), "aanvulling": "1", "text": "Na het gesprek: ik bedoelde vader."})
    assert ReflectionEvent.objects.filter(reflection=reflection, kind="aanvulling", author=cast.worker).exists()
    assert "Na het gesprek: ik bedoelde vader." in client.get(detail).content.decode()


def test_mine_lists_own_reflections_and_the_senior_overview_marks_who_is_due(client, cast, senior):
    reflection = hold(senior, cast.worker, days_ago=200)
    client.force_login(cast.worker)
    html = client.get(reverse("reflection:mine")).content.decode()
    assert reverse("reflection:detail", kwargs={"reflection_id": reflection.pk}) in html
    client.force_login(senior)
    html = client.get(reverse("reflection:senior")).content.decode()
    assert html.count("aan de beurt") == 2  # the worker (200 days ago) and the colleague (never)
    assert reverse("reflection:new", kwargs={"worker_id": cast.colleague.pk}) in html


def test_own_reflection_typed_while_the_senior_completed_it_is_kept_as_an_addendum(client, cast, senior):
    reflection = hold(senior, cast.worker, done=False)
    detail = reverse("reflection:detail", kwargs={"reflection_id": reflection.pk})
    client.force_login(cast.worker)
    assert client.get(detail).context["own_form"] is not None
    hold_complete = {"held_on": reflection.held_on, "source": reflection.source, "complete": True}
    services.reflection_update(actor=senior, reflection=reflection, ratings=ratings(), **hold_complete)
    response = client.post(detail, {"eigen_reflectie": "1", "worker_reflection": "Ik wil vader meer betrekken."})
    assert response.status_code == 200
    assert response.context["addendum_form"].initial["text"] == "Ik wil vader meer betrekken."
    assert "Ik wil vader meer betrekken." in response.content.decode()
    reflection.refresh_from_db()
    assert reflection.worker_reflection == "", "frozen: nothing was written into the completed reflection"


def test_sharing_many_reflections_takes_a_fixed_number_of_queries(cast, senior, django_assert_max_num_queries):
    held = [hold(senior, cast.worker) for _ in range(3)]
    new_senior = MembershipFactory(team=cast.family.team, role=TeamRole.SENIOR, user__username="nieuw").user
    with django_assert_max_num_queries(7):
        assert services.reflection_share_with_current_seniors(actor=cast.worker, reflections=held) == 3
    assert set(ReflectionShare.objects.values_list("senior", flat=True)) == {new_senior.pk}
    assert ReflectionEvent.objects.filter(kind="gedeeld", author=cast.worker).count() == 3
    assert services.reflection_share_with_current_seniors(actor=cast.worker, reflections=held) == 0
