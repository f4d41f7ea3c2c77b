"""Pages of the privacy register: the list with each term, registering a request, deciding it, the figures.

The list and a request name the family's dossier number and the requester: both
are logged in the access log as a view of that family. The figures name nobody.
"""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from casework.models import Family
from core.concurrency import base_version_of
from core.views import create_once
from privacy.models import Action
from privacy.services import access_log_record, access_log_record_many

from . import selectors as sel
from . import services as svc
from .correction import CORRECTABLE, GRANTED, contact_correct_on_request
from .forms import CorrectionForm, DecisionForm, ExportStartForm, ExtendForm, PrivacyRequestForm, StatementForm
from .models import FileExport, PrivacyRequest, PrivacyRequestKind, PrivacyRequestStatus


def require_register_user(request):
    if not sel.may_see_register(user=request.user):
        raise PermissionDenied(_("Alleen de privacy officer en teamleiders behandelen privacyverzoeken."))


def _detail_url(pr) -> str:
    return reverse("rights:detail", kwargs={"request_id": pr.pk})


@require_GET
def register(request):
    require_register_user(request)
    today = timezone.localdate()
    show_all = request.GET.get("alle") == "1"
    requests = sel.requests_for_user(user=request.user)
    if not show_all:
        requests = requests.filter(status=PrivacyRequestStatus.OPEN)
    rows = [(pr, sel.term_state(request=pr, today=today)) for pr in requests.order_by("due_on", "id")[:500]]
    access_log_record_many(
        user=request.user, family_ids={pr.family_id for pr, _t in rows}, what="privacyverzoeken", request=request
    )
    context = {"rows": rows, "show_all": show_all, "today": today}
    return render(request, "rights/register.html", context)


def create(request):
    require_register_user(request)
    initial = {"received_on": timezone.localdate()}
    asked = request.GET.get("gezin", "")
    if asked.isdecimal() and len(asked) < 12:  # from the family page: its dossier number filled in, and logged
        family = Family.objects.filter(pk=int(asked)).select_related("team").first()
        if family is not None and sel.can_handle(user=request.user, family=family):
            initial["reference"] = family.reference
        if family is not None and "reference" in initial and request.method == "GET":
            access_log_record(
                user=request.user,
                family_id=family.pk,
                action=Action.VIEW,
                what="privacyverzoek registreren",
                request=request,
            )
    form = PrivacyRequestForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":

        def create_request() -> str:
            data = dict(form.cleaned_data)
            family = sel.family_for_handler(user=request.user, reference=data.pop("reference"))
            if family is None:
                raise ValidationError({"reference": _("Geen dossier met dit nummer dat u behandelt.")})
            return _detail_url(svc.privacy_request_register(actor=request.user, family=family, **data))

        done = create_once(
            request, form, kind="privacy_request", create=create_request, saved=_("Het verzoek is geregistreerd.")
        )
        if done:
            return done
    return render(request, "rights/request_form.html", {"form": form})


def detail(request, request_id: int):
    require_register_user(request)
    pr = sel.request_get_for_user(user=request.user, request_id=request_id)
    statement = StatementForm(
        request.POST if "statement" in request.POST else None, family=pr.family, prefix="verklaring"
    )
    decision = DecisionForm(
        request.POST if "decide" in request.POST else None,
        version=pr.version,
        destruction=pr.kind == PrivacyRequestKind.VERNIETIGING,
        prefix="beslis",
        initial={"decided_on": timezone.localdate()},
    )
    extend = ExtendForm(request.POST if "extend" in request.POST else None, version=pr.version, prefix="verleng")
    may_correct = pr.kind == PrivacyRequestKind.CORRECTIE and pr.status in GRANTED
    shown = _correction_shown(request, pr) if may_correct else {}
    asked = request.POST.get("correctie-contact", "") if "correct" in request.POST else ""
    correct = CorrectionForm(
        request.POST if "correct" in request.POST else None,
        family=pr.family,
        prefix="correctie",
        initial=shown,
        include=shown.get("contact") or (int(asked) if asked.isdecimal() and len(asked) < 12 else None),
    )
    if request.method == "POST":
        posted_forms = {"decide": decision, "statement": statement, "correct": correct}
        form = next((f for key, f in posted_forms.items() if key in request.POST), extend)

        def step() -> str:
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            if form is correct:
                contact_correct_on_request(actor=request.user, request=pr, **data)
            elif form is statement:
                svc.family_statement_add(actor=request.user, request=pr, **data)
            elif form is decision:
                svc.privacy_request_decide(actor=request.user, request=pr, base_version=base_version_of(form), **data)
            else:
                svc.privacy_request_extend(actor=request.user, request=pr, base_version=base_version_of(form), **data)
            return _detail_url(pr)

        saved = {
            decision: _("De beslissing is vastgelegd."),
            statement: _("De verklaring staat in het dossier."),
            correct: _("De correctie is doorgevoerd; de oude tekst staat in de geschiedenis."),
        }.get(form, _("De termijn is verlengd."))
        done = create_once(
            request, form, kind=f"privacy_request_{form.prefix}", create=step, saved=saved, repeat_message=saved
        )
        if done:
            return done
    access_log_record(
        user=request.user, family_id=pr.family_id, action=Action.VIEW, what="privacyverzoek", request=request
    )
    context = {
        "pr": pr,
        "term": sel.term_state(request=pr, today=timezone.localdate()),
        "events": list(pr.events.select_related("by")),
        "decision": decision,
        "extend": extend,
        "statement": statement,
        "pr_export": (pr_export := FileExport.objects.filter(request=pr).first()),
        "export_start": ExportStartForm(request=pr) if pr_export is None and pr.kind in svc.EXPORT_KINDS else None,
        "destruction": pr.destructions.order_by("-pk").first() if pr.kind == PrivacyRequestKind.VERNIETIGING else None,
        "statements": list(pr.statements.select_related("contact")),
        "may_add_statement": pr.kind == "correctie" and pr.status in svc.REFUSALS,
        "posted": next((f for f in (decision, extend, statement) if f.is_bound and f.errors), None),
        "correct": correct,
        "may_correct": may_correct,
    }
    return render(request, "rights/request_detail.html", context)


def _correction_shown(request, pr) -> dict:
    """The contact's current text, when the handler asked to see it (?correctie-contact=..&correctie-field=..)."""
    if "correctie-contact" not in request.GET and "correctie-field" not in request.GET:
        return {}
    contact_id, field = request.GET.get("correctie-contact", ""), request.GET.get("correctie-field", "")
    valid = contact_id.isdecimal() and len(contact_id) < 12 and field in CORRECTABLE
    contact = pr.family.contacts.filter(pk=int(contact_id)).first() if valid else None
    if contact is None:
        messages.error(request, _("Kies een contactmoment van dit gezin en wat moet worden gecorrigeerd."))
        return {}
    return {"contact": contact.pk, "field": field, "text": getattr(contact, field)}


@require_GET
def figures(request):
    """How many requests, and how many decided within their term: for the officer, the board, the teamleiders."""
    user = request.user
    if user.is_bestuur:
        requests = PrivacyRequest.objects.all()
    else:
        require_register_user(request)
        requests = sel.requests_for_user(user=user)
    today = timezone.localdate()
    result = sel.register_figures(requests=requests, today=today, since=today - dt.timedelta(days=365))
    return render(request, "rights/figures.html", {"figures": result, "today": today})
