"""The anonymous team aggregate: for teamleiders (own teams), the board and auditors. No per-worker figures."""

from django.shortcuts import render

from reflection.aggregate import aggregate_teams_for_user, closed_quarters, min_workers, reflection_team_aggregate
from reflection.forms import PeriodForm


def team_aggregate(request):
    teams = aggregate_teams_for_user(user=request.user)
    quarters = closed_quarters()
    initial = {"team": teams.first(), "quarter": quarters[0][0].isoformat()}
    form = PeriodForm(request.GET or None, teams=teams, quarters=quarters, initial=initial)
    aggregate = team = None
    if form.is_bound and form.is_valid():
        team, (since, until) = form.cleaned_data["team"], form.cleaned_data["quarter"]
    elif not form.is_bound:
        team, (since, until) = initial["team"], quarters[0]
    if team is not None:
        aggregate = reflection_team_aggregate(team=team, since=since, until=until)
    context = {"form": form, "team": team, "aggregate": aggregate, "min_workers": min_workers()}
    return render(request, "reflection/team.html", context)
