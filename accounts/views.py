from django.shortcuts import redirect, render

from accounts.selectors import user_team_roles


def home(request):
    """Send each person to where their work starts."""
    if user_team_roles(user=request.user):
        return redirect("casework:my_families")
    return render(request, "accounts/home.html")
