from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("", views.team_dashboard, name="team_dashboard"),
    path("cijfers/", views.team_figures, name="team_figures"),
]
