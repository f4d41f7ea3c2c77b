from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.second_factor.middleware import second_factor_not_required
from accounts.selectors import user_team_roles
from core.sessions import renew_now


def home(request):
    """Send each person to where their work starts."""
    if user_team_roles(user=request.user):
        return redirect("casework:my_families")
    return render(request, "accounts/home.html")


@login_not_required
@never_cache
def health(request):
    """For the container healthcheck and load balancer: is the database reachable?"""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


# Not behind the log-in redirect: the script must hear 401 when the session has already ended. Nor behind
# the second factor: someone slowly finding their phone on the code page may stay logged in too.
@login_not_required
@second_factor_not_required
@require_POST
@never_cache
def session_keepalive(request):
    """ "Ingelogd blijven": pushes the session's expiry on by the full idle time, now (core.sessions.renew_now).

    Any request renews the session, but writes it at most once per SESSION_RENEW_SECONDS; this one always does.
    """
    if not request.user.is_authenticated:
        return JsonResponse({"expired": True}, status=401)
    renew_now(request.session)
    return JsonResponse({"idle_seconds": settings.SESSION_COOKIE_AGE})
