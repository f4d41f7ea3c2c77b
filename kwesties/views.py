"""Pages for kwesties: mine, the team's, the board's, patterns, raising one, and one kwestie."""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import OrgRole
from accounts.selectors import team_choice_for_user
from casework.access import families_writable_by
from casework.drafts.binding import draft_done, draft_state, show_as_typed
from casework.drafts.spec import DraftSpec
from casework.services import family_access_grant_record
from core.concurrency import StaleEdit, add_base_version, base_version_of, history_version
from core.views import apply_stale_edit, create_once
from privacy.services import access_log_page

from . import selectors, services
from .access import holds_level
from .forms import KwestieFilter, KwestieForm, OpenFamilyForm, StepForm, empty_filter_fields
from .listing import PAGE_PARAM, kwestie_page
from .prefill import agreement_initial as prefill_from_agreement
from .prefill import inzet_initial as prefill_from_inzet


def _list(request, queryset, *, title: str, template: str = "kwesties/list.html", extra=None):
    # The filter form posts: a search term typed into it (it may be a child's name) stays out of the URL,
    # and so out of proxy logs and browser history. A link may still filter by a status or level (GET).
    data = request.POST if request.method == "POST" else request.GET
    filterset = KwestieFilter(data or None, queryset=queryset)
    page = kwestie_page(filterset.qs, number=data.get(PAGE_PARAM))
    context = {
        "filter": filterset,
        "filter_fields": empty_filter_fields(filterset),
        "kwesties": page.object_list,
        "page": page,
        "title": title,
        **(extra or {}),
    }
    return render(request, template, context)


def my_kwesties(request):
    return _list(request, selectors.kwestie_list_mine(user=request.user), title=_("Mijn kwesties"))


def team_kwesties(request):
    team_id = request.GET.get("team") or request.POST.get("team")
    team, _teams = team_choice_for_user(user=request.user, team_id=team_id)
    queryset = selectors.kwestie_list_team(user=request.user, team_id=team.pk)
    return _list(request, queryset, title=_("Kwesties van %(team)s") % {"team": team}, extra={"team": team})


def board_kwesties(request):
    page = kwestie_page(selectors.kwestie_list_board(user=request.user), number=request.GET.get(PAGE_PARAM))
    return render(request, "kwesties/board.html", {"kwesties": page.object_list, "page": page})


def patterns(request):
    team_id = None
    if request.user.org_role != OrgRole.BESTUUR:
        team, _teams = team_choice_for_user(user=request.user, team_id=request.GET.get("team"))
        team_id = team.pk
    return render(request, "kwesties/patterns.html", selectors.kwestie_patterns(user=request.user, team_id=team_id))


def raise_kwestie(request):
    """Raising a kwestie, one click from a family's page with that family filled in."""
    families = families_writable_by(user=request.user).order_by("name")
    initial = {}
    if re.fullmatch(r"[0-9]{1,12}", request.GET.get("gezin", "")):
        initial["families"] = families.filter(pk=int(request.GET["gezin"]))
    prefilled_from = set()
    for prefill in (prefill_from_agreement, prefill_from_inzet):
        values, family_id = prefill(request, families=families)
        initial.update(values)
        prefilled_from |= {family_id} if family_id is not None else set()
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
    # The form names every family this user may pick, and a pre-fill shows one family's record: one log write.
    listed = families.values_list("pk", flat=True)
    access_log_page(request=request, what="kwestie inbrengen", viewed=prefilled_from, listed=listed)
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
    # The families shown by name are seen; the others are named by their number or told of in the kwestie's
    # own words (which may name a child), so every affected family is logged, in one write.
    affected = kwestie.families.values_list("pk", flat=True)
    access_log_page(request=request, what="kwestie", viewed=[f.pk for f in families], listed=affected)
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
