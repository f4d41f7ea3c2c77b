"""An open agreement past its date is never carried on silently: the plan refuses it, beside the date, and the
printable plan marks it (issue 17, item 6)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casework import services
from casework.forms import AgreementForm
from tests.support.factories import AgreementFactory

pytestmark = pytest.mark.django_db
PLAN = {"zorgen": "z", "krachten": "k", "centrale_lijn": "c", "goals": "d", "safety_agreements": "", "change_note": ""}


def test_a_new_version_refuses_an_open_agreement_past_its_date(cast):
    past = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="staat over datum"):
        services.plan_version_create(
            actor=cast.worker,
            family=cast.family,
            data=PLAN,
            agreements=[{"description": "Moeder belt de school", "owner_kind": "gezin", "due_on": past}],
        )
    done = [{"description": "Moeder belt de school", "owner_kind": "gezin", "due_on": past, "status": "gedaan"}]
    plan = services.plan_version_create(actor=cast.worker, family=cast.family, data=PLAN, agreements=done)
    assert plan.agreements.get().status == "gedaan"


def test_the_form_says_it_beside_the_date_and_keeps_the_text(cast):
    form = AgreementForm(
        {"description": "Moeder belt de school", "owner_kind": "gezin", "due_on": "2020-01-01", "status": "open"}
    )
    assert not form.is_valid()
    assert "Deze datum is voorbij" in form.errors["due_on"][0]
    assert form.data["description"] == "Moeder belt de school"


def test_the_printable_plan_marks_an_open_agreement_past_its_date(client, cast):
    AgreementFactory(
        plan=cast.family.current_plan, description="Vader gaat naar de huisarts", due_on=dt.date(2020, 1, 1)
    )
    client.force_login(cast.worker)
    page = client.get(reverse("casework:plan_detail", kwargs={"family_id": cast.family.pk})).content.decode()
    row = page[page.index("Vader gaat naar de huisarts") :]
    assert "over datum" in row[: row.index("</tr>")]
