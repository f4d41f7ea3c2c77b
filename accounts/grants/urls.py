from django.urls import path

from . import views

app_name = "grants"

urlpatterns = [
    path("", views.grant_list, name="list"),
    path("nieuw/", views.grant_new, name="new"),
    path("nieuw/<slug:kind_key>/", views.grant_propose, name="propose"),
    path("team/", views.team_grants, name="team"),
    path("<int:proposal_id>/", views.grant_detail, name="detail"),
    path("<int:proposal_id>/besluit/", views.grant_decide, name="decide"),
    path("<int:proposal_id>/intrekken/", views.grant_withdraw, name="withdraw"),
]
