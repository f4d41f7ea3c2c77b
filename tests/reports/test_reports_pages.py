"""Report pages: who reads what (the fixed cast), the access log, PDF and CSV, and beheer's failed list."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import TeamRole
from notifications.models import Notification
from privacy.models import AccessLogEntry, Channel
from reports import services
from reports.exports import csv_safe, report_csv
from reports.models import Report, ReportEvent, ReportEventKind, ReportKind, ReportStatus
from reports.periods import last_month, last_week
from tests.support.factories import ContactFactory, MembershipFactory

WEEK = last_week(timezone.localdate())
MONTH = last_month(timezone.localdate())


@pytest.fixture
def others(cast):
    """A gezinsmanager who left Team Noord last week, and the teamleider of Team Zuid."""
    leaver = MembershipFactory(
        team=cast.family.team,
        role=TeamRole.GEZINSMANAGER,
        user__username="leaver",
        end=timezone.localdate() - dt.timedelta(days=7),
    ).user
    zuid_leader = MembershipFactory(
        team=cast.other_family.team, role=TeamRole.TEAMLEIDER, user__username="zuid_teamleider"
    ).user
    return {"leaver": leaver, "zuid_teamleider": zuid_leader}


@pytest.fixture
def reports(cast, others):
    noord = cast.family.team
    ContactFactory(family=cast.family, date=WEEK[1], safety_score=2)  # a signal: the weekly report names the family
    return {
        "week": services.report_generate(kind=ReportKind.WEEK_TEAM, team=noord, period_start=WEEK[0]),
        "month": services.report_generate(kind=ReportKind.MONTH_TEAM, team=noord, period_start=MONTH[0]),
        "board": services.report_generate(kind=ReportKind.MONTH_BOARD, period_start=MONTH[0]),
    }


# Who may open which report; everyone else gets 404.
READERS = {
    "week": {"worker", "colleague", "teamleider"},
    "month": {"worker", "colleague", "teamleider", "auditor"},
    "board": {"bestuur"},
}


@pytest.mark.parametrize("which", ["week", "month", "board"])
@pytest.mark.parametrize("page", ["detail", "pdf", "csv"])
def test_access_matrix(client, cast, others, reports, which, page):
    url = reverse(f"reports:{page}", args=[reports[which].pk])
    for name, user in {**cast.all(), **others}.items():
        client.force_login(user)
        response = client.get(url)
        expected = 200 if name in READERS[which] else 404
        assert response.status_code == expected, (name, which, page)


def test_list_shows_only_readable_reports(client, cast, others, reports):
    for user in (cast.outsider, others["zuid_teamleider"], others["leaver"], cast.beheer):
        client.force_login(user)
        assert client.get(reverse("reports:list")).context["groups"] == [], user.username
    # A member who left is not told about the team's new reports either.
    assert not Notification.objects.filter(user=others["leaver"]).exists()
    client.force_login(cast.auditor)
    groups = client.get(reverse("reports:list")).context["groups"]
    assert [[r.pk for r in rs] for _label, rs in groups] == [[reports["month"].pk]]
    client.force_login(cast.worker)
    page = client.get(reverse("reports:list"))
    assert sorted(r.pk for _l, rs in page.context["groups"] for r in rs) == sorted(
        [reports["week"].pk, reports["month"].pk]
    )
    assert "Rapportages" in page.content.decode()


def test_weekly_report_reading_is_written_to_the_access_log(client, cast, reports):
    client.force_login(cast.worker)
    page = client.get(reverse("reports:detail", args=[reports["week"].pk]))
    assert "Gezin De Vries" in page.content.decode() and "<svg" in page.content.decode()
    entry = AccessLogEntry.objects.get(user=cast.worker)
    assert (entry.family_ids, entry.channel, entry.action) == ([cast.family.pk], Channel.REPORT, "inzien")
    client.get(reverse("reports:csv", args=[reports["week"].pk]))
    assert AccessLogEntry.objects.filter(user=cast.worker, action="afdrukken", channel=Channel.REPORT).count() == 1
    client.force_login(cast.teamleider)
    assert client.get(reverse("reports:pdf", args=[reports["week"].pk])).content.startswith(b"%PDF")
    entry = AccessLogEntry.objects.get(user=cast.teamleider)
    assert (entry.family_ids, entry.channel, entry.action) == ([cast.family.pk], Channel.REPORT, "afdrukken")
    client.force_login(cast.worker)
    client.get(reverse("reports:detail", args=[reports["month"].pk]))  # aggregates only: nothing to log
    client.get(reverse("reports:pdf", args=[reports["month"].pk]))
    assert AccessLogEntry.objects.filter(user=cast.worker).count() == 2
    # Refused readers leave no entry (a 404 is no reading).
    client.force_login(cast.outsider)
    assert client.get(reverse("reports:pdf", args=[reports["week"].pk])).status_code == 404
    assert not AccessLogEntry.objects.filter(user=cast.outsider).exists()


def test_pdf_is_a_pdf(client, cast, reports):
    client.force_login(cast.bestuur)
    response = client.get(reverse("reports:pdf", args=[reports["board"].pk]))
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith('attachment; filename="rapportage-month_board-organisatie-')
    assert "no-store" in response["Cache-Control"]


def test_csv_is_safe_against_formula_injection(cast, reports):
    assert [csv_safe(v) for v in ("=1+1", "+31", "-2", "@SUM(A1)", "\tx", "gewoon", 7, None)] == [
        "'=1+1",
        "'+31",
        "'-2",
        "'@SUM(A1)",
        "'\tx",
        "gewoon",
        7,
        "",
    ]
    data = dict(reports["week"].data)
    data["kwesties"] = {**data["kwesties"], "raised": [{"title": '=HYPERLINK("http://x")', "level": "team"}]}
    text = report_csv(kind=ReportKind.WEEK_TEAM, data=data)
    assert "'=HYPERLINK" in text and ";=HYPERLINK" not in text
    for title in (" =HYPERLINK(A1)", "\u00a0@SUM(A1)", "＝1+1"):
        data["kwesties"] = {**data["kwesties"], "raised": [{"title": title, "level": "team"}]}
        assert f";'{title};" in report_csv(kind=ReportKind.WEEK_TEAM, data=data)
    assert csv_safe(4.5) == "4,5" and csv_safe(-1.5) == "-1,5"  # Dutch Excel reads "4.5" as a date
    board = report_csv(kind=ReportKind.MONTH_BOARD, data=reports["board"].data)
    assert board.splitlines()[0] == "onderdeel;team of gezin;cijfer;waarde"
    assert "gezinnen;Team Noord;actief;1" in board.splitlines()
    assert "totaal kwesties;hele organisatie;gesloten zonder oplossing;0" in board.splitlines()


def test_failed_reports_are_for_beheer_with_their_error_and_a_retry(
    client, cast, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise ValueError("kapot")

    monkeypatch.setattr(services, "report_build_data", broken)
    with pytest.raises(ValueError):
        services.report_generate(kind=ReportKind.WEEK_TEAM, team=cast.family.team, period_start=WEEK[0])
    report = Report.objects.get()
    url = reverse("reports:failed")
    for name, user in cast.all().items():
        client.force_login(user)
        assert client.get(url).status_code == (200 if name == "beheer" else 404), name
        if name != "beheer":
            assert client.post(reverse("reports:retry", args=[report.pk])).status_code == 404
    client.force_login(cast.beheer)
    page = client.get(url).content.decode()
    assert "ValueError: kapot" in page and "Opnieuw proberen" in page
    queued = []
    monkeypatch.setattr("reports.tasks.generate_report.delay", lambda *args: queued.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:retry", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.BUSY
    event = ReportEvent.objects.get(report=report, kind=ReportEventKind.RETRY)
    assert event.actor == cast.beheer
    assert queued == [(ReportKind.WEEK_TEAM, cast.family.team_id, WEEK[0].isoformat())]


def test_admin_shows_reports_to_beheer_read_only_without_their_data(client, cast, reports):
    client.force_login(cast.beheer)
    listing = client.get(reverse("admin:reports_report_changelist"))
    assert listing.status_code == 200 and "Team Noord" in listing.content.decode()
    page = client.get(reverse("admin:reports_report_change", args=[reports["week"].pk]))
    assert page.status_code == 200
    assert "Gezin De Vries" not in page.content.decode()
    assert client.get(reverse("admin:reports_report_add")).status_code == 403
    assert client.post(reverse("admin:reports_report_delete", args=[reports["week"].pk])).status_code == 403
    client.force_login(cast.teamleider)
    assert client.get(reverse("admin:reports_report_changelist")).status_code == 302  # to the admin log-in


def test_generate_reports_command_makes_last_week_and_month_once(cast):
    from django.core.management import call_command

    call_command("generate_reports", "--if-empty")
    assert Report.objects.count() == 5  # two teams x (week, month) + the board
    call_command("generate_reports", "--if-empty")
    call_command("generate_reports")
    assert Report.objects.count() == 5
    assert Report.objects.filter(status=ReportStatus.DONE, generated_at__lte=timezone.now()).count() == 5
    assert dt.date.fromisoformat(Report.objects.filter(kind="week_team").first().data["as_of"]) == WEEK[
        1
    ] + dt.timedelta(days=1)


def test_csv_download_opens_in_dutch_excel(client, cast, reports):
    """UTF-8 with a byte order mark (else Excel reads Windows-1252), `;` between cells, decimal commas."""
    client.force_login(cast.bestuur)
    response = client.get(reverse("reports:csv", args=[reports["board"].pk]))
    assert response.content.startswith(b"\xef\xbb\xbf") and response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "onderdeel;team of gezin;cijfer;waarde"
    assert "caseload;Team Noord;gemiddeld aantal gezinnen per gezinsmanager;1" in lines
    assert "kwesties;Team Noord;geëscaleerd;0" in lines


def test_admin_cannot_filter_reports_on_their_content(client, cast, reports):
    """`?data__icontains=<family name>` would tell beheer which report names a family."""
    client.force_login(cast.beheer)
    url = reverse("admin:reports_report_changelist")
    response = client.get(url, {"data__icontains": "De Vries"})
    assert response.status_code == 400 and "Team Noord" not in response.content.decode()
    assert client.get(url, {"status__exact": ReportStatus.DONE}).status_code == 200


def test_a_retry_whose_task_never_ran_stays_on_beheers_list(
    client, cast, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise ValueError("kapot")

    monkeypatch.setattr(services, "report_build_data", broken)
    with pytest.raises(ValueError):
        services.report_generate(kind=ReportKind.MONTH_TEAM, team=cast.family.team, period_start=MONTH[0])

    def broker_down(*args):
        raise OSError("broker weg")

    monkeypatch.setattr("reports.tasks.generate_report.delay", broker_down)
    client.force_login(cast.beheer)
    report = Report.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("reports:retry", args=[report.pk])).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.BUSY
    page = client.get(reverse("reports:failed")).content.decode()
    assert "opnieuw aangevraagd, nog niet gemaakt" in page and "ValueError: kapot" in page
    # Asked again (the broker is back): queued again, and made.
    monkeypatch.undo()
    monkeypatch.setattr(
        "reports.tasks.generate_report.delay",
        lambda kind, team_id, start: services.report_generate(
            kind=kind, team=cast.family.team, period_start=dt.date.fromisoformat(start)
        ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:retry", args=[report.pk]))
    report.refresh_from_db()
    assert (report.status, report.error) == (ReportStatus.DONE, "")
    assert "Er zijn geen mislukte rapportages." in client.get(reverse("reports:failed")).content.decode()


def test_a_newcomer_does_not_read_weekly_reports_from_before_they_joined(client, cast, reports):
    """The weekly report names families; who joined the team later reads the monthly aggregates only."""
    newcomer = MembershipFactory(
        team=cast.family.team, role=TeamRole.GEZINSMANAGER, user__username="newcomer", start=timezone.localdate()
    ).user
    client.force_login(newcomer)
    assert client.get(reverse("reports:detail", kwargs={"report_id": reports["week"].pk})).status_code == 404
    assert client.get(reverse("reports:detail", kwargs={"report_id": reports["month"].pk})).status_code == 200
