"""Pages for team audits: the list, one audit (cijfers, steekproef, gesprek, acties) and its steps."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from audits import selectors, services
from audits.access import audit_permissions, team_audit_get_for_user, team_audit_list_for_user
from audits.forms import ActionForm, ActionStatusForm, FindingForm, TeamViewForm, TransitionForm
from audits.models import AuditStatus
from audits.services import TRANSITIONS
from audits.snapshot import snapshot_comparison, snapshot_period
from casework.drafts.binding import draft_done, draft_state, show_as_typed
from casework.drafts.spec import DraftSpec
from core.concurrency import add_base_version, base_version_of, history_version
from core.idempotency import OnceForm
from core.views import create_once
from privacy.services import access_log_record_many

# Lazy: a module-level text is translated when shown, in the user's language, not once at import.
TRANSITION_LABELS = {
    AuditStatus.PREPARATION: gettext_lazy("Naar voorbereiding: cijfers vastleggen en steekproef trekken"),
    AuditStatus.CONVERSATION: gettext_lazy("Naar het kwaliteitsgesprek"),
    AuditStatus.FINISHED: gettext_lazy("Audit afronden"),
}


def audit_list(request):
    audits = team_audit_list_for_user(user=request.user).order_by("-cycle__year", "team__name")
    return render(request, "audits/list.html", {"audits": audits})


def _finding_spec(audit) -> DraftSpec:
    """The draft of a new finding: one per auditor and audit, shown on the audit's page (no family in it)."""
    path = reverse("audits:detail", kwargs={"audit_id": audit.pk})
    return DraftSpec(form_key="audit-finding", object_key=f"audit:{audit.pk}", path=path)


def _detail_context(request, audit, **forms) -> dict:
    perms = audit_permissions(user=request.user, audit=audit)
    draft = draft_state(request=request, spec=_finding_spec(audit)) if perms["work"] else None
    if draft and draft.restored and "finding_form" not in forms:
        forms["finding_form"] = FindingForm(draft.data)
        show_as_typed(forms["finding_form"])
    previous = selectors.audit_previous(audit=audit)
    questions = selectors.question_responses(audit=audit)
    files = selectors.sampled_files(audit=audit) if perms["see_sample"] else []
    # A family is named only to whom may read its file now (casework's one rule): the auditors while the audit is
    # open, the teamleider while the family is still in the team. Whoever sees a name, it is in the access log.
    readable_ids = selectors.sampled_family_ids_readable(user=request.user, files=files)
    if readable_ids:
        access_log_record_many(
            user=request.user, family_ids=sorted(readable_ids), what="auditsteekproef", request=request
        )
    transitions = [
        (
            s,
            _("Terug naar voorbereiding")
            if s == AuditStatus.PREPARATION and audit.sample_seed
            else TRANSITION_LABELS[s],
        )
        for s in TRANSITIONS[AuditStatus(audit.status)]
    ]
    return {
        "audit": audit,
        "can": perms,
        "previous": previous,
        "comparison": snapshot_comparison(current=audit.snapshot, previous=previous.snapshot if previous else None),
        "period": snapshot_period(snapshot=audit.snapshot),
        "files": files,
        "sample_hidden": bool(audit.sample_seed) and not perms["see_sample"],
        "item_count": len(selectors.checklist_items(version=audit.file_checklist)),
        "readable_ids": readable_ids,
        "summary": selectors.file_check_summary(audit=audit),
        "questions": questions,
        "findings": selectors.findings(audit=audit),
        "actions": selectors.actions(audit=audit),
        "previous_actions": selectors.previous_actions(previous=previous),
        "events": audit.events.select_related("author"),
        "status_version": history_version(selectors.audit_status_events(audit=audit)),
        "transitions": transitions if perms["work"] else [],
        "can_snapshot": perms["work"] and audit.status in (AuditStatus.PLANNED, AuditStatus.PREPARATION),
        "finding_form": forms.get("finding_form") or FindingForm(),
        "action_form": forms.get("action_form") or ActionForm(owners=selectors.action_owner_choices(audit=audit)),
        "view_form": forms.get("view_form") or TeamViewForm(questions=questions),
        "status_form": ActionStatusForm(),
        "auditors": audit.auditor_assignments.select_related("user"),
        "draft": draft,
    }


def audit_detail(request, audit_id: int):
    audit = team_audit_get_for_user(user=request.user, audit_id=audit_id, detail=True)
    return render(request, "audits/detail.html", _detail_context(request, audit))


@require_POST
def audit_transition(request, audit_id: int):
    audit = team_audit_get_for_user(user=request.user, audit_id=audit_id, write=True)
    form = TransitionForm(request.POST)
    add_base_version(form, version=history_version(selectors.audit_status_events(audit=audit)))

    def step() -> str:
        services.team_audit_transition(
            actor=request.user,
            audit=audit,
            to_status=form.cleaned_data["to_status"],
            note=form.cleaned_data["note"],
            base_version=base_version_of(form),
        )
        return reverse("audits:detail", kwargs={"audit_id": audit.pk})

    saved = _("De status is gewijzigd.")
    done = create_once(
        request, form, kind="audit_step", create=step, saved=saved, on_refused=_refused(request), repeat_message=saved
    )
    return done or _form_refused(request, form, url=reverse("audits:detail", kwargs={"audit_id": audit.pk}))


def _refused(request):
    def refused(error: ValidationError) -> None:
        messages.error(request, " ".join(error.messages))

    return refused


def _form_refused(request, form, *, url: str):
    """A button's form that did not validate (an old page without its token or version): say what to do."""
    if form.errors:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(url)


@require_POST
def audit_snapshot(request, audit_id: int):
    """Freeze the figures: once per click (a double click is one snapshot and one history row)."""
    audit = team_audit_get_for_user(user=request.user, audit_id=audit_id, write=True)
    form = OnceForm(request.POST)

    def take() -> str:
        services.team_audit_take_snapshot(actor=request.user, audit=audit)
        return reverse("audits:detail", kwargs={"audit_id": audit.pk})

    saved = _("De cijfers zijn vastgelegd.")
    done = create_once(
        request,
        form,
        kind="audit_snapshot",
        create=take,
        saved=saved,
        on_refused=_refused(request),
        repeat_message=saved,
    )
    return done or _form_refused(request, form, url=reverse("audits:detail", kwargs={"audit_id": audit.pk}))


@require_POST
def finding_add(request, audit_id: int):
    audit = team_audit_get_for_user(user=request.user, audit_id=audit_id, write=True)
    form = FindingForm(request.POST)

    def create() -> str:
        services.finding_add(actor=request.user, audit=audit, **form.cleaned_data)
        draft_done(request=request, spec=_finding_spec(audit))
        return reverse("audits:detail", kwargs={"audit_id": audit.pk})

    done = create_once(request, form, kind="audit_finding", create=create, saved=_("De bevinding is vastgelegd."))
    if done:
        return done
    return render(request, "audits/detail.html", _detail_context(request, audit, finding_form=form), status=400)


@require_POST
def action_add(request, audit_id: int):
    audit = team_audit_get_for_user(user=request.user, audit_id=audit_id, write=True)
    form = ActionForm(request.POST, owners=selectors.action_owner_choices(audit=audit))

    def create() -> str:
        services.action_add(actor=request.user, audit=audit, **form.cleaned_data)
        return reverse("audits:detail", kwargs={"audit_id": audit.pk})

    done = create_once(request, form, kind="audit_action", create=create, saved=_("De verbeteractie is vastgelegd."))
    if done:
        return done
    return render(request, "audits/detail.html", _detail_context(request, audit, action_form=form), status=400)


@require_POST
def team_view(request, audit_id: int):
    audit = team_audit_get_for_user(user=request.user, audit_id=audit_id, detail=True)
    if not audit_permissions(user=request.user, audit=audit)["team_view"]:
        raise PermissionDenied("Alleen de teamleider van het team.")
    form = TeamViewForm(request.POST, questions=selectors.question_responses(audit=audit))

    def record() -> str:
        services.team_view_record(actor=request.user, audit=audit, views=form.views())
        return reverse("audits:detail", kwargs={"audit_id": audit.pk})

    saved = _("De visie van het team is vastgelegd.")
    done = create_once(request, form, kind="audit_team_view", create=record, saved=saved, repeat_message=saved)
    if done:
        return done
    return render(request, "audits/detail.html", _detail_context(request, audit, view_form=form), status=400)


@require_POST
def action_status(request, action_id: int):
    """Follow an action up from the audit page it is shown on: its own audit, or the team's next one."""
    action = selectors.action_get(action_id=action_id)
    # Any audit the user reads: an action's owner may be a team member who only reads the finished report.
    # Whether this user may follow the action up is the service's rule (owner, teamleider, auditors).
    audit = team_audit_get_for_user(user=request.user, audit_id=request.POST.get("audit", ""))
    previous = selectors.audit_previous(audit=audit)
    if action.audit_id not in (audit.pk, previous.pk if previous else None):
        raise Http404("Actie niet gevonden")
    form = ActionStatusForm(request.POST)
    add_base_version(form, version=history_version(action.changes.all()))
    page = "audits:detail" if audit_permissions(user=request.user, audit=audit)["detail"] else "audits:report"
    back = reverse(page, kwargs={"audit_id": audit.pk}) + "#acties"

    def change() -> str:
        services.action_set_status(
            actor=request.user,
            action=action,
            to_status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            base_version=base_version_of(form),
        )
        return back

    saved = _("De status van de actie is gewijzigd.")
    done = create_once(
        request,
        form,
        kind="audit_action_status",
        create=change,
        saved=saved,
        on_refused=_refused(request),
        repeat_message=saved,
    )
    if done is None and "status" in form.errors:
        messages.error(request, _("Kies een geldige status."))
        return redirect(back)
    return done or _form_refused(request, form, url=back)
