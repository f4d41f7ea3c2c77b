"""Mijn agenda and the team agenda: hearings and team sessions, on the page and as .ics without names."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from casework.court import services as court_services
from privacy.models import AccessLogEntry
from teams.sessions import services as session_services
from tests.support.court_support import child_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda(cast, fixed_day):
    hearing = court_services.hearing_plan(
        actor=cast.worker,
        family=cast.family,
        kind="verlenging",
        starts_at=timezone.now() + dt.timedelta(days=6),
        court="Rechtbank Noord-Nederland",
        location="Zaal 3",
        invited_members=[child_of(cast.family)],
    )
    session = session_services.session_create(
        actor=cast.teamleider,
        team=cast.family.team,
        starts_at=timezone.now() + dt.timedelta(days=2),
        location="Kamer 2",
    )
    session_services.session_publish(actor=cast.teamleider, session=session)
    return hearing, session


def test_my_agenda_holds_my_hearings_and_my_teams_sessions(client, cast, agenda):
    client.force_login(cast.worker)
    page = client.get(reverse("calendar:mine")).content.decode()
    assert "Zitting verlenging – Gezin De Vries" in page and "Rechtbank Noord-Nederland, Zaal 3" in page
    assert "Teamsessie Team Noord" in page and "Kamer 2" in page
    assert page.index("Teamsessie Team Noord") < page.index("Zitting verlenging")  # in time order
    row = AccessLogEntry.objects.filter(what="agenda").get()
    assert row.family_ids == [cast.family.pk] and row.user == cast.worker


def test_a_colleague_sees_the_hearing_in_the_team_agenda_not_in_their_own(client, cast, agenda):
    client.force_login(cast.colleague)
    assert "Zitting verlenging" not in client.get(reverse("calendar:mine")).content.decode()
    team = client.get(reverse("calendar:team")).content.decode()
    assert "Zitting verlenging – Gezin De Vries" in team


@pytest.mark.parametrize("role", ["outsider", "bestuur", "auditor", "beheer"])
def test_no_one_outside_the_team_sees_its_agenda(client, cast, agenda, role):
    client.force_login(getattr(cast, role))
    url = reverse("calendar:team") + f"?team={cast.family.team_id}"
    assert client.get(url).status_code == 404
    assert client.get(reverse("calendar:team_ics") + f"?team={cast.family.team_id}").status_code == 404
    mine = client.get(reverse("calendar:mine"))
    assert mine.status_code == 200 and "Gezin De Vries" not in mine.content.decode()


def test_the_ics_file_names_only_the_dossier_number(client, cast, agenda):
    hearing, _session = agenda
    client.force_login(cast.worker)
    response = client.get(reverse("calendar:mine_ics"))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "De Vries" not in body and "Sanne" not in body
    events = {str(e["summary"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    summary = f"Zitting verlenging – dossier {cast.family.reference}"
    assert set(events) == {summary, "Teamsessie Team Noord"}
    assert events[summary].decoded("dtstart") == hearing.starts_at
    assert str(events[summary]["location"]) == "Rechtbank Noord-Nederland, Zaal 3"
    assert str(events[summary]["url"]).endswith(f"/gezinnen/{cast.family.pk}/rechtbank/#kop-zittingen")
    assert AccessLogEntry.objects.filter(what="agenda (ics)", family_ids__has=cast.family.pk).exists()


def test_a_withdrawn_hearing_and_one_beyond_the_window_are_not_listed(client, cast, agenda):
    hearing, _session = agenda
    court_services.hearing_record_outcome(actor=cast.worker, hearing=hearing, outcome="ingetrokken")
    court_services.hearing_plan(
        actor=cast.worker,
        family=cast.family,
        kind="uithuisplaatsing",
        starts_at=timezone.now() + dt.timedelta(weeks=9),
        court="Rechtbank Noord-Nederland",
    )
    client.force_login(cast.worker)
    page = client.get(reverse("calendar:mine")).content.decode()
    assert "Zitting verlenging" not in page and "Zitting uithuisplaatsing" not in page
