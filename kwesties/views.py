"""Pages for kwesties: mine, the team's, the board's, patterns, raising one, and one kwestie."""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import OrgRole
from accounts.selectors import team_choice_for_user
from casework.access import families_writable_by
from casework.drafts.binding import draft_done, draft_state, show_as_typed
from casework.drafts.spec import DraftSpec
from casework.models import Partner
from casework.partners.selectors import inzet_get_for_user
from casework.services import family_access_grant_record
from core.concurrency import StaleEdit, add_base_version, base_version_of, history_version
from core.views import apply_stale_edit, create_once
from privacy.models import Action
from privacy.services import access_log_record, access_log_record_many

from . import selectors, services
from .access import holds_level
from .forms import KwestieFilter, KwestieForm, OpenFamilyForm, StepForm


def _list(request, queryset, *, title: str, template: str = "kwesties/list.html", extra=None):
    filterset = KwestieFilter(request.GET or None, queryset=queryset)
    context = {"filter": filterset, "kwesties": filterset.qs, "title": title, **(extra or {})}
    return render(request, template, context)


def my_kwesties(request):
    return _list(request, selectors.kwestie_list_mine(user=request.user), title=_("Mijn kwesties"))


def team_kwesties(request):
    team, _teams = team_choice_for_user(user=request.user, team_id=request.GET.get("team"))
    queryset = selectors.kwestie_list_team(user=request.user, team_id=team.pk)
    return _list(request, queryset, title=_("Kwesties van %(team)s") % {"team": team}, extra={"team": team})


def board_kwesties(request):
    kwesties = selectors.kwestie_list_board(user=request.user)
    return render(request, "kwesties/board.html", {"kwesties": kwesties})


def patterns(request):
    team_id = None
    if request.user.org_role != OrgRole.BESTUUR:
        team, _teams = team_choice_for_user(user=request.user, team_id=request.GET.get("team"))
        team_id = team.pk
    return render(request, "kwesties/patterns.html", selectors.kwestie_patterns(user=request.user, team_id=team_id))


def _inzet_initial(request, *, families) -> dict:
    """Pre-fill from help a partner promised and did not start (`?gezin=<id>&inzet=<id>`).

    The inzet is read through the family access rule and must belong to a
    family this user may raise a kwestie about (`families`, the writable ones):
    the link is offered only there, and a read-only reader (an auditor) gets no
    family details outside the logged file pages. Showing it is access-logged.
    """
    gezin, inzet_id = request.GET.get("gezin", ""), request.GET.get("inzet", "")
    if request.method != "GET":
        return {}
    if not (re.fullmatch(r"[0-9]{1,12}", gezin) and re.fullmatch(r"[0-9]{1,12}", inzet_id)):
        return {}
    try:
        inzet = inzet_get_for_user(user=request.user, inzet_id=int(inzet_id))
    except Http404:
        return {}
    if inzet.family_id != int(gezin) or not families.filter(pk=inzet.family_id).exists():
        return {}
    access_log_record(
        user=request.user,
        family_id=inzet.family_id,
        action=Action.VIEW,
        what="inzet partner (kwestie inbrengen)",
        request=request,
    )
    values = {"what": inzet.description, "partner": inzet.partner}
    text = _("%(what)s door %(partner)s is toegezegd te starten op %(day)s en is niet gestart.") % {
        **values,
        "day": date_format(inzet.promised_start, "d-m-Y") if inzet.promised_start else "?",
    }
    if inzet.child_id:
        text += " " + _("Het gaat om %(child)s.") % {"child": inzet.child.first_name}
    initial = {
        "title": (_("%(what)s van %(partner)s niet gestart") % values)[:200],
        "kind": "partner",
        "partner": inzet.partner,
        "blocks": text,
    }
    if not inzet.partner.active:
        # The form lists active partners only; keep the name so the kwestie still says who it is about.
        initial.update(partner=None, partner_name=inzet.partner.name[:200])
    return initial


def raise_kwestie(request):
    """Raising a kwestie, one click from a family's page with that family filled in."""
    families = families_writable_by(user=request.user).order_by("name")
    initial = {}
    if re.fullmatch(r"[0-9]{1,12}", request.GET.get("gezin", "")):
        initial["families"] = families.filter(pk=int(request.GET["gezin"]))
    if request.GET.get("partner") or request.GET.get("afspraak"):
        initial["partner_name"] = request.GET.get("partner", "")[:200]
        initial["kind"] = "partner"
        if request.GET.get("afspraak"):
            agreed = request.GET["afspraak"][:300]
            initial["title"] = (_("Afspraak niet nagekomen: %(agreed)s") % {"agreed": agreed})[:200]
            promised = _("Afgesproken in het gezinsplan: %(agreed)s. Dit is niet gebeurd.")
            initial["blocks"] = promised % {"agreed": agreed}
    if re.fullmatch(r"[0-9]{1,12}", request.GET.get("partner_id", "")):
        # A registered partner needs no typed name: its record is the one chosen.
        partner = Partner.objects.filter(pk=int(request.GET["partner_id"]), active=True).first()
        if partner is not None:
            initial.update(partner=partner, partner_name="", kind="partner")
    initial.update(_inzet_initial(request, families=families))
    # One draft per author of a new kwestie; the families it may name are checked again when it is raised.
    spec = DraftSpec(form_key="kwestie", object_key="new", path=request.get_full_path())
    draft = draft_state(request=request, spec=spec)
    form = KwestieForm(request.POST or draft.data, families=families, initial=initial)
    if request.method == "POST":

        def create() -> str:
            kwestie = services.kwestie_raise(actor=request.user, **form.cleaned_data)
            draft_done(request=request, spec=spec)
            return reverse("kwesties:detail", kwargs={"kwestie_id": kwestie.pk})

        try:
            done = create_once(request, form, kind="kwestie", create=create, saved=_("De kwestie is ingebracht."))
        except PermissionDenied:
            form.add_error(None, _("Alleen teamleden brengen een kwestie in."))
        else:
            if done:
                return done
    if draft.restored:
        show_as_typed(form)
    return render(request, "kwesties/raise.html", {"form": form, "draft": draft})


STEPS = {
    "escalate": lambda actor, k, text, level, base: services.kwestie_escalate(
        actor=actor, kwestie=k, reason=text, expected_level=level, base_version=base
    ),
    "hand_back": lambda actor, k, text, level, base: services.kwestie_hand_back(
        actor=actor, kwestie=k, decision=text, expected_level=level, base_version=base
    ),
    "resolve": lambda actor, k, text, level, base: services.kwestie_resolve(
        actor=actor, kwestie=k, resolution=text, expected_level=level, base_version=base
    ),
    "close": lambda actor, k, text, level, base: services.kwestie_close(
        actor=actor, kwestie=k, reason=text, expected_level=level, base_version=base
    ),
    # A comment moves nothing: it is never stale.
    "comment": lambda actor, k, text, level, base: services.kwestie_comment(actor=actor, kwestie=k, text=text),
    "take_up": lambda actor, k, text, level, base: services.kwestie_take_up(actor=actor, kwestie=k, base_version=base),
}


@require_POST
def open_family(request, kwestie_id: int):
    """The board opens one affected family's file, with a recorded reason, for a day."""
    kwestie = selectors.kwestie_get_for_user(user=request.user, kwestie_id=kwestie_id)
    form = OpenFamilyForm(request.POST, families=selectors.kwestie_hidden_families(user=request.user, kwestie=kwestie))

    def create() -> str:
        family_access_grant_record(actor=request.user, **form.cleaned_data)
        return reverse("casework:family_detail", kwargs={"family_id": form.cleaned_data["family"].pk})

    def refused(error: ValidationError | PermissionDenied) -> None:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))

    try:
        done = create_once(request, form, kind="family_access_grant", create=create, saved="", on_refused=refused)
    except PermissionDenied as error:
        refused(error)
        return redirect("kwesties:detail", kwestie_id=kwestie.pk)
    if done is None and form.errors:
        messages.error(request, _("Kies een dossier en schrijf waarom u het wilt inzien."))
    return done or redirect("kwesties:detail", kwestie_id=kwestie.pk)


def detail(request, kwestie_id: int):
    kwestie = selectors.kwestie_get_for_user(user=request.user, kwestie_id=kwestie_id)
    form = StepForm(request.POST or None, initial={"level": kwestie.level})
    add_base_version(form, version=history_version(selectors.kwestie_state_events(kwestie=kwestie)))
    if request.method == "POST":

        def step() -> str:
            data = form.cleaned_data
            STEPS[data["step"]](request.user, kwestie, data["text"], data["level"] or None, base_version_of(form))
            return reverse("kwesties:detail", kwargs={"kwestie_id": kwestie.pk})

        def refused(error: ValidationError) -> None:
            if isinstance(error, StaleEdit):  # moved meanwhile: say by whom; the text stays for a second look
                apply_stale_edit(form, error)
                return
            for message in error.messages:
                form.add_error("text", message)

        try:
            # Every step (escalate, hand back, take up, resolve, close, comment) adds a history row: once per form.
            done = create_once(
                request,
                form,
                kind="kwestie_step",
                create=step,
                saved=_("Vastgelegd."),
                on_refused=refused,
                repeat_message=_("Vastgelegd."),
            )
        except PermissionDenied as error:
            form.add_error("step", str(error) or _("Dat kan niet op dit niveau."))
        else:
            if done:
                return done
    families, hidden = selectors.kwestie_families_for_user(user=request.user, kwestie=kwestie)
    access_log_record_many(
        user=request.user,
        family_ids=[f.pk for f in families],
        what="kwestie",
        action=Action.VIEW,
        request=request,
    )
    context = {
        "kwestie": kwestie,
        "history": selectors.kwestie_history(kwestie=kwestie),
        "families": families,
        "hidden_families": hidden,
        "openable": selectors.kwestie_hidden_families(user=request.user, kwestie=kwestie),
        "holds": holds_level(user=request.user, kwestie=kwestie) and not kwestie.is_done,
        "deadline": services.kwestie_deadline(kwestie=kwestie),
        "form": form,
    }
    return render(request, "kwesties/detail.html", context)
