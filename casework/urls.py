from django.urls import path

from .court import views as court
from .documents import views as documents
from .partners import views as partners
from .views import access_log, contacts, family, lists, manage, parts, plan

app_name = "casework"

urlpatterns = [
    path("", lists.my_families, name="my_families"),
    path("nieuw/", manage.family_create, name="family_create"),
    path("<int:family_id>/", family.family_detail, name="family_detail"),
    path("<int:family_id>/contact/nieuw/", contacts.contact_create, name="contact_create"),
    path("<int:family_id>/contact/<int:contact_id>/corrigeren/", contacts.contact_correct, name="contact_correct"),
    path("<int:family_id>/contact/<int:contact_id>/aanvulling/", contacts.contact_addendum, name="contact_addendum"),
    path("<int:family_id>/gezinsleden/nieuw/", parts.member_form, name="member_create"),
    path("<int:family_id>/gezinsleden/<int:member_id>/", parts.member_form, name="member_edit"),
    path("<int:family_id>/netwerk/nieuw/", parts.network_form, name="network_create"),
    path("<int:family_id>/netwerk/<int:person_id>/", parts.network_form, name="network_edit"),
    path("<int:family_id>/maatregelen/nieuw/", parts.measure_form, name="measure_create"),
    path("<int:family_id>/maatregelen/<int:measure_id>/", parts.measure_form, name="measure_edit"),
    path("<int:family_id>/fase/", manage.phase_change, name="phase_change"),
    path("<int:family_id>/toewijzen/", manage.assign, name="assign"),
    path("<int:family_id>/vervanging/", manage.substitution, name="substitution"),
    path("<int:family_id>/gezinsplan/", plan.plan_detail, name="plan_detail"),
    path("<int:family_id>/gezinsplan/nieuw/", plan.plan_create, name="plan_create"),
    path("<int:family_id>/gezinsplan/vergelijk/", plan.plan_compare_view, name="plan_compare"),
    path("<int:family_id>/gezinsplan/<int:number>/", plan.plan_detail, name="plan_version"),
    path("<int:family_id>/afspraken/<int:agreement_id>/status/", plan.agreement_status, name="agreement_status"),
    path("<int:family_id>/inzage/", access_log.access_log, name="access_log"),
    path("<int:family_id>/hulp/nieuw/", partners.inzet_create, name="inzet_create"),
    path("<int:family_id>/hulp/<int:inzet_id>/", partners.inzet_detail, name="inzet_detail"),
    path("<int:family_id>/hulp/<int:inzet_id>/wijzigen/", partners.inzet_edit, name="inzet_edit"),
    path("<int:family_id>/hulp/<int:inzet_id>/status/", partners.inzet_status, name="inzet_status"),
    path("<int:family_id>/hulp/<int:inzet_id>/bericht/", partners.inzet_message, name="inzet_message"),
    path("<int:family_id>/rechtbank/", court.court_page, name="court"),
    path("<int:family_id>/rechtbank/beschikking/nieuw/", court.ruling_create, name="court_ruling_create"),
    path("<int:family_id>/rechtbank/maatregel/nieuw/", court.measure_open, name="court_measure_open"),
    path(
        "<int:family_id>/rechtbank/maatregel/<int:measure_id>/verlengen/",
        court.measure_extend,
        name="court_measure_extend",
    ),
    path("<int:family_id>/rechtbank/maatregel/<int:measure_id>/einde/", court.measure_end, name="court_measure_end"),
    path("<int:family_id>/rechtbank/verzoek/nieuw/", court.request_create, name="court_request_new"),
    path(
        "<int:family_id>/rechtbank/verzoek/<int:request_id>/ingediend/",
        court.request_submit,
        name="court_request_submit",
    ),
    path(
        "<int:family_id>/rechtbank/verzoek/<int:request_id>/beslissing/",
        court.request_decide,
        name="court_request_decide",
    ),
    path(
        "<int:family_id>/rechtbank/verzoek/<int:request_id>/intrekken/",
        court.request_withdraw,
        name="court_request_withdraw",
    ),
    path("<int:family_id>/rechtbank/verblijf/nieuw/", court.stay_create, name="court_stay_create"),
    path(
        "<int:family_id>/rechtbank/verblijf/<int:stay_id>/grondslag/",
        court.stay_authorisation,
        name="court_stay_authorisation",
    ),
    path("<int:family_id>/rechtbank/zitting/nieuw/", court.hearing_create, name="court_hearing_create"),
    path("<int:family_id>/rechtbank/zitting/<int:hearing_id>/", court.hearing_edit, name="court_hearing_edit"),
    path(
        "<int:family_id>/rechtbank/zitting/<int:hearing_id>/uitkomst/",
        court.hearing_outcome,
        name="court_hearing_outcome",
    ),
    path("<int:family_id>/documenten/", documents.document_list, name="documents"),
    path("<int:family_id>/documenten/nieuw/", documents.document_create, name="document_create"),
    path("<int:family_id>/documenten/<int:document_id>/", documents.document_download, name="document_download"),
    path("<int:family_id>/grondslag/nieuw/", partners.basis_create, name="basis_create"),
    path("<int:family_id>/grondslag/<int:basis_id>/intrekken/", partners.basis_withdraw, name="basis_withdraw"),
]
