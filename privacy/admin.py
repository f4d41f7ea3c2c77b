"""Functioneel beheer keeps the retention classes; the access log itself is never in the admin."""

from django.contrib import admin

from accounts.admin import BeheerOnly

from .models import RetentionClass


@admin.register(RetentionClass)
class RetentionClassAdmin(BeheerOnly, admin.ModelAdmin):
    """Never deleted (BeheerOnly): a class that files rest on is taken out of use (`active`)."""

    list_display = ["name", "code", "years", "counts_from", "active"]
    list_filter = ["counts_from", "active"]
    fields = ["name", "code", "years", "counts_from", "legal_basis", "active"]

    def get_readonly_fields(self, request, obj=None):
        # Documents and files refer to a class by its code (the privacy rules, the demo): fixed once it exists.
        return ["code"] if obj else []
