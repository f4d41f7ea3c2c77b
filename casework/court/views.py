"""Pages for court work: the family's court page and the forms that record what the court did.

Thin: reads through the court selectors, writes through the court services.
Every form is sent once (`core.views.create_once`); a transition carries the
version it was opened on, so a repeat lands where the first did and a post
from an outdated page is refused with both versions shown.
"""

from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from casework import access, selectors
from casework.extensions import COURT_REQUEST_LINKS
from casework.views.helpers import render_family
from core.concurrency import VERSION_FIELD, base_version_of
from core.views import create_once

from . import selectors as sel
from . import services as svc
from .forms import (
    CourtRequestForm,
    HearingForm,
    HearingOutcomeForm,
    MeasureEndForm,
    MeasureExtendForm,
    MeasureOpenForm,
    RequestDecideForm,
    RequestSubmitForm,
    RequestWithdrawForm,
    RulingForm,
    StayAuthorisationForm,
    StayForm,
)
from .models import RequestKind


def court_url(family) -> str:
    return reverse("casework:court", kwargs={"family_id": family.pk})


def _request_links(*, request, family, user) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    for provider in COURT_REQUEST_LINKS:
        links.extend(provider(request=request, family=family, user=user))
    return links


@require_GET
def court_page(request, family_id: int):
    family = selectors.family_get_for_user(user=request.user, family_id=family_id)
    today = timezone.localdate()
    requests = list(sel.family_requests(family=family))
    for r in requests:
        r.links = _request_links(request=r, family=family, user=request.user)
    context = {
        "measures": sel.family_measures(family=family),
        "requests": requests,
        "rulings": list(sel.family_rulings(family=family)),
        "stays": sel.family_stays(family=family),
        "hearings": sel.family_hearings(family=family),
        "stay_problems": sel.stays_without_authorisation(families=[family.pk], today=today).get(family.pk, []),
        "endings": sel.measures_ending_without_request(families=[family.pk], today=today).get(family.pk, []),
        "can_write": access.can_write_file(user=request.user, family=family),
        "today": today,
    }
    return render_family(request, "casework/court.html", family=family, what="rechtbank", context=context)


def _form_page(
    request,
    *,
    family,
    form,
    kind: str,
    title: str,
    save,
    saved: str,
    intro: str = "",
    transition: bool = False,
    what: str = "",
) -> HttpResponse:
    """One court form: sent once, refusals beside their field, what was typed kept.

    `what` is the access log's text: fixed words, never the title, which may name a child.
    """
    if request.method == "POST":

        def create() -> str:
            data: dict[str, Any] = {k: v for k, v in form.cleaned_data.items() if k != VERSION_FIELD}
            save(data, base_version_of(form))
            return court_url(family)

        done = create_once(
            request, form, kind=kind, create=create, saved=saved, repeat_message=saved if transition else ""
        )
        if done:
            return done
    context = {"form": form, "title": title, "intro": intro}
    return render_family(
        request, "casework/court_form.html", family=family, what=what or f"rechtbank: {kind}", context=context
    )


def _writable(request, family_id: int):
    return selectors.family_get_for_user(user=request.user, family_id=family_id, write=True)


def ruling_create(request, family_id: int):
    family = _writable(request, family_id)
    form = RulingForm(request.POST or None)

    def save(data, _base):
        svc.ruling_record(actor=request.user, family=family, **data)

    return _form_page(
        request,
        family=family,
        form=form,
        kind="court_ruling",
        title=_("Beschikking vastleggen"),
        save=save,
        saved=_("De beschikking is vastgelegd."),
    )


def measure_open(request, family_id: int):
    family = _writable(request, family_id)
    form = MeasureOpenForm(request.POST or None, family=family)

    def save(data, _base):
        svc.measure_open(actor=request.user, family=family, **data)

    return _form_page(
        request,
        family=family,
        form=form,
        kind="court_measure",
        title=_("Maatregel vastleggen"),
        save=save,
        saved=_("De maatregel is vastgelegd."),
        intro=_("Met de eerste periode en de beschikking die haar toewijst. Een verlenging legt u later vast."),
    )


def measure_extend(request, family_id: int, measure_id: int):
    family = _writable(request, family_id)
    measure = sel.measure_of_family(family=family, measure_id=measure_id)
    form = MeasureExtendForm(request.POST or None, family=family, version=measure.version)

    def save(data, base):
        svc.measure_extend(actor=request.user, measure=measure, base_version=base, **data)

    return _form_page(
        request,
        family=family,
        form=form,
        kind="court_extend",
        title=_("%(measure)s verlengen") % {"measure": measure},
        save=save,
        saved=_("De verlenging is vastgelegd."),
        intro=_("De nieuwe periode begint de dag na %(end)s.")
        % {"end": f"{measure.end:%d-%m-%Y}" if measure.end else "-"},
        transition=True,
    )


def measure_end(request, family_id: int, measure_id: int):
    family = _writable(request, family_id)
    measure = sel.measure_of_family(family=family, measure_id=measure_id)
    form = MeasureEndForm(request.POST or None, version=measure.version)

    def save(data, base):
        svc.measure_end(
            actor=request.user,
            measure=measure,
            ended_on=data["ended_on"],
            reason=data["end_reason"],
            note=data["end_note"],
            base_version=base,
        )

    return _form_page(
        request,
        family=family,
        form=form,
        kind="court_measure_end",
        title=_("%(measure)s beëindigen") % {"measure": measure},
        save=save,
        saved=_("De maatregel is beëindigd."),
        transition=True,
    )


def request_create(request, family_id: int):
    family = _writable(request, family_id)
    initial: dict[str, Any] = {}
    if request.GET.get("soort") in RequestKind.values:
        initial["kind"] = request.GET["soort"]
    if request.GET.get("maatregel", "").isdecimal() and len(request.GET["maatregel"]) < 12:
        initial["measure"] = int(request.GET["maatregel"])
    form = CourtRequestForm(request.POST or None, family=family, initial=initial)

    def save(data, _base):
        svc.court_request_create(actor=request.user, family=family, **data)

    return _form_page(
        request,
        family=family,
        form=form,
        kind="court_request",
        title=_("Verzoek aan de rechtbank voorbereiden"),
        save=save,
        saved=_("Het verzoek is vastgelegd."),
    )


def _request_transition(request, family_id: int, request_id: int, *, form_class, kind, title, saved, service):
    family = _writable(request, family_id)
    court_request = sel.court_request_get(family=family, request_id=request_id)
    extra = {"family": family} if form_class is RequestDecideForm else {}
    form = form_class(request.POST or None, version=court_request.version, **extra)

    def save(data, base):
        service(actor=request.user, request=court_request, base_version=base, **data)

    return _form_page(
        request,
        family=family,
        form=form,
        kind=kind,
        title=title % {"request": court_request},
        save=save,
        saved=saved,
        transition=True,
    )


def request_submit(request, family_id: int, request_id: int):
    return _request_transition(
        request,
        family_id,
        request_id,
        form_class=RequestSubmitForm,
        kind="court_request_submit",
        title=_("Indienen: %(request)s"),
        saved=_("Het verzoek staat als ingediend."),
        service=svc.court_request_submit,
    )


def request_decide(request, family_id: int, request_id: int):
    return _request_transition(
        request,
        family_id,
        request_id,
        form_class=RequestDecideForm,
        kind="court_request_decide",
        title=_("Beslissing van de rechtbank: %(request)s"),
        saved=_("De beslissing is vastgelegd."),
        service=svc.court_request_decide,
    )


def request_withdraw(request, family_id: int, request_id: int):
    return _request_transition(
        request,
        family_id,
        request_id,
        form_class=RequestWithdrawForm,
        kind="court_request_withdraw",
        title=_("Intrekken: %(request)s"),
        saved=_("Het verzoek is ingetrokken."),
        service=svc.court_request_withdraw,
    )


def stay_create(request, family_id: int):
    family = _writable(request, family_id)
    form = StayForm(request.POST or None, family=family)

    def save(data, _base):
        svc.stay_record(actor=request.user, family=family, **data)

    return _form_page(
        request,
        family=family,
        form=form,
        kind="court_stay",
        title=_("Verblijf vastleggen"),
        save=save,
        saved=_("Het verblijf is vastgelegd."),
        intro=_("Een nieuw verblijf beëindigt het vorige verblijf van het kind de dag ervoor."),
    )


def stay_authorisation(request, family_id: int, stay_id: int):
    family = _writable(request, family_id)
    stay = sel.stay_of_family(family=family, stay_id=stay_id)
    form = StayAuthorisationForm(request.POST or None, family=family, version=stay.version)

    def save(data, base):
        svc.stay_set_authorisation(actor=request.user, stay=stay, base_version=base, **data)

    return _form_page(
        request,
        family=family,
        form=form,
        kind="court_stay_authorisation",
        title=_("Grondslag van het verblijf: %(stay)s") % {"stay": stay},
        save=save,
        saved=_("De grondslag is vastgelegd."),
        transition=True,
    )


def hearing_create(request, family_id: int):
    family = _writable(request, family_id)
    initial = {}
    if request.GET.get("verzoek", "").isdecimal() and len(request.GET["verzoek"]) < 12:
        initial["request"] = int(request.GET["verzoek"])
    form = HearingForm(request.POST or None, family=family, initial=initial)

    def save(data, _base):
        svc.hearing_plan(actor=request.user, family=family, **data)

    return _form_page(
        request,
        family=family,
        form=form,
        kind="court_hearing",
        title=_("Zitting vastleggen"),
        save=save,
        saved=_("De zitting staat in de agenda."),
    )


def hearing_edit(request, family_id: int, hearing_id: int):
    family = _writable(request, family_id)
    hearing = sel.hearing_of_family(family=family, hearing_id=hearing_id)
    initial = {
        "starts_at": timezone.localtime(hearing.starts_at),
        "court": hearing.court,
        "location": hearing.location,
        "invited_others": hearing.invited_others,
        "invited_members": list(hearing.invited_members.all()),
    }
    form = HearingForm(request.POST or None, family=family, version=hearing.version, with_kind=False, initial=initial)

    def save(data, base):
        svc.hearing_change(actor=request.user, hearing=hearing, base_version=base, **data)

    return _form_page(
        request,
        family=family,
        form=form,
        kind="court_hearing_edit",
        title=_("Zitting wijzigen: %(hearing)s") % {"hearing": hearing},
        save=save,
        saved=_("De zitting is gewijzigd."),
        transition=True,
    )


def hearing_outcome(request, family_id: int, hearing_id: int):
    family = _writable(request, family_id)
    hearing = sel.hearing_of_family(family=family, hearing_id=hearing_id)
    form = HearingOutcomeForm(request.POST or None, family=family, version=hearing.version)

    def save(data, base):
        svc.hearing_record_outcome(actor=request.user, hearing=hearing, base_version=base, **data)

    return _form_page(
        request,
        family=family,
        form=form,
        kind="court_hearing_outcome",
        title=_("Uitkomst van de zitting: %(hearing)s") % {"hearing": hearing},
        save=save,
        saved=_("De uitkomst van de zitting is vastgelegd."),
        intro=_("Een zitting die niet doorgaat: kies 'ingetrokken'."),
        transition=True,
    )
