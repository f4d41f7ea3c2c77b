from django.urls import path

from . import views

app_name = "kwesties"

urlpatterns = [
    path("", views.my_kwesties, name="mine"),
    path("team/", views.team_kwesties, name="team"),
    path("bestuur/", views.board_kwesties, name="board"),
    path("patronen/", views.patterns, name="patterns"),
    path("nieuw/", views.raise_kwestie, name="raise"),
    path("<int:kwestie_id>/", views.detail, name="detail"),
    path("<int:kwestie_id>/dossier-openen/", views.open_family, name="open_family"),
]
