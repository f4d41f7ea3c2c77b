"""The reflectie-instrument: a senior and a worker look at how the method is applied, to learn."""

from django.urls import path

from . import views, views_team

app_name = "reflection"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("senior/", views.senior_overview, name="senior"),
    path("delen/", views.share, name="share"),
    path("team/", views_team.team_aggregate, name="team"),
    path("nieuw/<int:worker_id>/", views.new, name="new"),
    path("<int:reflection_id>/", views.detail, name="detail"),
    path("<int:reflection_id>/bewerken/", views.edit, name="edit"),
]
