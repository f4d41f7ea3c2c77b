"""Pages of the team session: list, planning, preparing the agenda, the session, minutes, print.

Thin: reads through `selectors` (access-checked), writes through `services`.
Every page that shows families logs that it showed them.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.selectors import team_choice_for_user
from casework.drafts.binding import draft_done, draft_state, show_as_typed
from casework.drafts.spec import DraftSpec
from core.concurrency import VERSION_FIELD, add_base_version, base_version_of
from core.views import apply_service_errors, create_once
from privacy.models import Action
from privacy.services import access_log_page, access_log_record_many

from ..models import SessionKind
from . import access, agenda, services
from . import selectors as sel
from .forms import (
    ActionFormSet,
    ApprovalForm,
    CandidateForm,
    DecisionForm,
    DiscussionAddForm,
    KernvragenForm,
    PreparationForm,
    SessionCreateForm,
)
from .forms import SessionForm as SessionEditForm


def _team_for(request):
    return team_choice_for_user(user=request.user, team_id=request.GET.get("team") or request.POST.get("team"))


def _log_families(request, discussions, what: str, action: str = Action.VIEW) -> None:
    access_log_record_many(
        user=request.user, family_ids=[d.family_id for d in discussions], what=what, action=action, request=request
    )


def _annotate_decisions(session, discussions, *, user) -> None:
    """Whether each decision is final, and in which roles this user may still agree (no query per row)."""
    roles = getattr(session, "viewer_roles", None)
    if roles is None:
        roles = access.team_role_set(user=user, team_id=session.team_id)
    for d in discussions:
        decision = getattr(d, "decision", None)
        d.is_final = decision is None or sel.decision_is_final(decision=decision)
        d.my_roles = sel.decision_approval_roles(user=user, decision=decision, roles=roles) if decision else []


def session_list(request):
    team, teams = _team_for(request)
    sessions = sel.session_list_for_user(user=request.user, team_id=team.pk)
    context = {
        "team": team,
        "teams": teams,
        "sessions": sessions,
        "can_create": access.can_create_session(user=request.user, team_id=team.pk),
    }
    return render(request, "teams/session_list.html", context)


def session_create(request):
    team, _teams = _team_for(request)
    if not access.can_create_session(user=request.user, team_id=team.pk):
        raise PermissionDenied(_("Alleen de teamleider plant een teamsessie."))
    form = SessionCreateForm(request.POST or None)
    if request.method == "POST":

        def create() -> str:
            session = services.session_create(actor=request.user, team=team, **form.cleaned_data)
            return reverse("teams:session_prepare", kwargs={"session_id": session.pk})

        saved = _("De sessie is gepland. Stel nu de agenda op.")
        done = create_once(request, form, kind="team_session", create=create, saved=saved)
        if done:
            return done
    return render(request, "teams/session_create.html", {"form": form, "team": team})


def session_prepare(request, session_id: int):
    """Prepare the agenda: leading roles, attendees, supervision, the families to discuss."""
    session = sel.session_get_for_user(user=request.user, session_id=session_id, edit=True)
    members = sel.session_team_members(session=session)
    families = sel.session_family_choices(session=session, user=request.user)
    edit_form = SessionEditForm(instance=session, members=members, prefix="sessie")
    add_form = DiscussionAddForm(families=families, prefix="casus")
    if request.method == "POST" and "sessie-starts_at" in request.POST:
        edit_form = SessionEditForm(request.POST, instance=session, members=members, prefix="sessie")
        add_base_version(edit_form, version=session.version)
        if edit_form.is_valid():
            data = {k: v for k, v in edit_form.cleaned_data.items() if k not in ("attendees", VERSION_FIELD)}
            try:
                services.session_update(
                    actor=request.user,
                    session=session,
                    data=data,
                    attendees=edit_form.cleaned_data["attendees"],
                    base_version=base_version_of(edit_form),
                )
            except ValidationError as error:
                apply_service_errors(edit_form, error)
            else:
                messages.success(request, _("De sessie is bijgewerkt."))
                return redirect("teams:session_prepare", session_id=session.pk)
    elif request.method == "POST":
        add_form = DiscussionAddForm(request.POST, families=families, prefix="casus")

        def add() -> str:
            services.discussion_add(actor=request.user, session=session, **add_form.cleaned_data)
            return reverse("teams:session_prepare", kwargs={"session_id": session.pk})

        saved = _("Het gezin staat op de agenda.")
        done = create_once(request, add_form, kind="case_discussion", create=add, saved=saved)
        if done:
            return done
    if not edit_form.is_bound:
        add_base_version(edit_form, version=session.version)
    discussions = sel.session_discussions(session=session)
    candidates = sel.session_candidates(session=session, user=request.user, exclude={d.family_id for d in discussions})
    # The agenda's families are seen; the picker and the candidates name the team's other families: one write.
    listed = [*families.values_list("pk", flat=True), *(row.family.pk for row in candidates)]
    access_log_page(request=request, what="agenda teamsessie", viewed=[d.family_id for d in discussions], listed=listed)
    context = {
        "session": session,
        "edit_form": edit_form,
        "add_form": add_form,
        "discussions": discussions,
        "candidates": candidates,
    }
    return render(request, "teams/session_prepare.html", context)


@require_POST
def session_add_candidate(request, session_id: int):
    """One click from the candidate list: the family on the agenda, with why it was signalled."""
    session = sel.session_get_for_user(user=request.user, session_id=session_id, edit=True)
    form = CandidateForm(request.POST)
    choices = sel.session_family_choices(session=session, user=request.user)

    def add() -> str:
        family = choices.filter(pk=form.cleaned_data["family"]).first()
        if family is None:
            raise ValidationError(_("Dit gezin kan niet (meer) op de agenda."))
        question = _("Signalen: %(why)s. Wat is nodig?") % {"why": form.cleaned_data["why"]}
        services.discussion_add(actor=request.user, session=session, family=family, question=question)
        messages.success(request, _("%(family)s staat op de agenda.") % {"family": family.name})
        return reverse("teams:session_prepare", kwargs={"session_id": session.pk})

    def refused(error: ValidationError) -> None:
        messages.error(request, " ".join(error.messages))

    done = create_once(request, form, kind="case_discussion", create=add, saved="", on_refused=refused)
    if done is None and not form.is_valid():
        messages.error(request, _("Dit gezin kan niet (meer) op de agenda."))
    return done or redirect("teams:session_prepare", session_id=session.pk)


def session_detail(request, session_id: int):
    """The session itself, as the team works through it on a laptop."""
    session = sel.session_get_for_user(user=request.user, session_id=session_id)
    discussions = sel.session_discussions(session=session)
    _log_families(request, discussions, "teamsessie")
    context = {
        "session": session,
        "discussions": discussions,
        "can_edit": access.can_edit_session(
            user=request.user, session=session, roles=getattr(session, "viewer_roles", None)
        ),
        "standing_items": agenda.standing_items(session=session, user=request.user),
    }
    _annotate_decisions(session, discussions, user=request.user)
    return render(request, "teams/session_detail.html", context)


def discussion_prepare(request, session_id: int, discussion_id: int):
    """The presenter writes the casenote or points to a recording, before the session."""
    session = sel.session_get_for_user(user=request.user, session_id=session_id)
    discussion = sel.discussion_get(session=session, discussion_id=discussion_id)
    if not services.discussion_can_prepare(user=request.user, discussion=discussion):
        raise PermissionDenied(_("Alleen wie de casus inbrengt en de voorzitters kunnen dit wijzigen."))
    spec = _discussion_spec(request, "casenote", discussion)
    draft = draft_state(request=request, spec=spec)
    form = PreparationForm(request.POST or draft.data, instance=discussion)
    add_base_version(form, version=discussion.version)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != VERSION_FIELD}
        try:
            services.discussion_prepare(
                actor=request.user, discussion=discussion, data=data, base_version=base_version_of(form)
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            draft_done(request=request, spec=spec)
            messages.success(request, _("De inbreng is opgeslagen."))
            return redirect("teams:session_detail", session_id=session.pk)
    if draft.restored:
        show_as_typed(form)
    _log_families(request, [discussion], "casusinbreng")
    context = {"session": session, "discussion": discussion, "form": form, "draft": draft}
    return render(request, "teams/discussion_prepare.html", context)


def _discussion_spec(request, form_key: str, discussion) -> DraftSpec:
    """A draft about a family discussed in a session: its author must still read that family."""
    return DraftSpec.for_family(
        form_key=form_key,
        family_id=discussion.family_id,
        path=request.path,
        access="read",
        object_key=f"discussion:{discussion.pk}",
    )


def discussion_discuss(request, session_id: int, discussion_id: int):
    """During the session: the kernvragen, the decision and who does what."""
    session = sel.session_get_for_user(user=request.user, session_id=session_id, edit=True)
    discussion = sel.discussion_get(session=session, discussion_id=discussion_id)
    members = sel.session_team_members(session=session)
    answers = KernvragenForm(instance=discussion, prefix="kern")
    decision_form = DecisionForm(prefix="besluit")
    actions = ActionFormSet(prefix="actie", members=members)
    has_decision = hasattr(discussion, "decision")
    spec = _discussion_spec(request, "kernvragen", discussion)
    draft = draft_state(request=request, spec=spec)
    if draft.restored:
        answers = KernvragenForm(draft.data, instance=discussion, prefix="kern")
        if not has_decision:
            decision_form = DecisionForm(draft.data, prefix="besluit")
            actions = ActionFormSet(draft.data, prefix="actie", members=members)
        show_as_typed(answers, decision_form, actions)
    if request.method == "POST":
        answers = KernvragenForm(request.POST, instance=discussion, prefix="kern")
        # A decision typed on a page opened before someone else recorded one is not dropped: the stale
        # check refuses the whole post and the page shows both; a resend of the same form leads to the
        # first result (the decision is a create, once per form).
        wants_decision = "besluit" in request.POST
        if wants_decision:
            decision_form = DecisionForm(request.POST, prefix="besluit")
            actions = ActionFormSet(request.POST, prefix="actie", members=members)
        add_base_version(answers, version=discussion.answers_version)
        done = None
        if wants_decision:
            # The answers are saved with the decision or not at all.
            def decide() -> str:
                _answer_and_decide(request, discussion, answers, decision_form, actions, wants_decision)
                draft_done(request=request, spec=spec)
                return reverse("teams:session_detail", kwargs={"session_id": session.pk})

            def valid() -> bool:
                return all([answers.is_valid(), actions.is_valid()])

            def refused(error: ValidationError) -> None:  # the base version is the answers' (kernvragen) form's
                apply_service_errors(answers, error)

            done = create_once(
                request,
                decision_form,
                kind="decision",
                create=decide,
                saved=_("Vastgelegd."),
                valid=valid,
                on_refused=refused,
            )
        elif answers.is_valid():
            try:
                with transaction.atomic():
                    _answer_and_decide(request, discussion, answers, decision_form, actions, wants_decision)
            except ValidationError as error:
                apply_service_errors(answers, error)
            else:
                draft_done(request=request, spec=spec)
                messages.success(request, _("Vastgelegd."))
                done = redirect("teams:session_detail", session_id=session.pk)
        if done:
            return done
    else:
        add_base_version(answers, version=discussion.answers_version)
    _log_families(request, [discussion], "casusbespreking")
    context = {
        "session": session,
        "discussion": discussion,
        "answers": answers,
        "decision_form": decision_form,
        "actions": actions,
        "has_decision": has_decision,
        "complex": session.kind == SessionKind.COMPLEX,
        "draft": draft,
    }
    return render(request, "teams/discussion_discuss.html", context)


def _answer_and_decide(request, discussion, answers, decision_form, actions, wants_decision: bool) -> None:
    data = {k: v for k, v in answers.cleaned_data.items() if k != VERSION_FIELD}
    base = base_version_of(answers)
    answered = services.discussion_answer(actor=request.user, discussion=discussion, data=data, base_version=base)
    if wants_decision:
        services.decision_record(
            actor=request.user,
            discussion=discussion,
            base_version=answered.answers_version,  # the answers just saved are this version (same transaction)
            text=decision_form.cleaned_data["text"],
            heavy=decision_form.cleaned_data["heavy"] or "",
            actions=[f.cleaned_data for f in actions.forms if f.cleaned_data],
        )


def session_minutes(request, session_id: int):
    session = sel.session_get_for_user(user=request.user, session_id=session_id)
    discussions = sel.session_discussions(session=session)
    _log_families(request, discussions, "verslag teamsessie")
    context = {
        "session": session,
        "discussions": discussions,
        "attendees": list(session.attendees.all()),
    }
    _annotate_decisions(session, discussions, user=request.user)
    return render(request, "teams/session_minutes.html", context)


def session_agenda_print(request, session_id: int):
    session = sel.session_get_for_user(user=request.user, session_id=session_id)
    discussions = sel.session_discussions(session=session)
    _log_families(request, discussions, "agenda teamsessie", action=Action.PRINT)
    context = {"session": session, "discussions": discussions, "attendees": list(session.attendees.all())}
    return render(request, "teams/session_agenda_print.html", context)


@require_POST
def decision_approve(request, decision_id: int):
    decision = sel.decision_get_for_user(user=request.user, decision_id=decision_id)
    form = ApprovalForm(request.POST)
    back = reverse("teams:session_detail", kwargs={"session_id": decision.discussion.session_id})

    def create() -> str:
        services.decision_approve(actor=request.user, decision=decision, **form.cleaned_data)
        return back

    def refused(error: ValidationError) -> None:
        messages.error(request, " ".join(error.messages))

    saved = _("Uw instemming is vastgelegd.")
    done = create_once(
        request, form, kind="decision_approval", create=create, saved=saved, on_refused=refused, repeat_message=saved
    )
    if done is None and form.errors:
        messages.error(request, _("Kies een rol; een toelichting is hooguit 300 tekens."))
    return done or redirect(back)


@require_POST
def action_complete(request, action_id: int):
    action = sel.action_get_for_user(user=request.user, action_id=action_id)
    services.action_complete(actor=request.user, action=action)
    messages.success(request, _("De actie is afgerond."))
    if request.POST.get("terug") == "gezinnen":
        return redirect("casework:my_families")
    return redirect("teams:session_detail", session_id=action.decision.discussion.session_id)
