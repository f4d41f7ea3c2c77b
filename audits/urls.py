from django.urls import path

from .views import audit, file_check, report

app_name = "audits"

urlpatterns = [
    path("", audit.audit_list, name="list"),
    path("<int:audit_id>/", audit.audit_detail, name="detail"),
    path("<int:audit_id>/status/", audit.audit_transition, name="transition"),
    path("<int:audit_id>/cijfers/", audit.audit_snapshot, name="snapshot"),
    path("<int:audit_id>/bevindingen/", audit.finding_add, name="finding_add"),
    path("<int:audit_id>/acties/", audit.action_add, name="action_add"),
    path("<int:audit_id>/visie/", audit.team_view, name="team_view"),
    path("<int:audit_id>/steekproef/<int:position>/", file_check.file_check, name="file_check"),
    path("<int:audit_id>/rapport/", report.audit_report, name="report"),
    path("<int:audit_id>/rapport.pdf", report.audit_report_pdf, name="report_pdf"),
    path("acties/<int:action_id>/status/", audit.action_status, name="action_status"),
]
