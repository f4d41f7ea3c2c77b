"""The demo puts kwesties on every level, so the board's first screens show what the board is for."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from kwesties.models import Kwestie, Level, Status
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_kwestie_at_the_board_one_overdue_and_one_solved(client, settings, fixed_day):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("demo_data", families=24, teams=2, verbosity=0)
    call_command("demo_kwesties", verbosity=0)
    call_command("demo_kwesties", if_empty=True, verbosity=0)
    kwesties = Kwestie.objects.all()
    assert kwesties.filter(level=Level.BESTUUR, status=Status.OPEN).count() == 1
    assert kwesties.filter(overdue_since__isnull=False).count() == 2  # one per team
    assert kwesties.filter(status=Status.SOLVED).count() == 2
    board = User.objects.get(username="bestuur")
    assert Notification.objects.filter(user=board, text__contains="geëscaleerd naar bestuur").exists()
    client.force_login(board)
    page = client.get(reverse("kwesties:board")).content.decode()
    assert "GGZ Jeugd Noord start de traumabehandeling niet" in page


def test_the_demo_has_a_complexe_zaken_overleg_with_a_new_direction_for_each_family(fixed_day):
    from teams.models import SessionKind, TeamSession

    call_command("demo_data", families=24, teams=2, verbosity=0)
    call_command("demo_sessions", weeks=1, verbosity=0)
    complex_sessions = TeamSession.objects.filter(kind=SessionKind.COMPLEX)
    assert complex_sessions.count() == 2  # one per team
    for session in complex_sessions:
        assert session.discussions.count() == 2
        assert all(d.new_direction for d in session.discussions.all())
