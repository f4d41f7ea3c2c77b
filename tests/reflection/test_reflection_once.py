"""A reflection and an addendum to a finished one are created once per form."""

import pytest
from django.urls import reverse
from django.utils import timezone

from reflection.models import EventKind, Reflection, ReflectionEvent
from reflection.selectors import checklist_items, checklist_version_current
from tests.support.once import assert_created_once, assert_refusal_keeps_token
from tests.support.reflection_helpers import hold

pytestmark = pytest.mark.django_db


def _reflection(**extra) -> dict:
    data = {
        "held_on": timezone.localdate().isoformat(),
        "source": "opname",
        "source_description": "Opname van een gesprek in de fase betrekken",
        "learning_goals": "Meer schaalvragen stellen.",
        "concept": "1",
    }
    for item in checklist_items(version=checklist_version_current()):
        data[f"adherence_{item.pk}"] = "3"
        data[f"competence_{item.pk}"] = "2"
    return {**data, **extra}


def test_a_new_reflection_once_and_a_refused_one_keeps_its_token(client, cast, senior):
    client.force_login(senior)
    url = reverse("reflection:new", kwargs={"worker_id": cast.worker.pk})
    rows = Reflection.objects.filter(worker=cast.worker)
    led_to = assert_created_once(client, url, _reflection(), rows=rows)
    assert led_to == reverse("reflection:detail", kwargs={"reflection_id": rows.get().pk})
    assert_refusal_keeps_token(client, url, bad=_reflection(held_on="2999-01-01"), good=_reflection(), rows=rows)


def test_an_addendum_once(client, cast, senior):
    reflection = hold(senior, cast.worker)
    client.force_login(cast.worker)
    url = reverse("reflection:detail", kwargs={"reflection_id": reflection.pk})
    rows = ReflectionEvent.objects.filter(reflection=reflection, kind=EventKind.ADDENDUM)
    data = {"aanvulling": "1", "text": "Na het gesprek: ik bedoelde vader."}
    assert assert_created_once(client, url, data, rows=rows) == url
