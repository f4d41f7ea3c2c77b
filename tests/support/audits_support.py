"""Helpers for the audit tests: an audit of Team Noord, audited by the cast's auditor and a peer from Team Zuid."""

import datetime as dt

from django.utils import timezone

from audits import services
from audits.models import AuditStatus, CheckAnswer, FindingKind, Outcome


def plan(cast, *, year=None, sample_size=10, peer=True):
    auditors = [cast.auditor] + ([cast.outsider] if peer else [])
    return services.team_audit_plan(
        actor=cast.beheer,
        year=year or timezone.localdate().year,
        team=cast.family.team,
        planned_on=timezone.localdate() + dt.timedelta(days=7),
        auditors=auditors,
        sample_size=sample_size,
    )


def to_preparation(cast, audit):
    return services.team_audit_transition(actor=cast.auditor, audit=audit, to_status=AuditStatus.PREPARATION)


def to_conversation(cast, audit):
    return services.team_audit_transition(actor=cast.auditor, audit=audit, to_status=AuditStatus.CONVERSATION)


def finish(cast, audit, *, text="Het team bespreekt elk gezin met signalen binnen een week."):
    audit.refresh_from_db()
    if audit.status == AuditStatus.PREPARATION:
        audit = to_conversation(cast, audit)
    services.finding_add(
        actor=cast.auditor, audit=audit, kind=FindingKind.STRENGTH, outcome=Outcome.POPULATION, text=text
    )
    return services.team_audit_transition(actor=cast.auditor, audit=audit, to_status=AuditStatus.FINISHED)


def check_all(cast, audit, answer=CheckAnswer.YES):
    items = list(audit.file_checklist.items.all())
    for sampled in audit.sampled_files.all():
        services.file_check_record(
            actor=cast.auditor, sampled_file=sampled, answers={i.pk: (answer, "") for i in items}
        )
