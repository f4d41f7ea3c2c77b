"""The audit report: a readable page and the same content as PDF. It names no family."""

from django.shortcuts import render
from django.utils.text import slugify

from audits import selectors
from audits.access import audit_permissions, team_audit_get_for_user
from audits.forms import ActionStatusForm
from audits.models import FindingKind, Outcome
from audits.snapshot import snapshot_comparison, snapshot_period
from core.pdf import pdf_response


def _context(request, audit) -> dict:
    previous = selectors.audit_previous(audit=audit)
    findings = selectors.findings(audit=audit)
    groups = [
        {
            "kind": kind,
            "any": any(f.kind == kind for f in findings),
            "outcomes": [
                {"outcome": outcome, "findings": [f for f in findings if f.kind == kind and f.outcome == outcome]}
                for outcome in Outcome
            ],
        }
        for kind in FindingKind  # strengths first
    ]
    perms = audit_permissions(user=request.user, audit=audit)
    actions = selectors.actions(audit=audit)
    previous_actions = selectors.previous_actions(previous=previous)
    # An action's owner follows it up from the report, also without the audit's working view.
    own_ids = {a.pk for a in (*actions, *previous_actions) if a.owner_id == request.user.pk}
    return {
        "audit": audit,
        "can": perms,
        "own_ids": own_ids,
        "follow_actions": perms["follow_up"] or any(a.pk in own_ids for a in actions),
        "follow_previous": perms["follow_up"] or any(a.pk in own_ids for a in previous_actions),
        "status_form": ActionStatusForm(),
        "comparison": snapshot_comparison(current=audit.snapshot, previous=previous.snapshot if previous else None),
        "period": snapshot_period(snapshot=audit.snapshot),
        "previous": previous,
        "summary": selectors.file_check_summary(audit=audit),
        "sample_count": audit.sampled_files.count(),
        "questions": selectors.question_responses(audit=audit),
        "finding_groups": groups,
        "actions": actions,
        "previous_actions": previous_actions,
        "auditors": audit.auditor_assignments.select_related("user"),
    }


def audit_report(request, audit_id: int):
    audit = team_audit_get_for_user(user=request.user, audit_id=audit_id)
    return render(request, "audits/report.html", _context(request, audit))


def audit_report_pdf(request, audit_id: int):
    audit = team_audit_get_for_user(user=request.user, audit_id=audit_id)
    # Slugified: a team name with quotes or accents must not break the Content-Disposition header.
    filename = f"auditrapport-{audit.cycle.year}-{slugify(audit.team.name)}.pdf"
    return pdf_response(
        template_name="audits/report_pdf.html", context=_context(request, audit), filename=filename, request=request
    )
