"""Session expiry never drops a post: a form sent after the session expired waits for its author.

`LoginRequiredMiddleware` would send such a post to the log-in page and drop
it. This middleware, just before it, keeps the post on the server instead, but
only when it is certain who wrote it: the form's signed draft spec (`_draft`)
names the user it was made for, and a signed cookie names the user last
logged in in this browser; both must agree. The CSRF check has already passed
by then (the CSRF cookie outlives the session, CSRF_USE_SESSIONS is off), so
no other site can plant a post here. The kept post is found again only through
a signed cookie (never the URL); when that same user logs in, it becomes their
draft of that form and the log-in sends them back to it, filled in. Anyone
else logging in discards it.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import user_logged_in, user_logged_out
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from accounts.models import User

from . import services
from .spec import TOKEN_FIELD, spec_unsign

LAST_USER_COOKIE = "gg_last_user"
KEPT_COOKIE = "gg_kept_post"
_SALT = "casework.drafts.recovery"


def _cookie_options() -> dict:
    return {
        "salt": _SALT,
        "httponly": True,
        "samesite": "Lax",
        "secure": settings.SESSION_COOKIE_SECURE,
    }


def _last_user(request: HttpRequest) -> User | None:
    user_id = request.get_signed_cookie(LAST_USER_COOKIE, default=None, salt=_SALT)
    if not user_id or not str(user_id).isdigit():
        return None
    return User.objects.filter(pk=int(user_id), is_active=True).first()


class KeepExpiredPostMiddleware:
    """Keep a post that arrives after its session expired; remember who was last logged in here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        options = _cookie_options()
        kept_id = getattr(request, "_kept_post_id", None)
        if kept_id is not None:
            response.set_signed_cookie(KEPT_COOKIE, str(kept_id), max_age=settings.KEPT_POST_HOURS * 3600, **options)
        elif getattr(request, "_kept_post_done", False):
            response.delete_cookie(KEPT_COOKIE, samesite="Lax")
        if getattr(request, "_logged_out", False):
            response.delete_cookie(LAST_USER_COOKIE, samesite="Lax")
        elif request.user.is_authenticated:
            seen = request.get_signed_cookie(LAST_USER_COOKIE, default=None, salt=_SALT)
            if seen != str(request.user.pk):
                # A browser-session cookie, like the session's own: closing the browser forgets it.
                response.set_signed_cookie(LAST_USER_COOKIE, str(request.user.pk), **options)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        if request.method != "POST" or request.user.is_authenticated:
            return None
        if not getattr(view_func, "login_required", True):
            return None  # the log-in page itself, the autosave endpoint (which answers 401)
        user = _last_user(request)
        token = request.POST.get(TOKEN_FIELD, "")
        spec = spec_unsign(token=token, user=user) if user is not None and token else None
        if user is None or spec is None:
            return None  # whose post this is is not certain: LoginRequiredMiddleware sends it to the log-in
        try:
            data = services.draft_data_from_post(request.POST)
        except ValidationError:  # too large to keep: the autosaved draft is what remains
            return None
        request._kept_post_id = services.kept_post_keep(  # type: ignore[attr-defined]
            user=user, path=spec.path, data={**data, TOKEN_FIELD: [token]}
        ).pk
        messages.warning(
            request,
            _("Uw sessie was verlopen. Log opnieuw in: wat u verstuurde is bewaard en staat daarna weer klaar."),
        )
        return redirect_to_login(spec.path)


@receiver(user_logged_in, dispatch_uid="casework.drafts.claim_kept_post")
def claim_kept_post(sender, request: HttpRequest | None, user: User, **kwargs) -> None:
    """After a log-in: the kept post becomes this user's draft if they wrote it, else it is discarded."""
    if request is None:
        return
    try:
        kept_id = request.get_signed_cookie(KEPT_COOKIE, default=None, salt=_SALT)
    except signing.BadSignature:
        kept_id = None
    if not kept_id:
        return
    request._kept_post_done = True  # type: ignore[attr-defined]
    if services.kept_post_claim(kept_id=kept_id, user=user):
        messages.info(request, _("Wat u na het verlopen van uw sessie verstuurde, staat weer in het formulier."))


@receiver(user_logged_out, dispatch_uid="casework.drafts.forget_last_user")
def forget_last_user(sender, request: HttpRequest | None, **kwargs) -> None:
    """Logging out on purpose: no post from this browser is kept for that user any more."""
    if request is not None:
        request._logged_out = True  # type: ignore[attr-defined]
