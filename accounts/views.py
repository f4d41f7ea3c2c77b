from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from accounts.selectors import user_team_roles


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
