"""Every step of a kwestie is heard by the one it now lies with and by the one who raised it; a solution by
everyone who carried it; never by the one who took the step. By e-mail too, without a family's name."""

import pytest

from kwesties import services
from notifications.models import Notification, OutgoingEmail
from tests.support.kwesties_support import raise_kwestie, walk_to_board

pytestmark = pytest.mark.django_db


def _told(user) -> list[str]:
    return list(Notification.objects.filter(user=user).order_by("pk").values_list("text", flat=True))


def test_escalation_to_the_board_and_the_solution_are_told_to_who_carried_it(cast):
    for user in (cast.worker, cast.teamleider, cast.bestuur):
        user.email = f"{user.username}@example.invalid"
        user.save(update_fields=["email"])
    kwestie = walk_to_board(cast, raise_kwestie(cast))
    number = kwestie.pk  # by number: the title is typed freely and may name a family, so it stays in the app
    assert _told(cast.teamleider) == [  # the team's level is the teamleider's to hold, and the next one too
        f"Kwestie {number} is geëscaleerd naar team",
        f"Kwestie {number} is geëscaleerd naar teamleider",
    ]
    assert _told(cast.bestuur) == [f"Kwestie {number} is geëscaleerd naar bestuur"]
    assert f"Kwestie {number} is geëscaleerd naar bestuur" in _told(cast.worker)  # the raiser hears of each step
    before = {u.pk: len(_told(u)) for u in (cast.worker, cast.colleague, cast.teamleider, cast.bestuur)}
    services.kwestie_resolve(actor=cast.bestuur, kwestie=kwestie, resolution="GGZ Oost start binnen twee weken.")
    solved = f"Kwestie {number} is opgelost"
    for user in (cast.worker, cast.colleague, cast.teamleider):
        assert _told(user)[before[user.pk] :] == [solved], user
    assert len(_told(cast.bestuur)) == before[cast.bestuur.pk]  # who solved it is not told
    mails = list(OutgoingEmail.objects.order_by("pk").values_list("to_address", "subject", "body"))
    assert ("bestuur@example.invalid", "Kwestie geëscaleerd naar bestuur") in [(a, s) for a, s, _b in mails]
    assert all("GGZ start" not in body and "Sanne" not in body for _a, _s, body in mails)  # no title, no blocks


def test_a_hand_back_is_told_to_the_level_below(cast):
    kwestie = services.kwestie_escalate(actor=cast.worker, kwestie=raise_kwestie(cast), reason="Zelf niet")
    services.kwestie_hand_back(actor=cast.teamleider, kwestie=kwestie, decision="Bel GGZ Oost zelf, met mij erbij")
    assert _told(cast.worker)[-1].startswith(f"Kwestie {kwestie.pk} is teruggegeven aan")


def test_a_close_without_solution_is_told_too(cast):
    kwestie = raise_kwestie(cast)
    kwestie = services.kwestie_escalate(actor=cast.worker, kwestie=kwestie, reason="Zelf niet")
    services.kwestie_close(actor=cast.teamleider, kwestie=kwestie, reason="Speelt niet meer")
    assert _told(cast.worker)[-1] == f"Kwestie {kwestie.pk} is gesloten zonder oplossing"
