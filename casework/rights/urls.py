from django.urls import path

from . import destruction_views, export_views, views

app_name = "rights"

urlpatterns = [
    path("", views.register, name="register"),
    path("nieuw/", views.create, name="create"),
    path("cijfers/", views.figures, name="figures"),
    path("vernietiging/", destruction_views.destruction_list, name="destructions"),
    path("vernietiging/vernietigd/", destruction_views.tombstones, name="tombstones"),
    path("vernietiging/<int:destruction_id>/", destruction_views.destruction_detail, name="destruction"),
    path("<int:request_id>/", views.detail, name="detail"),
    path("<int:request_id>/dossier/", export_views.export_page, name="export"),
    path("<int:request_id>/dossier/weglaten/", export_views.export_redact, name="export_redact"),
    path("<int:request_id>/dossier/vrijgeven/", export_views.export_release, name="export_release"),
    path("<int:request_id>/dossier.<slug:fmt>", export_views.export_download, name="export_download"),
]
