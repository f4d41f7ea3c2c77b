from django.urls import path

from . import views

app_name = "courtreports"

urlpatterns = [
    path("<int:family_id>/rechtbank/verzoek/<int:request_id>/rapport/", views.report_start, name="start"),
    path("<int:family_id>/rapporten/<int:report_id>/", views.report_detail, name="detail"),
    path("<int:family_id>/rapporten/<int:report_id>/onderdeel/<slug:key>/", views.section_edit, name="section"),
    path("<int:family_id>/rapporten/<int:report_id>/ter-goedkeuring/", views.report_ask_approval, name="ask_approval"),
    path("<int:family_id>/rapporten/<int:report_id>/goedkeuren/<slug:role>/", views.report_approve, name="approve"),
    path("<int:family_id>/rapporten/<int:report_id>/verzenden/", views.report_send, name="send"),
    path("<int:family_id>/rapporten/<int:report_id>/rapport.pdf", views.report_export_pdf, name="pdf"),
    path("<int:family_id>/rapporten/<int:report_id>/rapport.docx", views.report_export_docx, name="docx"),
]
