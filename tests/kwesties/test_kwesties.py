"""Kwesties: services and selectors on PostgreSQL, including two people escalating at once."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import override_settings
from django.utils import timezone

from accounts.models import OrgRole
from kwesties import services
from kwesties.models import EventKind, Kwestie, KwestieEvent, Level, Status
from kwesties.selectors import kwestie_get_for_user, kwestie_list_for_user
from privacy.models import AccessLogEntry
from tests.support.factories import UserFactory
from tests.support.kwesties_support import raise_kwestie, walk_to_board


def test_raise_escalate_and_resolve_along_the_path(cast):
    kwestie = raise_kwestie(cast)
    assert (kwestie.level, kwestie.owner, kwestie.status) == (Level.GEZINSMANAGER, cast.worker, Status.OPEN)
    assert AccessLogEntry.objects.filter(family_ids__has=cast.family.pk, what="kwestie ingebracht").exists()
    assert kwestie not in kwestie_list_for_user(user=cast.colleague)  # still the worker's own
    kwestie = services.kwestie_escalate(actor=cast.worker, kwestie=kwestie, reason="Zelf niet op te lossen")
    assert kwestie.level == Level.TEAM and kwestie in kwestie_list_for_user(user=cast.colleague)
    with pytest.raises(PermissionDenied):
        services.kwestie_escalate(actor=cast.outsider, kwestie=kwestie, reason="x")
    kwestie = services.kwestie_escalate(actor=cast.colleague, kwestie=kwestie, reason="Team kan het niet")
    assert (kwestie.level, kwestie.owner) == (Level.TEAMLEIDER, cast.teamleider)
    with pytest.raises(PermissionDenied):
        services.kwestie_resolve(actor=cast.worker, kwestie=kwestie, resolution="Opgelost")
    assert kwestie not in kwestie_list_for_user(user=cast.bestuur)
    kwestie = services.kwestie_escalate(actor=cast.teamleider, kwestie=kwestie, reason="Bestuur moet praten")
    assert (kwestie.level, kwestie.owner) == (Level.BESTUUR, cast.bestuur)
    assert kwestie in kwestie_list_for_user(user=cast.bestuur)
    kwestie = services.kwestie_resolve(
        actor=cast.bestuur, kwestie=kwestie, resolution="GGZ Oost start binnen 2 weken voor alle 4 kinderen."
    )
    assert kwestie.status == Status.SOLVED
    kinds = list(KwestieEvent.objects.filter(kwestie=kwestie).values_list("kind", flat=True))
    assert kinds == ["ingebracht", "geescaleerd", "geescaleerd", "geescaleerd", "opgelost"]
    # The worker who raised it sees the resolution.
    assert kwestie_get_for_user(user=cast.worker, kwestie_id=kwestie.pk).resolution.startswith("GGZ Oost")


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda c, k: services.kwestie_escalate(actor=c.worker, kwestie=k, reason="  "), "reason"),
        (lambda c, k: services.kwestie_resolve(actor=c.worker, kwestie=k, resolution=""), "resolution"),
        (lambda c, k: services.kwestie_close(actor=c.worker, kwestie=k, reason=""), "reason"),
        (lambda c, k: services.kwestie_hand_back(actor=c.worker, kwestie=k, decision="Terug"), None),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(cast, call, field):
    kwestie = raise_kwestie(cast)
    before = KwestieEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        call(cast, kwestie)
    if field:
        assert field in refused.value.error_dict
    kwestie.refresh_from_db()
    assert (kwestie.level, kwestie.status) == (Level.GEZINSMANAGER, Status.OPEN)
    assert KwestieEvent.objects.count() == before


def test_hand_back_with_a_decision_and_close_without_solution(cast):
    kwestie = walk_to_board(cast, raise_kwestie(cast))
    kwestie = services.kwestie_hand_back(actor=cast.bestuur, kwestie=kwestie, decision="Eerst lokaal overleg")
    assert (kwestie.level, kwestie.owner) == (Level.TEAMLEIDER, cast.teamleider)
    kwestie = services.kwestie_close(actor=cast.teamleider, kwestie=kwestie, reason="Wet laat het niet toe")
    assert kwestie.status == Status.CLOSED and kwestie.closed_reason == "Wet laat het niet toe"
    with pytest.raises(ValidationError):
        services.kwestie_escalate(actor=cast.teamleider, kwestie=kwestie, reason="Toch nog")
    # Handed back, but the board saw it once: it stays readable for the board.
    assert kwestie in kwestie_list_for_user(user=cast.bestuur)


def test_families_must_be_readable_and_outsiders_see_nothing(cast):
    with pytest.raises(ValidationError):
        services.kwestie_raise(actor=cast.worker, title="t", blocks="b", kind="anders", families=[cast.other_family])
    with pytest.raises(PermissionDenied):
        services.kwestie_raise(actor=cast.bestuur, title="t", blocks="b", kind="anders")
    kwestie = walk_to_board(cast, raise_kwestie(cast))
    for role in ("outsider", "auditor", "beheer"):
        with pytest.raises(Http404):
            kwestie_get_for_user(user=getattr(cast, role), kwestie_id=kwestie.pk)


@override_settings(KWESTIE_LEVEL_DAYS={"team": 14, "teamleider": 28, "bestuur": 91})
def test_overdue_marking_is_once_per_level(cast):
    kwestie = services.kwestie_escalate(actor=cast.worker, kwestie=raise_kwestie(cast), reason="Team")
    later = timezone.now() + dt.timedelta(days=15)
    assert services.kwesties_mark_overdue(now=timezone.now()) == []
    assert services.kwesties_mark_overdue(now=later) == [kwestie]
    assert services.kwesties_mark_overdue(now=later) == []  # idempotent
    kwestie.refresh_from_db()
    assert kwestie.overdue_since == later
    assert KwestieEvent.objects.filter(kwestie=kwestie, kind=EventKind.OVERDUE).count() == 1
    kwestie = services.kwestie_escalate(actor=cast.colleague, kwestie=kwestie, reason="Te lang")
    assert kwestie.overdue_since is None


@pytest.mark.django_db(transaction=True)
def test_two_people_escalating_at_once_one_wins(cast):
    kwestie = services.kwestie_escalate(actor=cast.worker, kwestie=raise_kwestie(cast), reason="Team")
    start = threading.Barrier(2)
    results = {}

    def escalate(name, user):
        try:
            start.wait()
            services.kwestie_escalate(
                actor=user, kwestie=kwestie, reason=f"{name} vindt het nodig", expected_level="team"
            )
            results[name] = "ok"
        except ValidationError as error:
            results[name] = error.messages[0]
        finally:
            connection.close()

    threads = [
        threading.Thread(target=escalate, args=("worker", cast.worker)),
        threading.Thread(target=escalate, args=("colleague", cast.colleague)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(results.values())[-1] == "ok"
    assert list(results.values()).count("ok") == 1
    refused = next(v for v in results.values() if v != "ok")
    assert "intussen al" in refused
    kwestie.refresh_from_db()
    assert kwestie.level == Level.TEAMLEIDER
    assert KwestieEvent.objects.filter(kwestie=kwestie, kind=EventKind.ESCALATED).count() == 2  # gm->team, team->tl


def test_a_second_board_member_may_act_at_board_level(cast):
    other_board = UserFactory(org_role=OrgRole.BESTUUR)
    kwestie = walk_to_board(cast, raise_kwestie(cast))
    services.kwestie_escalate(actor=other_board, kwestie=kwestie, reason="Naar de wetgever")
    assert Kwestie.objects.get(pk=kwestie.pk).level == Level.EXTERN
