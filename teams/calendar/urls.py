from django.urls import path

from . import views

app_name = "calendar"

urlpatterns = [
    path("", views.my_agenda, name="mine"),
    path("agenda.ics", views.my_agenda_ics, name="mine_ics"),
    path("team/", views.team_agenda, name="team"),
    path("team/agenda.ics", views.team_agenda_ics, name="team_ics"),
]
