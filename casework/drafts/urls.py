from django.urls import path

from . import views

app_name = "drafts"

urlpatterns = [
    path("opslaan/", views.draft_save, name="save"),
    path("weggooien/", views.draft_discard, name="discard"),
]
