"""Pages for a worker and their senior: my reflections, the senior's overview, the form, one reflection.

Every page reaches a reflection through selectors.reflection_get_for_user, so
anyone who is not the worker or their senior gets 404.
"""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework.drafts.binding import draft_done, draft_state, show_as_typed
from casework.drafts.spec import DraftSpec
from core.concurrency import add_base_version, base_version_of, history_version
from core.idempotency import OnceForm
from core.views import apply_service_errors, create_once
from reflection import selectors, services
from reflection.forms import AddendumForm, ReflectionCreateForm, ReflectionForm, WorkerReflectionForm


def mine(request):
    reflections = selectors.reflection_list_mine(user=request.user)
    is_senior = selectors.senior_team_ids(user=request.user).exists()
    return render(request, "reflection/mine.html", {"reflections": reflections, "is_senior": is_senior})


def senior_overview(request):
    workers = selectors.reflection_workers_of_senior(user=request.user)
    due_before = timezone.localdate() - dt.timedelta(days=selectors.interval_days())
    context = {
        "workers": workers,
        "due_before": due_before,
        "held": selectors.reflection_list_held(user=request.user),
    }
    return render(request, "reflection/senior.html", context)


def _submit(request, form, call):
    """Run a service from the senior's form; returns the reflection, or None with the errors on the form."""
    complete = "afronden" in request.POST
    try:
        return call(complete=complete, **form.service_kwargs())
    except ValidationError as error:
        apply_service_errors(form, error)
    except PermissionDenied as error:
        form.add_error(None, str(error))
    return None


def new(request, worker_id: int):
    # Only a senior of the worker's team, and only with a gezinsmanager of it; anyone else: 404.
    membership = selectors.reflection_workers_of_senior(user=request.user).filter(user_id=worker_id).first()
    if membership is None:
        raise Http404("Geen gezinsmanager van uw team")
    worker = membership.user
    version = selectors.checklist_version_current()
    if version is None:
        messages.error(request, _("Er is nog geen checklist in gebruik; vraag functioneel beheer die klaar te zetten."))
        return redirect("reflection:senior")
    items = selectors.checklist_items(version=version)
    # No family in a reflection: the page's own check (the worker's senior) guards the draft.
    spec = DraftSpec(form_key="reflection", object_key=f"worker:{worker.pk}", path=request.path)
    draft = draft_state(request=request, spec=spec)
    form = ReflectionCreateForm(request.POST or draft.data, items=items, initial={"held_on": timezone.localdate()})
    if request.method == "POST":

        def create() -> str:
            complete = "afronden" in request.POST
            reflection = services.reflection_create(
                actor=request.user, worker=worker, complete=complete, **form.service_kwargs()
            )
            draft_done(request=request, spec=spec)
            messages.success(request, _("De reflectie is afgerond.") if reflection.is_done else _("Opgeslagen."))
            return reverse("reflection:detail", kwargs={"reflection_id": reflection.pk})

        try:
            done = create_once(request, form, kind="reflection", create=create, saved="")
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            if done:
                return done
    if draft.restored:
        show_as_typed(form)
    context = {"form": form, "worker": worker, "version": version, "draft": draft}
    return render(request, "reflection/form.html", context)


def edit(request, reflection_id: int):
    reflection = selectors.reflection_get_for_user(user=request.user, reflection_id=reflection_id, write=True)
    if reflection.senior_id != request.user.pk or reflection.is_done:
        raise Http404("Niet te bewerken")
    items = selectors.checklist_items(version=reflection.version)
    initial = ReflectionForm.initial_for(reflection, selectors.reflection_ratings(reflection=reflection))
    spec = DraftSpec(form_key="reflection", object_key=f"reflection:{reflection.pk}", path=request.path)
    draft = draft_state(request=request, spec=spec)
    form = ReflectionForm(request.POST or draft.data, items=items, initial=initial)
    add_base_version(form, version=reflection.edit_version)
    if request.method == "POST" and form.is_valid():
        base = base_version_of(form)
        call = lambda **kw: services.reflection_update(  # noqa: E731
            actor=request.user, reflection=reflection, base_version=base, **kw
        )
        if _submit(request, form, call) is not None:
            draft_done(request=request, spec=spec)
            messages.success(
                request, _("De reflectie is afgerond.") if "afronden" in request.POST else _("Opgeslagen.")
            )
            return redirect("reflection:detail", reflection_id=reflection.pk)
    if draft.restored:
        show_as_typed(form)
    context = {
        "form": form,
        "worker": reflection.worker,
        "version": reflection.version,
        "reflection": reflection,
        "draft": draft,
    }
    return render(request, "reflection/form.html", context)


def detail(request, reflection_id: int):
    reflection = selectors.reflection_get_for_user(user=request.user, reflection_id=reflection_id)
    is_worker = reflection.worker_id == request.user.pk
    is_holder = reflection.senior_id == request.user.pk
    own_form = addendum_form = None
    own_version = history_version(selectors.worker_reflection_events(reflection=reflection))
    if is_worker and not reflection.is_done:
        own_form = WorkerReflectionForm(initial={"worker_reflection": reflection.worker_reflection})
        add_base_version(own_form, version=own_version)
    if reflection.is_done and (is_worker or is_holder):
        addendum_form = AddendumForm()
    if request.method == "POST":
        if own_form is not None and "eigen_reflectie" in request.POST:
            own_form = WorkerReflectionForm(request.POST)
            add_base_version(own_form, version=own_version)
            done = _reflect(request, own_form, reflection)
            if done:
                return done
        elif is_worker and "eigen_reflectie" in request.POST:
            # The senior completed it while the worker was writing: keep the text, offered as an addendum.
            typed = request.POST.get("worker_reflection", "")
            addendum_form = AddendumForm(initial={"text": typed})
            messages.warning(
                request,
                _("De reflectie is intussen afgerond. Uw tekst staat hieronder klaar om als aanvulling toe te voegen."),
            )
        elif addendum_form is not None and "aanvulling" in request.POST:
            addendum_form = AddendumForm(request.POST)
            done = _add_addendum(request, addendum_form, reflection)
            if done:
                return done
        else:
            raise Http404
    context = {
        "reflection": reflection,
        "ratings": selectors.reflection_ratings(reflection=reflection),
        "history": selectors.reflection_history(reflection=reflection),
        "is_worker": is_worker,
        "is_holder": is_holder,
        "own_form": own_form,
        "addendum_form": addendum_form,
    }
    return render(request, "reflection/detail.html", context)


def _add_addendum(request, form, reflection):
    """An addendum to a finished reflection: a create, once per form."""

    def create() -> str:
        services.reflection_add_addendum(actor=request.user, reflection=reflection, text=form.cleaned_data["text"])
        return reverse("reflection:detail", kwargs={"reflection_id": reflection.pk})

    def refused(error) -> None:
        form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))

    try:
        return create_once(
            request, form, kind="reflection_addendum", create=create, saved=_("Vastgelegd."), on_refused=refused
        )
    except PermissionDenied as error:
        refused(error)
        return None


def _reflect(request, form, reflection):
    """The worker's own reflection: once per form, refused with both texts when saved elsewhere meanwhile."""

    def save() -> str:
        services.reflection_worker_reflect(
            actor=request.user,
            reflection=reflection,
            text=form.cleaned_data["worker_reflection"],
            base_version=base_version_of(form),
        )
        return reverse("reflection:detail", kwargs={"reflection_id": reflection.pk})

    try:
        return create_once(
            request,
            form,
            kind="worker_reflection",
            create=save,
            saved=_("Vastgelegd."),
            repeat_message=_("Vastgelegd."),
        )
    except PermissionDenied as error:
        form.add_error(None, str(error))
        return None


@require_POST
def share(request):
    """The worker lets their current senior(s) read their earlier reflections (once per click)."""
    form = OnceForm(request.POST)
    said = {}

    def share_now() -> str:
        count = services.reflection_share_with_current_seniors(
            actor=request.user, reflections=selectors.reflection_list_mine(user=request.user)
        )
        said["text"] = (
            _("Uw huidige senior kan uw eerdere reflecties nu lezen.") if count else _("Er was niets nieuws te delen.")
        )
        return reverse("reflection:mine")

    # A repeat of the click that shared says what the first said (sharing twice shares nothing new).
    shared = _("Uw huidige senior kan uw eerdere reflecties nu lezen.")
    done = create_once(request, form, kind="reflection_share", create=share_now, saved="", repeat_message=shared)
    if done is not None and said:
        messages.success(request, said["text"])
    elif done is None:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return done or redirect("reflection:mine")
