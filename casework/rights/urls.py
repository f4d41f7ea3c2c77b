from django.urls import path

from . import views

app_name = "rights"

urlpatterns = [
    path("", views.register, name="register"),
    path("nieuw/", views.create, name="create"),
    path("cijfers/", views.figures, name="figures"),
    path("<int:request_id>/", views.detail, name="detail"),
]
