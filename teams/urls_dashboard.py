from django.urls import path

from . import views_dashboard

app_name = "dashboard"

urlpatterns = [
    path("", views_dashboard.team_dashboard, name="team_dashboard"),
    path("cijfers/", views_dashboard.team_figures, name="team_figures"),
]
