"""Mijn agenda and the team agenda, as pages and as .ics downloads.

Thin: the items come from the calendar selectors. The pages and the files list
families' hearings, so each family listed is written to the access log.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.selectors import team_choice_for_user
from privacy.services import access_log_record_many

from .ics import agenda_ics
from .selectors import agenda_for_team, agenda_for_user, agenda_window


def _log(request, items, what: str) -> None:
    families = sorted({i.family_id for i in items if i.family_id is not None})
    if families:
        access_log_record_many(user=request.user, family_ids=families, what=what, request=request)


def _ics(request, items, *, name: str, filename: str) -> HttpResponse:
    body = agenda_ics(items=items, name=name, base_url=request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def my_agenda(request):
    items = agenda_for_user(user=request.user)
    _log(request, items, "agenda")
    start, end = agenda_window()
    context = {"items": items, "start": start, "end": end, "team": None, "now": timezone.now()}
    return render(request, "teams/agenda.html", context)


@require_GET
def my_agenda_ics(request):
    items = agenda_for_user(user=request.user)
    _log(request, items, "agenda (ics)")
    return _ics(request, items, name=_("Mijn agenda"), filename="mijn-agenda.ics")


@require_GET
def team_agenda(request):
    team, teams = team_choice_for_user(user=request.user, team_id=request.GET.get("team"))
    items = agenda_for_team(user=request.user, team=team)
    _log(request, items, "teamagenda")
    start, end = agenda_window()
    context = {"items": items, "start": start, "end": end, "team": team, "teams": teams, "now": timezone.now()}
    return render(request, "teams/agenda.html", context)


@require_GET
def team_agenda_ics(request):
    team, _teams = team_choice_for_user(user=request.user, team_id=request.GET.get("team"))
    items = agenda_for_team(user=request.user, team=team)
    _log(request, items, "teamagenda (ics)")
    return _ics(request, items, name=_("Agenda %(team)s") % {"team": team}, filename=f"agenda-team-{team.pk}.ics")
