"""Writes for reports: generate one (idempotent), record a failure, ask for a retry.

`report_generate` is what the Celery task runs. It takes the report's row
with a lock (creating it when missing), so two runs of the same generation -
a retry, a double dispatch, two workers - end with one report, and a finished
report is never computed again. A failure is stored with its error in its own
transaction (the generation's rolled back) and raised again, so Celery retries.
"""

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Team, User
from core.db_router import using_replica
from core.queue import enqueue, enqueue_on_commit
from notifications.services import notification_send

from .content.board import board_kwesties, recurring_partners, totals
from .content.month import month_team_figures
from .content.week import week_team_content
from .models import Report, ReportEvent, ReportEventKind, ReportKind, ReportStatus
from .periods import period_for
from .selectors import report_readers, report_stuck_filter

logger = logging.getLogger(__name__)

DATA_VERSION = 1


def report_build_data(*, kind: str, team: Team | None, start: dt.date, end: dt.date) -> dict:
    """The frozen content of a report: self-contained, JSON, labels included."""
    head = {
        "version": DATA_VERSION,
        "kind": kind,
        "team": team.name if team else "",
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "generated_at": timezone.localtime().isoformat(timespec="minutes"),
    }
    if kind == ReportKind.WEEK_TEAM:
        return head | week_team_content(team=team, start=start, end=end)  # type: ignore[arg-type]  # a team report has a team: _check
    if kind == ReportKind.MONTH_TEAM:
        team_ids = [team.pk]  # type: ignore[union-attr]  # a team report has a team: _check
        return head | {"team_figures": month_team_figures(start=start, end=end, team_ids=team_ids, names=True)[0]}
    teams = month_team_figures(start=start, end=end, team_ids=None, names=False)
    return head | {
        "teams": teams,
        "totals": totals(teams),
        "board_kwesties": board_kwesties(as_of=end + dt.timedelta(days=1)),
        "recurring_partners": recurring_partners(end=end),
    }


def _locked_report(*, kind: str, team: Team | None, start: dt.date, end: dt.date) -> Report:
    """The report's row, locked for this transaction; created (status bezig) when missing."""
    key = {"kind": kind, "team": team, "period_start": start}
    try:
        with transaction.atomic():
            report, _created = Report.objects.select_for_update().get_or_create(**key, defaults={"period_end": end})
    except IntegrityError:  # created by a concurrent run between our look and our insert
        report = Report.objects.select_for_update().get(**key)
    return report


def _check(kind: str, team: Team | None) -> None:
    if kind not in ReportKind.values:
        raise ValueError(f"Unknown report kind {kind!r}")
    if (kind == ReportKind.MONTH_BOARD) != (team is None):
        raise ValueError("A board report has no team; a team report needs one")


def report_notify_readers(*, report: Report) -> int:
    """One notification per reader, linking to the report. No family names: it may be e-mailed."""
    text = _("%(report)s over %(start)s t/m %(end)s staat klaar") % {
        "report": report.get_kind_display().capitalize() + (f" {report.team.name}" if report.team is not None else ""),
        "start": f"{report.period_start:%d-%m-%Y}",
        "end": f"{report.period_end:%d-%m-%Y}",
    }
    url = reverse("reports:detail", args=[report.pk])
    readers = list(report_readers(report=report))
    for user in readers:
        notification_send(user=user, text=text, url=url, email_subject=_("Nieuwe rapportage"))
    return len(readers)


def _mark_started(*, kind: str, team: Team | None, start: dt.date, end: dt.date) -> bool:
    """Commit the report as bezig since now before generating; False when it is made already.

    The generation itself is one transaction that a killed worker rolls back
    entirely; this row, committed first, is what stays behind to show the
    report was started and not finished (see selectors.report_stuck_filter).
    """
    with transaction.atomic():
        report = _locked_report(kind=kind, team=team, start=start, end=end)
        if report.status == ReportStatus.DONE:
            return False
        report.status = ReportStatus.BUSY
        report.busy_since = timezone.now()
        report.save(update_fields=["status", "busy_since"])
    return True


def report_generate(*, kind: str, team: Team | None = None, period_start: dt.date) -> Report:
    """Make the report of `kind` for `team` and the period containing `period_start`, once.

    Running it again returns the finished report unchanged. On failure the
    report is marked mislukt with the error, and the exception is raised again.
    """
    _check(kind, team)
    start, end = period_for(kind=kind, period_start=period_start)
    try:
        _mark_started(kind=kind, team=team, start=start, end=end)
        with transaction.atomic():
            report = _locked_report(kind=kind, team=team, start=start, end=end)
            if report.status == ReportStatus.DONE:
                return report
            # The heavy reads (a closed period's contacts, phases, kwesties) from the replica when it is
            # fresh (core.db_router), while the report's row stays locked here on the primary: the second
            # of two runs waits for the first and finds it made. Who is told (readers) reads the primary.
            with using_replica(in_transaction=True):
                report.data = report_build_data(kind=kind, team=team, start=start, end=end)
            report.status = ReportStatus.DONE
            report.error = ""
            report.attempts += 1
            report.generated_at = timezone.now()
            report.save(update_fields=["data", "status", "error", "attempts", "generated_at"])
            ReportEvent.objects.create(report=report, kind=ReportEventKind.GENERATED)
            report_notify_readers(report=report)
            return report
    except Exception as error:
        report_record_failure(kind=kind, team=team, start=start, end=end, error=error)
        raise


def report_record_failure(*, kind: str, team: Team | None, start: dt.date, end: dt.date, error: Exception) -> Report:
    """Store a failed attempt (status mislukt, the error, one more attempt) in a transaction of its own.

    The error text is the exception's type and message only; no traceback
    (it could quote a row's values), and it is shown to functioneel beheer.
    """
    message = f"{type(error).__name__}: {error}"[:2000]
    logger.warning("Report %s team=%s %s failed: %s", kind, team.pk if team else None, start, type(error).__name__)
    with transaction.atomic():
        report = _locked_report(kind=kind, team=team, start=start, end=end)
        if report.status == ReportStatus.DONE:  # a concurrent run finished it meanwhile
            return report
        report.status = ReportStatus.FAILED
        report.error = message
        report.attempts += 1
        report.save(update_fields=["status", "error", "attempts"])
        ReportEvent.objects.create(report=report, kind=ReportEventKind.FAILED, note=message[:300])
    return report


def report_enqueue(*, report: Report) -> None:
    """Send the report's generation to Celery after the surrounding transaction commits.

    A broker that cannot be reached (or, in eager mode, a generation that fails
    again) is logged, not raised (core.queue): the report stays visible as it
    is, a web request that asked for it never fails or waits on it, and
    `report_requeue_stuck` queues it again.
    """
    from .tasks import generate_report

    enqueue_on_commit(generate_report, report.kind, report.team_id, report.period_start.isoformat())


def report_requeue_stuck() -> int:
    """Queue again every report bezig past the threshold: its task was lost or its worker died.

    A doubled task is harmless (the generation is idempotent), so this needs
    no lock. Run from the beat schedule (reports.requeue_stuck).
    """
    from .tasks import generate_report

    stuck = list(Report.objects.filter(report_stuck_filter(now=timezone.now())).order_by("pk"))
    for report in stuck:
        logger.warning("Report %s is stuck (bezig since %s); queued again", report.pk, report.busy_since)
        enqueue(generate_report, report.kind, report.team_id, report.period_start.isoformat())
    return len(stuck)


@transaction.atomic
def report_retry(*, actor: User, report: Report) -> Report:
    """Functioneel beheer asks to make a failed report again: recorded with who asked, then queued.

    A report still bezig from an earlier request may be queued again (its task may
    have been lost); a doubled task makes no second report.
    """
    if not actor.is_beheer:
        raise PermissionError("Only functioneel beheer retries reports")
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status == ReportStatus.DONE:
        return report
    report.status = ReportStatus.BUSY
    report.busy_since = None  # asked for, not yet started: listed as such until its task starts it
    report.save(update_fields=["status", "busy_since"])
    ReportEvent.objects.create(report=report, kind=ReportEventKind.RETRY, actor=actor)
    report_enqueue(report=report)
    return report
