from django.urls import path

from . import views, views_files, views_report

app_name = "audits"

urlpatterns = [
    path("", views.audit_list, name="list"),
    path("<int:audit_id>/", views.audit_detail, name="detail"),
    path("<int:audit_id>/status/", views.audit_transition, name="transition"),
    path("<int:audit_id>/cijfers/", views.audit_snapshot, name="snapshot"),
    path("<int:audit_id>/bevindingen/", views.finding_add, name="finding_add"),
    path("<int:audit_id>/acties/", views.action_add, name="action_add"),
    path("<int:audit_id>/visie/", views.team_view, name="team_view"),
    path("<int:audit_id>/steekproef/<int:position>/", views_files.file_check, name="file_check"),
    path("<int:audit_id>/rapport/", views_report.audit_report, name="report"),
    path("<int:audit_id>/rapport.pdf", views_report.audit_report_pdf, name="report_pdf"),
    path("acties/<int:action_id>/status/", views.action_status, name="action_status"),
]
