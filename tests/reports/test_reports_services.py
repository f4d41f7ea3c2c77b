"""Periodic reports: generation, idempotency, frozen data, failures and fixed query counts on PostgreSQL."""

import datetime as dt
import json

import pgtrigger
import pytest
from celery.exceptions import Retry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import TeamRole
from casework.models import AgreementStatus, Family, Phase
from kwesties import services as kwestie_services
from kwesties.models import Kwestie, Level
from notifications.models import Notification
from reports import services, tasks
from reports.models import Report, ReportEvent, ReportEventKind, ReportKind, ReportStatus
from reports.periods import last_month, last_week, month_of, period_for, week_of
from teams.models import FollowUpAction
from teams.sessions import services as team_services
from tests.reports.fanout import capture_fanout
from tests.support.factories import (
    AgreementFactory,
    ContactFactory,
    FamilyFactory,
    MembershipFactory,
    PlanVersionFactory,
    TeamFactory,
)

WEEK = last_week(timezone.localdate())
MONTH = last_month(timezone.localdate())


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def scene(cast):
    """Last week in Team Noord: a low score, a held session with an overdue action, an overdue agreement,
    a kwestie raised and escalated to the team, and one still with its gezinsmanager."""
    family, start = cast.family, WEEK[0]
    ContactFactory(family=family, date=WEEK[1], safety_score=2, lijn_score=3)  # the latest, even on a Sunday
    session = team_services.session_create(
        actor=cast.teamleider, team=family.team, starts_at=_at(start + dt.timedelta(days=1))
    )
    team_services.session_publish(actor=cast.teamleider, session=session)
    discussion = team_services.discussion_add(actor=cast.teamleider, session=session, family=family, question="Wat nu?")
    decision = team_services.decision_record(actor=cast.teamleider, discussion=discussion, text="Netwerkberaad")
    FollowUpAction.objects.create(
        decision=decision,
        family=family,
        description="Oma bellen",
        owner=cast.worker,
        due_on=start + dt.timedelta(days=3),
    )
    AgreementFactory(plan=family.current_plan, description="Vader komt mee", due_on=start, status=AgreementStatus.OPEN)
    kwestie = kwestie_services.kwestie_raise(
        actor=cast.worker,
        title="Wachtlijst GGZ",
        blocks="Traumabehandeling",
        kind="wachtlijst",
        partner_name="GGZ Oost",
    )
    kwestie_services.kwestie_escalate(actor=cast.worker, kwestie=kwestie, reason="Zelf niet op te lossen")
    private = kwestie_services.kwestie_raise(
        actor=cast.colleague, title="Eigen formulier", blocks="x", kind="procedure"
    )
    Kwestie.objects.filter(pk__in=[kwestie.pk, private.pk]).update(raised_at=_at(start + dt.timedelta(days=4)))
    # Backdating history is what the append-only trigger refuses; this scene alone may (pgtrigger.ignore).
    with pgtrigger.ignore("kwesties.KwestieEvent:append_only_rows"), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE kwesties_kwestieevent SET at = %s WHERE kwestie_id IN (%s, %s)",
            [_at(start + dt.timedelta(days=4)), kwestie.pk, private.pk],
        )
    return cast


def test_periods():
    monday = dt.date(2026, 11, 23)
    assert week_of(dt.date(2026, 11, 25)) == (monday, dt.date(2026, 11, 29))
    assert last_week(monday) == (dt.date(2026, 11, 16), dt.date(2026, 11, 22))
    assert last_week(dt.date(2026, 11, 29)) == (dt.date(2026, 11, 16), dt.date(2026, 11, 22))
    assert last_month(dt.date(2026, 3, 1)) == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert month_of(dt.date(2024, 2, 10)) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert period_for(kind=ReportKind.MONTH_TEAM, period_start=dt.date(2026, 1, 15))[0] == dt.date(2026, 1, 1)


def test_weekly_report_holds_dashboard_signals_kwesties_and_what_is_overdue(scene):
    report = services.report_generate(kind=ReportKind.WEEK_TEAM, team=scene.family.team, period_start=WEEK[0])
    assert report.status == ReportStatus.DONE and report.attempts == 1
    data = report.data
    assert data["team"] == "Team Noord" and data["period"] == {"start": WEEK[0].isoformat(), "end": WEEK[1].isoformat()}
    assert data["figures"]["active_families"] == 1
    [row] = data["signals"]
    assert row["family"] == "Gezin De Vries" and "veiligheid_laag" in {s["code"] for s in row["signals"]}
    assert [k["title"] for k in data["kwesties"]["raised"]] == ["Wachtlijst GGZ"]  # the private one is only counted
    assert data["kwesties"]["raised_total"] == 2
    assert [(e["title"], e["to"]) for e in data["kwesties"]["escalations"]] == [("Wachtlijst GGZ", "team")]
    assert [(a["description"], a["days_late"]) for a in data["actions_overdue"]] == [("Oma bellen", 4)]
    assert [a["description"] for a in data["agreements_overdue"]] == ["Vader komt mee"]
    assert data["family_ids"] == [scene.family.pk]


def test_generating_twice_makes_one_report_and_notifies_once(scene):
    team = scene.family.team
    first = services.report_generate(kind=ReportKind.WEEK_TEAM, team=team, period_start=WEEK[0])
    again = services.report_generate(kind=ReportKind.WEEK_TEAM, team=team, period_start=WEEK[0] + dt.timedelta(days=3))
    assert again.pk == first.pk and again.attempts == 1
    assert Report.objects.count() == 1
    board = services.report_generate(kind=ReportKind.MONTH_BOARD, period_start=MONTH[0])
    assert services.report_generate(kind=ReportKind.MONTH_BOARD, period_start=MONTH[1]).pk == board.pk
    assert Report.objects.filter(kind=ReportKind.MONTH_BOARD).count() == 1
    # Readers told once each: the three members of Team Noord, and the board.
    reports = Notification.objects.filter(url__startswith="/rapportages/")  # the scene's kwesties notify too
    notified = sorted(reports.values_list("user__username", flat=True))
    assert notified == ["bestuur", "colleague", "teamleider", "worker"]
    note = reports.get(user=scene.worker)
    assert note.url == f"/rapportages/{first.pk}/" and "De Vries" not in note.text


def test_stored_report_does_not_change_when_live_data_changes(scene):
    team = scene.family.team
    report = services.report_generate(kind=ReportKind.WEEK_TEAM, team=team, period_start=WEEK[0])
    month = services.report_generate(kind=ReportKind.MONTH_TEAM, team=team, period_start=MONTH[0])
    before, month_before = report.data, month.data
    Family.objects.filter(pk=scene.family.pk).update(name="Gezin Hernoemd", phase=Phase.AFGESLOTEN)
    FamilyFactory(team=team, manager=scene.worker, opened_on=MONTH[0])
    services.report_generate(kind=ReportKind.WEEK_TEAM, team=team, period_start=WEEK[0])
    services.report_generate(kind=ReportKind.MONTH_TEAM, team=team, period_start=MONTH[0])
    report.refresh_from_db()
    month.refresh_from_db()
    assert report.data == before and month.data == month_before
    assert report.data["signals"][0]["family"] == "Gezin De Vries"


def test_failure_is_stored_with_its_error_and_raised_again(scene, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database weg")

    monkeypatch.setattr(services, "report_build_data", broken)
    team = scene.family.team
    for _ in range(2):
        with pytest.raises(RuntimeError):
            services.report_generate(kind=ReportKind.MONTH_TEAM, team=team, period_start=MONTH[0])
    report = Report.objects.get()
    assert (report.status, report.error, report.attempts) == (ReportStatus.FAILED, "RuntimeError: database weg", 2)
    assert report.data == {} and not Notification.objects.filter(url__startswith="/rapportages/").exists()
    monkeypatch.undo()
    report = services.report_generate(kind=ReportKind.MONTH_TEAM, team=team, period_start=MONTH[0])
    assert (report.status, report.error, report.attempts) == (ReportStatus.DONE, "", 3)
    kinds = list(ReportEvent.objects.filter(report=report).values_list("kind", flat=True))
    assert kinds == [ReportEventKind.FAILED, ReportEventKind.FAILED, ReportEventKind.GENERATED]


def test_task_records_the_failure_and_asks_celery_for_a_retry(scene, monkeypatch):
    calls = []

    def broken(**kwargs):
        calls.append(1)
        raise RuntimeError("tijdelijk")

    monkeypatch.setattr(services, "report_build_data", broken)
    with pytest.raises(Retry) as retry:
        tasks.generate_report.apply(
            args=[ReportKind.MONTH_TEAM, scene.family.team_id, MONTH[0].isoformat()], throw=True
        )
    assert isinstance(retry.value.exc, RuntimeError) and retry.value.when > 0  # backed off, not at once
    assert len(calls) == 1
    report = Report.objects.get()
    assert (report.status, report.attempts, report.error) == (ReportStatus.FAILED, 1, "RuntimeError: tijdelijk")
    assert tasks.generate_report.max_retries == 5 and tasks.generate_report.autoretry_for == (Exception,)


def test_dispatchers_fan_out_one_task_per_team_and_one_for_the_board(scene, monkeypatch, settings):
    settings.REPORTS_CATCH_UP_WEEKS = settings.REPORTS_CATCH_UP_MONTHS = 1  # the latest period only
    sent = capture_fanout(monkeypatch)
    assert tasks.dispatch_weekly() == 2
    assert sent == [
        (ReportKind.WEEK_TEAM, t, WEEK[0].isoformat())
        for t in sorted([scene.family.team_id, scene.other_family.team_id])
    ]
    sent.clear()
    assert tasks.dispatch_monthly() == 3
    assert sent[-1] == (ReportKind.MONTH_BOARD, None, MONTH[0].isoformat())


def test_dispatchers_skip_a_team_that_was_wound_up(scene, monkeypatch, settings):
    """No memberships left in the period and every family closed before it: no more empty team reports."""
    from accounts.models import Membership

    settings.REPORTS_CATCH_UP_WEEKS = settings.REPORTS_CATCH_UP_MONTHS = 1
    gone = TeamFactory(name="Team Opgeheven")
    MembershipFactory(team=gone, start=MONTH[0] - dt.timedelta(days=400), end=MONTH[0] - dt.timedelta(days=40))
    closed_on = MONTH[0] - dt.timedelta(days=40)
    FamilyFactory(
        team=gone,
        phase=Phase.AFGESLOTEN,
        opened_on=MONTH[0] - dt.timedelta(days=300),
        phase_since=closed_on,
        closed_on=closed_on,
    )
    # Members left but a family is still open there: the team still gets its reports.
    orphaned = TeamFactory(name="Team Wees")
    FamilyFactory(team=orphaned, opened_on=MONTH[0] - dt.timedelta(days=300))
    assert not Membership.objects.filter(team=orphaned).exists()
    sent = capture_fanout(monkeypatch)
    tasks.dispatch_weekly()
    tasks.dispatch_monthly()
    teams = {team for _kind, team, _start in sent if team is not None}
    assert gone.pk not in teams
    assert teams == {scene.family.team_id, scene.other_family.team_id, orphaned.pk}


def test_monthly_and_board_reports_name_no_family(scene):
    Kwestie.objects.update(level=Level.BESTUUR, highest_level=Level.BESTUUR, raised_at=_at(MONTH[0]))
    Kwestie.objects.first().families.add(scene.family)
    later = kwestie_services.kwestie_raise(actor=scene.worker, title="Na de maand", blocks="x", kind="wet")
    Kwestie.objects.filter(pk=later.pk).update(level=Level.BESTUUR, raised_at=_at(MONTH[1] + dt.timedelta(days=1)))
    month = services.report_generate(kind=ReportKind.MONTH_TEAM, team=scene.family.team, period_start=MONTH[0])
    board = services.report_generate(kind=ReportKind.MONTH_BOARD, period_start=MONTH[0])
    for report in (month, board):
        text = json.dumps(report.data, ensure_ascii=False)
        for name in ("De Vries", "Yilmaz", "Sanne", "Petra", "Bakker", scene.family.reference):
            assert name not in text
    assert [t["team"] for t in board.data["teams"]] == ["Team Noord", "Team Zuid"]
    assert board.data["totals"]["families"]["active"] == 2
    assert {k["title"]: k["families"] for k in board.data["board_kwesties"]} == {
        "Wachtlijst GGZ": 1,
        "Eigen formulier": 0,
    }  # not "Na de maand": raised after the month the report is about
    # The per-worker caseload is by name in the team report (its readers are the team), never in the board's.
    assert month.data["team_figures"]["load"]["per_worker"] == [{"name": str(scene.worker), "families": 1}]
    assert "per_worker" not in board.data["teams"][0]["load"]


def test_board_report_counts_kwesties_sessions_and_recurring_partners(scene):
    start = MONTH[0]
    for title in ("Wachtlijst opnieuw", "Weer wachten"):
        k = kwestie_services.kwestie_raise(
            actor=scene.outsider, title=title, blocks="x", kind="partner", partner_name="GGZ Oost"
        )
        Kwestie.objects.filter(pk=k.pk).update(raised_at=_at(start + dt.timedelta(days=2)))
    board = services.report_generate(kind=ReportKind.MONTH_BOARD, period_start=start)
    zuid = board.data["teams"][1]
    assert zuid["kwesties"]["raised"] == 2
    partners = {p["partner"]: p for p in board.data["recurring_partners"]}
    assert partners["GGZ Oost"]["kwesties"] >= 2 and partners["GGZ Oost"]["teams"] >= 1


def test_month_boundaries_are_midnight_in_amsterdam_not_utc(cast):
    """A kwestie raised at 00:30 on the 1st (Amsterdam) belongs to that month, though it is still the
    last day of the month before in UTC; one at 23:30 on the last day belongs to the month itself."""
    import zoneinfo

    start, end = MONTH
    ams = zoneinfo.ZoneInfo("Europe/Amsterdam")
    moments = {
        "last evening": dt.datetime.combine(end, dt.time(23, 30), tzinfo=ams),
        "first night": dt.datetime.combine(start, dt.time(0, 30), tzinfo=ams),
        "next month": dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0, 30), tzinfo=ams),
        "month before": dt.datetime.combine(start - dt.timedelta(days=1), dt.time(23, 30), tzinfo=ams),
    }
    for title, at in moments.items():
        k = kwestie_services.kwestie_raise(actor=cast.worker, title=title, blocks="x", kind="wet")
        Kwestie.objects.filter(pk=k.pk).update(raised_at=at)
    assert moments["next month"].astimezone(dt.UTC).date() == end  # the trap: UTC still says the last day
    report = services.report_generate(kind=ReportKind.MONTH_TEAM, team=cast.family.team, period_start=start)
    assert report.data["team_figures"]["kwesties"]["raised"] == 2


def test_phase_stays_completed_in_the_month_and_current_at_its_end(cast):
    start, end = MONTH
    team = TeamFactory(name="Team West")
    worker = MembershipFactory(team=team, role=TeamRole.GEZINSMANAGER).user
    FamilyFactory(
        team=team, manager=worker, opened_on=start - dt.timedelta(days=10), phase_since=start + dt.timedelta(days=4)
    )
    FamilyFactory(team=team, manager=worker, opened_on=end + dt.timedelta(days=1), phase=Phase.AANMELDING)  # later
    report = services.report_generate(kind=ReportKind.MONTH_TEAM, team=team, period_start=start)
    phases = {p["phase"]: p for p in report.data["team_figures"]["phases"]}
    assert (phases["aanmelding"]["completed"], phases["aanmelding"]["completed_days"]) == (1, 14.0)
    assert (phases["aanmelding"]["current"], phases["ondersteunen"]["current"]) == (0, 1)
    assert phases["ondersteunen"]["current_days"] == float((end - start).days - 4)
    assert report.data["team_figures"]["families"] == {"active": 1, "started": 0, "closed": 0}


def _grow(n_teams: int, n_families: int) -> None:
    """More teams, members, families, contacts, kwesties and sessions: the query count must not follow."""
    for t in range(n_teams):
        team = TeamFactory()
        leader = MembershipFactory(team=team, role=TeamRole.TEAMLEIDER).user
        for _ in range(n_families):
            worker = MembershipFactory(team=team, role=TeamRole.GEZINSMANAGER).user
            family = FamilyFactory(team=team, manager=worker, opened_on=MONTH[0] - dt.timedelta(days=30))
            ContactFactory(family=family, date=MONTH[1] - dt.timedelta(days=1), safety_score=t % 11)
            plan = PlanVersionFactory(family=family, number=1)
            AgreementFactory(plan=plan, due_on=WEEK[0])
        kwestie_services.kwestie_raise(actor=leader, title=f"K{t}", blocks="x", kind="wachtlijst", partner_name="P")


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured)


@pytest.mark.parametrize(
    "kind", [ReportKind.WEEK_TEAM, ReportKind.MONTH_TEAM, ReportKind.MONTH_BOARD], ids=["week", "month", "board"]
)
def test_number_of_queries_does_not_grow_with_teams_or_families(scene, kind):
    team = scene.family.team if kind != ReportKind.MONTH_BOARD else None
    start = WEEK[0] if kind == ReportKind.WEEK_TEAM else MONTH[0]

    def build():
        services.report_build_data(kind=kind, team=team, start=start, end=period_for(kind=kind, period_start=start)[1])

    small = _queries(build)
    _grow(n_teams=3, n_families=4)
    for _ in range(6):  # and more families in the team of the team reports
        worker = MembershipFactory(team=scene.family.team, role=TeamRole.GEZINSMANAGER).user
        family = FamilyFactory(team=scene.family.team, manager=worker)
        ContactFactory(family=family, date=WEEK[0], safety_score=1)
    assert _queries(build) == small
    assert small <= 25


def test_database_allows_one_report_per_kind_team_and_period_board_included(cast):
    from django.db import IntegrityError, transaction

    noord = cast.family.team
    Report.objects.create(kind=ReportKind.MONTH_TEAM, team=noord, period_start=MONTH[0], period_end=MONTH[1])
    Report.objects.create(kind=ReportKind.MONTH_BOARD, period_start=MONTH[0], period_end=MONTH[1])
    for kwargs in ({"kind": ReportKind.MONTH_TEAM, "team": noord}, {"kind": ReportKind.MONTH_BOARD}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Report.objects.create(**kwargs, period_start=MONTH[0], period_end=MONTH[1])
    with pytest.raises(IntegrityError), transaction.atomic():  # a board report has no team
        Report.objects.create(kind=ReportKind.MONTH_BOARD, team=noord, period_start=WEEK[0], period_end=WEEK[1])


def test_schedule_runs_the_dispatchers_monday_morning_and_on_the_first(settings):
    weekly = settings.CELERY_BEAT_SCHEDULE["reports-weekly"]
    monthly = settings.CELERY_BEAT_SCHEDULE["reports-monthly"]
    assert weekly["task"] == tasks.dispatch_weekly.name and monthly["task"] == tasks.dispatch_monthly.name
    assert (weekly["schedule"].hour, weekly["schedule"].minute, weekly["schedule"].day_of_week) == ({6}, {0}, {1})
    assert (monthly["schedule"].hour, monthly["schedule"].day_of_month) == ({5}, {1})
    assert settings.CELERY_TIMEZONE == "Europe/Amsterdam"
