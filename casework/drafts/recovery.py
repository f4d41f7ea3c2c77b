"""Session expiry and a lost CSRF cookie never drop a post: a form sent then waits for its author.

`LoginRequiredMiddleware` would send a post after the session expired to the
log-in page and drop it; Django's CSRF check would answer a post without its
cookie with a bare 403. Instead the post is kept on the server, for every
form, but only when it is certain enough who wrote it: a signed cookie names
the user last logged in in this browser (or the session still does), and a
form with drafts also carries its signed spec (`_draft`), which must name that
same user. A post after expiry has passed the CSRF check (the CSRF cookie
outlives the session), and one refused by it is kept only when the browser
says it came from this site (`Origin`), so no other site can plant text in a
form here. The kept post is found again only through a signed cookie (never
the URL).

It is given back on the first page after the log-in has completed (after any
second step of it), never inside the log-in view: on the GET of the page it
was sent from, a form with drafts gets it as its author's draft (restored on
the server, with the draft notice), any other form gets its fields back
through `static/js/kept.js`. Anyone else logging in here discards it.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import user_logged_out
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from accounts.models import User

from . import services
from .models import KeptPost
from .spec import TOKEN_FIELD, spec_unsign

LAST_USER_COOKIE = "gg_last_user"
KEPT_COOKIE = "gg_kept_post"
_SALT = "casework.drafts.recovery"
# Where in a kept post the form's own address is remembered (the page may post elsewhere, e.g. a button).
ACTION_KEY = "_kept_action"


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


def _kept_id(request: HttpRequest) -> str | None:
    try:
        return request.get_signed_cookie(KEPT_COOKIE, default=None, salt=_SALT)
    except signing.BadSignature:
        return None


def _page_of(request: HttpRequest) -> str:
    """The page the form was on: the post's own address, or (for a button posting elsewhere) the page it sat on."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        parts = urlsplit(referer)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return request.get_full_path()


def keep_post(request: HttpRequest, *, user: User) -> KeptPost | None:
    """Keep this post for `user` until they are back on its page; None when it cannot be theirs or is too large."""
    token = request.POST.get(TOKEN_FIELD, "")
    if token:
        spec = spec_unsign(token=token, user=user)
        if spec is None:
            return None  # a form signed for someone else: not this user's to get back
        page = spec.path
    else:
        page = _page_of(request)
    try:
        data = services.draft_data_from_post(request.POST)
    except ValidationError:  # too large to keep: an autosaved draft is what remains
        return None
    extra = {TOKEN_FIELD: [token]} if token else {ACTION_KEY: [request.path]}
    kept = services.kept_post_keep(user=user, path=page, data={**data, **extra})
    request._kept_post_id = kept.pk  # type: ignore[attr-defined]  # the response sets the cookie
    return kept


def _give_back(request: HttpRequest, user: User) -> None:
    """On the kept post's own page, once logged in: mark it to be put back when the page is made.

    Taken only when the page is really rendered (`take_kept_post`): a middleware
    after this one that answers instead (a second log-in step, say) leaves it
    waiting rather than using it up on a page the user never sees.
    """
    kept_id = _kept_id(request)
    if not kept_id:
        return
    kept = services.kept_post_for(kept_id=kept_id, user=user)
    if kept is None:
        request._kept_post_done = True  # type: ignore[attr-defined]
        return
    if request.method != "GET" or urlsplit(kept.path).path != request.path:
        return  # not its page (yet): it waits, for its author only, until it expires
    request._kept_pending = kept  # type: ignore[attr-defined]
    request.kept_post = lambda: _kept_fields(request)  # type: ignore[attr-defined]  # called by base.html


def take_kept_post(request: HttpRequest) -> tuple[dict[str, list[str]], bool] | None:
    """Use up the kept post waiting for this page: (its fields, whether they became the form's draft)."""
    kept = getattr(request, "_kept_pending", None)
    if kept is None or not isinstance(request.user, User):
        return None
    request._kept_pending = None  # type: ignore[attr-defined]
    request._kept_post_done = True  # type: ignore[attr-defined]
    return services.kept_post_take(kept=kept, user=request.user)


def _kept_fields(request: HttpRequest) -> dict | None:
    """For base.html: the fields to put back into a form without drafts (a form with drafts restored its own)."""
    taken = take_kept_post(request)
    if taken is None or taken[1]:
        return None
    data = dict(taken[0])
    action = (data.pop(ACTION_KEY, None) or [request.path])[-1]
    return {"action": action, "fields": data}


class KeepExpiredPostMiddleware:
    """Keep a post that arrives after its session expired, give it back on its page; remember who was here."""

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
        if request.user.is_authenticated:
            assert isinstance(request.user, User)
            _give_back(request, request.user)
            return None
        if request.method != "POST" or not getattr(view_func, "login_required", True):
            return None  # the log-in page itself, the autosave endpoint (which answers 401)
        user = _last_user(request)
        kept = keep_post(request, user=user) if user is not None else None
        if kept is None:
            return None  # whose post this is is not certain: LoginRequiredMiddleware sends it to the log-in
        messages.warning(
            request,
            _("Uw sessie was verlopen. Log opnieuw in: wat u verstuurde is bewaard en staat daarna weer klaar."),
        )
        return redirect_to_login(kept.path)


def _same_origin(request: HttpRequest) -> bool:
    """The browser says the post came from a page of this site (every current browser sends Origin on a POST)."""
    origin = request.headers.get("Origin", "")
    return bool(origin) and origin == f"{request.scheme}://{request.get_host()}"


def csrf_failure_page(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The CSRF check refused a form (its cookie lost or expired): a Dutch page, and the post kept if it can be.

    Kept for the logged-in user (or, when the session expired too, the user last
    logged in here) and only when the post came from this site; the page leads
    back to the form, which then shows what was typed with a fresh token.
    """
    user = request.user if request.user.is_authenticated else _last_user(request)
    kept = None
    if isinstance(user, User) and request.method == "POST" and _same_origin(request) and _behind_login(request):
        kept = keep_post(request, user=user)
    context = {
        "kept": kept is not None,
        "back": kept.path if kept is not None else "",
        "logged_in": request.user.is_authenticated,
    }
    return render(request, "403_csrf.html", context, status=403)


def _behind_login(request: HttpRequest) -> bool:
    """A page behind the log-in (not the log-in form itself: nothing typed there is kept)."""
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return False
    return getattr(view, "login_required", True)


@receiver(user_logged_out, dispatch_uid="casework.drafts.forget_last_user")
def forget_last_user(sender, request: HttpRequest | None, **kwargs) -> None:
    """Logging out on purpose: no post from this browser is kept for that user any more."""
    if request is not None:
        request._logged_out = True  # type: ignore[attr-defined]
