"""Reports through outages: the dispatchers catch up, one dispatch at a time, stuck reports are seen and swept."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from reports import services, tasks
from reports.models import Report, ReportKind, ReportStatus
from reports.periods import last_month, last_week, recent_months, recent_weeks
from tests.reports.fanout import capture_fanout

WEEK = last_week(timezone.localdate())
MONTH = last_month(timezone.localdate())


@pytest.fixture
def queued(monkeypatch):
    return capture_fanout(monkeypatch)


def test_recent_periods_are_full_periods_latest_first():
    today = dt.date(2026, 3, 4)  # a Wednesday
    assert recent_weeks(today, 3) == [
        (dt.date(2026, 2, 23), dt.date(2026, 3, 1)),
        (dt.date(2026, 2, 16), dt.date(2026, 2, 22)),
        (dt.date(2026, 2, 9), dt.date(2026, 2, 15)),
    ]
    assert recent_months(today, 3) == [
        (dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
        (dt.date(2026, 1, 1), dt.date(2026, 1, 31)),
        (dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
    ]


def test_the_weekly_dispatcher_catches_up_on_every_missing_week_and_only_those(cast, queued, settings):
    """A lost tick or a stopped beat: the next run queues each week a team should have and lacks."""
    settings.REPORTS_CATCH_UP_WEEKS = 3
    team = cast.family.team
    weeks = recent_weeks(timezone.localdate(), 3)
    services.report_generate(kind=ReportKind.WEEK_TEAM, team=team, period_start=weeks[1][0])  # one was made
    teams = sorted({cast.family.team_id, cast.other_family.team_id})

    assert tasks.dispatch_weekly() == 5
    expected = {(ReportKind.WEEK_TEAM, t, start.isoformat()) for t in teams for start, _end in weeks}
    assert set(queued) == expected - {(ReportKind.WEEK_TEAM, team.pk, weeks[1][0].isoformat())}

    # All made: a next run (or a second beat) queues nothing.
    for args in queued:
        tasks.generate_report(*args)
    queued.clear()
    assert tasks.dispatch_weekly() == 0 and queued == []
    assert Report.objects.filter(kind=ReportKind.WEEK_TEAM, status=ReportStatus.DONE).count() == 6


def test_the_monthly_dispatcher_catches_up_board_reports_too(cast, queued, settings):
    settings.REPORTS_CATCH_UP_MONTHS = 2
    months = recent_months(timezone.localdate(), 2)
    services.report_generate(kind=ReportKind.MONTH_BOARD, period_start=months[0][0])
    tasks.dispatch_monthly()
    board = [args for args in queued if args[0] == ReportKind.MONTH_BOARD]
    assert board == [(ReportKind.MONTH_BOARD, None, months[1][0].isoformat())]


@pytest.mark.django_db(transaction=True)
def test_a_dispatch_waits_its_turn_while_another_holds_the_lock(cast, queued):
    """Two beats overlapping: the second dispatch queues nothing while the first holds the lock."""
    import threading

    from django.db import connection

    from core.locks import advisory_lock

    holding, release = threading.Event(), threading.Event()

    def other_dispatcher():
        try:
            with advisory_lock(f"reports.dispatch.{ReportKind.WEEK_TEAM}") as held:
                assert held
                holding.set()
                release.wait(timeout=10)
        finally:
            connection.close()

    thread = threading.Thread(target=other_dispatcher)
    thread.start()
    try:
        assert holding.wait(timeout=10)
        assert tasks.dispatch_weekly() == 0 and queued == []
    finally:
        release.set()
        thread.join(timeout=10)
    assert tasks.dispatch_weekly() > 0  # released: this one runs


def test_a_started_report_is_committed_bezig_before_it_is_made(cast, monkeypatch):
    """What a worker killed halfway leaves behind: the row bezig since its start, seen by beheer."""
    seen = {}

    def build(**kwargs):
        seen["row"] = Report.objects.values("status", "busy_since").get()
        return {"kind": kwargs["kind"]}

    monkeypatch.setattr(services, "report_build_data", build)
    services.report_generate(kind=ReportKind.MONTH_TEAM, team=cast.family.team, period_start=MONTH[0])
    assert seen["row"]["status"] == ReportStatus.BUSY and seen["row"]["busy_since"] is not None
    assert Report.objects.get().status == ReportStatus.DONE


def test_a_stuck_report_is_listed_for_beheer_and_queued_again(client, cast, queued, settings):
    settings.REPORTS_STUCK_AFTER_MINUTES = 15
    team = cast.family.team
    stuck = Report.objects.create(
        kind=ReportKind.WEEK_TEAM,
        team=team,
        period_start=WEEK[0],
        period_end=WEEK[1],
        status=ReportStatus.BUSY,
        busy_since=timezone.now() - dt.timedelta(minutes=20),
    )
    Report.objects.create(  # being made right now: neither listed nor queued
        kind=ReportKind.MONTH_TEAM,
        team=team,
        period_start=MONTH[0],
        period_end=MONTH[1],
        status=ReportStatus.BUSY,
        busy_since=timezone.now() - dt.timedelta(minutes=1),
    )
    client.force_login(cast.beheer)
    page = client.get(reverse("reports:failed")).content.decode()
    assert "vastgelopen: bezig sinds" in page and page.count("Opnieuw proberen") == 1

    assert tasks.requeue_stuck() == 1
    assert queued == [(ReportKind.WEEK_TEAM, team.pk, WEEK[0].isoformat())]
    tasks.generate_report(*queued[0])
    stuck.refresh_from_db()
    assert stuck.status == ReportStatus.DONE
    assert "Er zijn geen mislukte rapportages." in client.get(reverse("reports:failed")).content.decode()


def test_the_beat_schedule_runs_the_sweepers():
    from django.conf import settings

    tasks_by_name = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"reports.requeue_stuck", "notifications.send_emails"} <= tasks_by_name
