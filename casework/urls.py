from django.urls import path

from . import views, views_access, views_manage, views_parts, views_plan
from .partners import views as views_partners

app_name = "casework"

urlpatterns = [
    path("", views.my_families, name="my_families"),
    path("nieuw/", views_manage.family_create, name="family_create"),
    path("<int:family_id>/", views.family_detail, name="family_detail"),
    path("<int:family_id>/contact/nieuw/", views.contact_create, name="contact_create"),
    path("<int:family_id>/contact/<int:contact_id>/corrigeren/", views.contact_correct, name="contact_correct"),
    path("<int:family_id>/contact/<int:contact_id>/aanvulling/", views.contact_addendum, name="contact_addendum"),
    path("<int:family_id>/gezinsleden/nieuw/", views_parts.member_form, name="member_create"),
    path("<int:family_id>/gezinsleden/<int:member_id>/", views_parts.member_form, name="member_edit"),
    path("<int:family_id>/netwerk/nieuw/", views_parts.network_form, name="network_create"),
    path("<int:family_id>/netwerk/<int:person_id>/", views_parts.network_form, name="network_edit"),
    path("<int:family_id>/maatregelen/nieuw/", views_parts.measure_form, name="measure_create"),
    path("<int:family_id>/maatregelen/<int:measure_id>/", views_parts.measure_form, name="measure_edit"),
    path("<int:family_id>/fase/", views_manage.phase_change, name="phase_change"),
    path("<int:family_id>/toewijzen/", views_manage.assign, name="assign"),
    path("<int:family_id>/vervanging/", views_manage.substitution, name="substitution"),
    path("<int:family_id>/gezinsplan/", views_plan.plan_detail, name="plan_detail"),
    path("<int:family_id>/gezinsplan/nieuw/", views_plan.plan_create, name="plan_create"),
    path("<int:family_id>/gezinsplan/vergelijk/", views_plan.plan_compare_view, name="plan_compare"),
    path("<int:family_id>/gezinsplan/<int:number>/", views_plan.plan_detail, name="plan_version"),
    path("<int:family_id>/afspraken/<int:agreement_id>/status/", views_plan.agreement_status, name="agreement_status"),
    path("<int:family_id>/inzage/", views_access.access_log, name="access_log"),
    path("<int:family_id>/hulp/nieuw/", views_partners.inzet_create, name="inzet_create"),
    path("<int:family_id>/hulp/<int:inzet_id>/", views_partners.inzet_detail, name="inzet_detail"),
    path("<int:family_id>/hulp/<int:inzet_id>/wijzigen/", views_partners.inzet_edit, name="inzet_edit"),
    path("<int:family_id>/hulp/<int:inzet_id>/status/", views_partners.inzet_status, name="inzet_status"),
    path("<int:family_id>/hulp/<int:inzet_id>/bericht/", views_partners.inzet_message, name="inzet_message"),
    path("<int:family_id>/grondslag/nieuw/", views_partners.basis_create, name="basis_create"),
    path("<int:family_id>/grondslag/<int:basis_id>/intrekken/", views_partners.basis_withdraw, name="basis_withdraw"),
]
