from django.urls import path

from . import views

app_name = "second_factor"

urlpatterns = [
    path("", views.verify, name="verify"),
    path("instellen/", views.enrol, name="enrol"),
    path("herstelcodes/", views.recovery_codes, name="recovery_codes"),
    path("passkey/", views.passkey_register, name="passkey"),
]
