"""Kwesties' creates happen once per form: raising one, every step on it (a history row), opening a file."""

import pytest
from django.urls import reverse

from casework.models import FamilyAccessGrant
from kwesties.models import EventKind, Kwestie, KwestieEvent, Level
from tests.support.kwesties_support import raise_kwestie, walk_to_board
from tests.support.once import assert_created_once, form_token, post_at_once


def _detail(kwestie) -> str:
    return reverse("kwesties:detail", kwargs={"kwestie_id": kwestie.pk})


@pytest.mark.django_db
def test_raising_a_kwestie_leads_to_it(client, cast):
    client.force_login(cast.worker)
    data = {"title": "Wachtlijst GGZ", "blocks": "Wachtlijst", "kind": "wachtlijst", "families": [cast.family.pk]}
    led_to = assert_created_once(client, reverse("kwesties:raise"), data, rows=Kwestie.objects.all())
    assert led_to == _detail(Kwestie.objects.get(title="Wachtlijst GGZ"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("step", "text", "kind", "walk"),
    [
        ("comment", "Gebeld met GGZ Oost", EventKind.COMMENT, False),
        ("escalate", "Buiten mijn macht", EventKind.ESCALATED, False),
        ("take_up", "", EventKind.STATUS, False),
        ("resolve", "Behandeling gestart voor Sanne", EventKind.SOLVED, False),
        ("close", "Niet meer aan de orde", EventKind.CLOSED, False),
        ("hand_back", "Team regelt het zelf", EventKind.HANDED_BACK, True),
    ],
)
def test_each_step_once(client, cast, step, text, kind, walk):
    kwestie = raise_kwestie(cast)
    user = cast.worker
    if walk:  # handing back needs a level above the gezinsmanager: the team holds it
        from kwesties import services

        kwestie = services.kwestie_escalate(actor=cast.worker, kwestie=kwestie, reason="Team")
        user = cast.colleague
    client.force_login(user)
    data = {"step": step, "text": text, "level": kwestie.level}
    rows = KwestieEvent.objects.filter(kwestie=kwestie, kind=kind)
    # A step is a transition: its repeat lands on the kwestie with the first one's message.
    led_to = assert_created_once(client, _detail(kwestie), data, rows=rows, repeat_message="Vastgelegd.")
    assert led_to == _detail(kwestie)


@pytest.mark.django_db
def test_a_refused_step_keeps_its_token(client, cast):
    kwestie = raise_kwestie(cast)
    client.force_login(cast.worker)
    token = form_token(client, _detail(kwestie))
    refused = client.post(_detail(kwestie), {"step": "escalate", "text": "", "level": "gezinsmanager", **token})
    assert refused.status_code == 200
    accepted = client.post(_detail(kwestie), {"step": "escalate", "text": "Omhoog", "level": "gezinsmanager", **token})
    assert accepted.status_code == 302
    assert Kwestie.objects.get(pk=kwestie.pk).level == Level.TEAM


@pytest.mark.django_db(transaction=True)
def test_one_escalation_sent_twice_at_once_escalates_once(client, cast):
    kwestie = raise_kwestie(cast)
    client.force_login(cast.worker)
    token = form_token(client, _detail(kwestie))
    data = {"step": "escalate", "text": "Buiten mijn macht", "level": "gezinsmanager", **token}
    responses = post_at_once(cast.worker, _detail(kwestie), data, follow=True)
    assert KwestieEvent.objects.filter(kwestie=kwestie, kind=EventKind.ESCALATED).count() == 1
    assert Kwestie.objects.get(pk=kwestie.pk).level == Level.TEAM
    pages = [r.content.decode() for r in responses]
    # Neither is refused as stale: one escalated, the other lands on the same page with the same message.
    assert all("Vastgelegd." in page for page in pages)
    assert not any("intussen" in page for page in pages)


@pytest.mark.django_db
def test_the_board_opens_a_file_once_per_form(client, cast):
    kwestie = walk_to_board(cast, raise_kwestie(cast))
    client.force_login(cast.bestuur)
    url = reverse("kwesties:open_family", kwargs={"kwestie_id": kwestie.pk})
    data = {"family": cast.family.pk, "reason": "Gesprek met de raad van bestuur van GGZ Oost"}
    rows = FamilyAccessGrant.objects.filter(family=cast.family, user=cast.bestuur)
    led_to = assert_created_once(client, url, data, rows=rows, form_url=_detail(kwestie))
    assert led_to == reverse("casework:family_detail", kwargs={"family_id": cast.family.pk})
