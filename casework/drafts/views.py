"""The autosave and discard endpoints the form pages post to.

Both trust only the signed spec in the post (`_draft`), made by the form's
page for this user; the access path is checked again on every save.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User

from . import services
from .spec import TOKEN_FIELD, DraftSpec, spec_unsign


def _spec_from_post(request: HttpRequest) -> DraftSpec:
    assert isinstance(request.user, User)
    spec = spec_unsign(token=request.POST.get(TOKEN_FIELD, ""), user=request.user)
    if spec is None:
        raise PermissionDenied(_("Dit concept hoort niet bij u."))
    return spec


# Not behind the log-in redirect: a script posting after the session expired must hear 401, not get the log-in page.
@login_not_required
@require_POST
def draft_save(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("Uw sessie is verlopen.")}, status=401)
    spec = _spec_from_post(request)
    assert isinstance(request.user, User)
    try:
        draft = services.draft_save(author=request.user, spec=spec, data=services.draft_data_from_post(request.POST))
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=413)
    saved_at = formats.time_format(timezone.localtime(draft.updated_at), "H:i")
    return JsonResponse({"saved_at": saved_at, "message": _("Concept opgeslagen om %(time)s") % {"time": saved_at}})


@require_POST
def draft_discard(request: HttpRequest) -> HttpResponse:
    """The "Concept weggooien" button: drop the draft and open the form afresh."""
    spec = _spec_from_post(request)
    assert isinstance(request.user, User)
    services.draft_discard(author=request.user, spec=spec)
    messages.success(request, _("Concept weggegooid."))
    if not url_has_allowed_host_and_scheme(spec.path, allowed_hosts={request.get_host()}):
        return redirect("home")
    return redirect(spec.path)
