"""Functioneel beheer manages partner organisations here; no family data is registered in the admin."""

from django.contrib import admin

from accounts.admin import BeheerOnly

from .partners.models import Partner


@admin.register(Partner)
class PartnerAdmin(BeheerOnly, admin.ModelAdmin):
    list_display = ["name", "kind", "agb_code", "kvk_number", "contact_name", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "agb_code", "kvk_number"]
    fields = ["name", "kind", "agb_code", "kvk_number", "contact_name", "contact_email", "contact_phone", "active"]
