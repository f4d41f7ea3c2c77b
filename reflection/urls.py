"""The reflectie-instrument: a senior and a worker look at how the method is applied, to learn."""

from django.urls import path

from .views import aggregate, reflections

app_name = "reflection"

urlpatterns = [
    path("", reflections.mine, name="mine"),
    path("senior/", reflections.senior_overview, name="senior"),
    path("delen/", reflections.share, name="share"),
    path("team/", aggregate.team_aggregate, name="team"),
    path("nieuw/<int:worker_id>/", reflections.new, name="new"),
    path("<int:reflection_id>/", reflections.detail, name="detail"),
    path("<int:reflection_id>/bewerken/", reflections.edit, name="edit"),
]
