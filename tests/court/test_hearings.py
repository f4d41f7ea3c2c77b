"""Hearings: planned for a request, moved, their outcome only after they took place; on the family page."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casework.court import services as svc
from casework.court.models import Hearing
from tests.support.court_support import child_of, ots, ruling
from tests.support.once import form_token

pytestmark = pytest.mark.django_db


def _plan(cast, *, days=7, request=None):
    return svc.hearing_plan(
        actor=cast.worker,
        family=cast.family,
        kind="verlenging",
        starts_at=timezone.now() + dt.timedelta(days=days),
        court="Rechtbank Noord-Nederland",
        location="Zittingszaal 3, Groningen",
        request=request,
        invited_members=[child_of(cast.family)],
        invited_others="advocaat moeder",
    )


def test_a_hearing_for_a_request_invites_the_child_and_shows_on_the_family_page(client, cast, fixed_day):
    measure = ots(actor=cast.worker, family=cast.family)
    request = svc.court_request_create(actor=cast.worker, family=cast.family, kind="verlenging", measure=measure)
    hearing = _plan(cast, request=request)
    assert list(hearing.invited_members.values_list("first_name", flat=True)) == ["Sanne"]
    client.force_login(cast.colleague)
    page = client.get(reverse("casework:family_detail", kwargs={"family_id": cast.family.pk})).content.decode()
    assert (
        f"Zitting verlenging op {timezone.localtime(hearing.starts_at):%d-%m-%Y %H:%M}, Rechtbank Noord-Nederland"
        in page
    )
    court = client.get(reverse("casework:court", kwargs={"family_id": cast.family.pk})).content.decode()
    assert "advocaat moeder" in court and "Zittingszaal 3" in court


def test_the_outcome_waits_for_the_hearing_and_links_the_ruling(cast, fixed_day):
    hearing = _plan(cast)
    with pytest.raises(ValidationError, match="moet nog plaatsvinden"):
        svc.hearing_record_outcome(actor=cast.worker, hearing=hearing, outcome="toegewezen")
    Hearing.objects.filter(pk=hearing.pk).update(starts_at=timezone.now() - dt.timedelta(hours=2))
    granted = ruling(actor=cast.worker, family=cast.family, ruled_on=fixed_day)
    done = svc.hearing_record_outcome(
        actor=cast.worker, hearing=hearing, outcome="toegewezen", ruling=granted, outcome_note="Verlengd met een jaar"
    )
    assert (done.outcome, done.ruling) == ("toegewezen", granted)
    with pytest.raises(ValidationError, match="al geweest"):
        svc.hearing_change(actor=cast.worker, hearing=done, starts_at=timezone.now(), court="Rechtbank")


def test_a_cancelled_hearing_leaves_the_agenda(cast, fixed_day):
    from casework.court.selectors import hearings_between

    hearing = _plan(cast)
    window = {"start": timezone.now(), "end": timezone.now() + dt.timedelta(days=30)}
    assert list(hearings_between(families=[cast.family.pk], **window)) == [hearing]
    svc.hearing_record_outcome(
        actor=cast.worker, hearing=hearing, outcome="ingetrokken", outcome_note="Verzoek ingetrokken"
    )
    assert list(hearings_between(families=[cast.family.pk], **window)) == []


def test_moving_a_hearing_through_its_page_keeps_a_stale_edit_out(client, cast, fixed_day):
    hearing = _plan(cast)
    client.force_login(cast.worker)
    url = reverse("casework:court_hearing_edit", kwargs={"family_id": cast.family.pk, "hearing_id": hearing.pk})
    token = form_token(client, url)
    svc.hearing_change(actor=cast.worker, hearing=hearing, starts_at=hearing.starts_at, court="Rechtbank Zwolle")
    stale = client.post(url, {**token, "starts_at": "2026-06-20T10:00", "court": "Rechtbank Noord-Nederland"})
    assert stale.status_code == 200 and "Rechtbank Zwolle" in stale.content.decode()
    hearing.refresh_from_db()
    assert hearing.court == "Rechtbank Zwolle"


def test_a_member_of_another_family_cannot_be_invited(cast, fixed_day):
    from tests.support.factories import MemberFactory

    stranger = MemberFactory(family=cast.other_family)
    with pytest.raises(ValidationError, match="gezinsleden uit dit gezin"):
        svc.hearing_plan(
            actor=cast.worker,
            family=cast.family,
            kind="verlenging",
            starts_at=timezone.now() + dt.timedelta(days=3),
            court="Rechtbank Noord-Nederland",
            invited_members=[stranger],
        )
