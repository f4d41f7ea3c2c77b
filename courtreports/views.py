"""Pages of the court report: start it from a request, read it, edit it section by section, ask for and
give approval, send it, and export it as PDF or Word.

Thin: reads through the selectors, writes through the services, each post sent once
(`core.views.create_once`) with the version it was opened on. Every page shows family data and
goes through render_family (the access log); an export is logged as printed.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from casework import access, selectors
from casework.views.helpers import render_family
from core.concurrency import base_version_of
from core.views import create_once
from privacy.models import Action
from privacy.services import access_log_record

from . import selectors as sel
from . import services as svc
from .drafting import SECTIONS, draft_sections, section_by_key
from .exports import report_docx, report_pdf
from .forms import SectionForm, SendForm, StartForm, StepForm
from .models import ApprovalRole, ReportStatus


def report_start(request, family_id: int, request_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id, write=True)
    court_request = sel.request_of_family(family=family, request_id=request_id)
    existing = getattr(court_request, "report", None)
    if existing is not None:
        return redirect(svc.report_url(existing))
    form = StartForm(request.POST or None)
    if request.method == "POST":

        def create() -> str:
            return svc.report_url(svc.report_start(actor=request.user, request=court_request))

        done = create_once(
            request, form, kind="court_report", create=create, saved=_("Het rapport is opgesteld uit het dossier.")
        )
        if done:
            return done
    context = {"form": form, "court_request": court_request, "sections": SECTIONS}
    return render_family(request, "courtreports/start.html", family=family, what="rapport opstellen", context=context)


@require_GET
def report_detail(request, family_id: int, report_id: int):
    family, report = sel.report_get_for_user(user=request.user, family_id=family_id, report_id=report_id)
    version = report.current
    can_write = access.can_write_file(user=request.user, family=family) and report.status != ReportStatus.VERZONDEN
    roles = svc.report_approval_roles(user=request.user, report=report)
    context = {
        "report": report,
        "version": version,
        "sections": [(s, version.sections.get(s.key, "") if version else "") for s in SECTIONS],
        "versions": sel.report_versions(report=report),
        "approved": {a.role: a for a in report.approvals.filter(version=version).select_related("user")},
        "can_write": can_write,
        # One form, and so one token, per button: approving as one role must not count as the other's click.
        "ask_form": StepForm(version=report.version, prefix="vraag"),
        "role_forms": [(r, ApprovalRole(r).label, StepForm(version=report.version, prefix=r)) for r in roles],
        "send_form": SendForm(
            version=report.version, initial={"sent_on": timezone.localdate(), "sent_to": report.request.court}
        ),
    }
    return render_family(request, "courtreports/detail.html", family=family, what="rapport rechtbank", context=context)


def section_edit(request, family_id: int, report_id: int, key: str):
    family, report = sel.report_get_for_user(user=request.user, family_id=family_id, report_id=report_id)
    if not access.can_write_file(user=request.user, family=family):
        raise PermissionDenied(_("Alleen de gezinsmanager van dit gezin schrijft het rapport."))
    section = section_by_key(key)
    if section is None or report.current is None:
        raise Http404("Onderdeel niet gevonden")
    form = SectionForm(
        request.POST or None,
        version=report.version,
        label=str(section.title),
        help_text=str(section.question),
        initial={"text": report.current.sections.get(key, "")},
    )
    if request.method == "POST":

        def create() -> str:
            svc.report_section_save(
                actor=request.user,
                report=report,
                key=key,
                text=form.cleaned_data["text"],
                change_note=form.cleaned_data["change_note"],
                base_version=base_version_of(form),
            )
            return svc.report_url(report) + f"#onderdeel-{key}"

        saved = _("Het onderdeel is opgeslagen als nieuwe versie.")
        done = create_once(request, form, kind="court_report_section", create=create, saved=saved, repeat_message=saved)
        if done:
            return done
    from_file = draft_sections(request=report.request, family=family).get(key, "") if section.from_file else ""
    context = {"form": form, "report": report, "section": section, "from_file": from_file}
    return render_family(
        request, "courtreports/section_form.html", family=family, what="rapport bewerken", context=context
    )


def _step(request, family_id: int, report_id: int, *, kind: str, saved: str, act, prefix: str):
    """A step from a button on the report page; a refusal is said there, never lost."""
    _family, report = sel.report_get_for_user(user=request.user, family_id=family_id, report_id=report_id)
    form = StepForm(request.POST, version=report.version, prefix=prefix)

    def create() -> str:
        act(report, base_version_of(form))
        return svc.report_url(report)

    def refused(error: ValidationError) -> None:
        for text in error.messages:
            messages.error(request, text)

    done = create_once(request, form, kind=kind, create=create, saved=saved, repeat_message=saved, on_refused=refused)
    if done:
        return done
    for errors in form.errors.values():  # a stale page or a missing token: say so on the report page
        for text in errors:
            messages.error(request, text)
    return redirect(svc.report_url(report))


@require_POST
def report_ask_approval(request, family_id: int, report_id: int):
    def act(report, base):
        svc.report_ask_approval(actor=request.user, report=report, base_version=base)

    return _step(
        request,
        family_id,
        report_id,
        kind="court_report_ask",
        saved=_("Het rapport is ter goedkeuring aangeboden."),
        act=act,
        prefix="vraag",
    )


@require_POST
def report_approve(request, family_id: int, report_id: int, role: str):
    if role not in ApprovalRole.values:
        raise Http404("Rol niet gevonden")

    def act(report, base):
        svc.report_approve(actor=request.user, report=report, role=role, base_version=base)

    return _step(
        request,
        family_id,
        report_id,
        kind=f"court_report_approve_{role}",
        saved=_("Uw goedkeuring is vastgelegd."),
        act=act,
        prefix=role,
    )


def report_send(request, family_id: int, report_id: int):
    family, report = sel.report_get_for_user(user=request.user, family_id=family_id, report_id=report_id)
    if not access.can_write_file(user=request.user, family=family):
        raise PermissionDenied(_("Alleen de gezinsmanager van dit gezin verzendt het rapport."))
    form = SendForm(
        request.POST or None,
        version=report.version,
        initial={"sent_on": timezone.localdate(), "sent_to": report.request.court},
    )
    if request.method == "POST":

        def create() -> str:
            svc.report_send(
                actor=request.user,
                report=report,
                sent_on=form.cleaned_data["sent_on"],
                sent_to=form.cleaned_data["sent_to"],
                base_version=base_version_of(form),
            )
            return svc.report_url(report)

        saved = _("De verzending is vastgelegd; het rapport staat bij de documenten.")
        done = create_once(request, form, kind="court_report_send", create=create, saved=saved, repeat_message=saved)
        if done:
            return done
    context = {"form": form, "report": report}
    return render_family(
        request, "courtreports/send_form.html", family=family, what="rapport verzenden", context=context
    )


def _export(request, family_id: int, report_id: int, *, fmt: str) -> HttpResponse:
    family, report = sel.report_get_for_user(user=request.user, family_id=family_id, report_id=report_id)
    access_log_record(
        user=request.user, family_id=family.pk, action=Action.PRINT, what=f"rapport rechtbank ({fmt})", request=request
    )
    if fmt == "pdf":
        body, content_type = report_pdf(report=report, version=report.current), "application/pdf"
    else:
        body = report_docx(report=report, version=report.current)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="rapport-rechtbank-{family.reference}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def report_export_pdf(request, family_id: int, report_id: int):
    return _export(request, family_id, report_id, fmt="pdf")


@require_GET
def report_export_docx(request, family_id: int, report_id: int):
    return _export(request, family_id, report_id, fmt="docx")
