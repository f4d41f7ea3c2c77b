"""Reports in the Django admin: read-only, and never their content.

Functioneel beheer sees what was made and what failed with its error; the
report's `data` (the weekly report names families) is not shown here.
"""

from django.contrib import admin

from accounts.admin import BeheerOnly

from .models import Report


@admin.register(Report)
class ReportAdmin(BeheerOnly, admin.ModelAdmin):
    list_display = ["kind", "team", "period_start", "period_end", "status", "attempts", "generated_at"]
    list_filter = ["kind", "status"]
    fields = [
        "kind",
        "team",
        "period_start",
        "period_end",
        "status",
        "attempts",
        "error",
        "busy_since",
        "generated_at",
        "created_at",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("team").defer("data")

    def lookup_allowed(self, lookup, value, request=None):
        """No filtering on the content: `?data__icontains=<name>` would tell beheer which report names a family."""
        if lookup.split("__", 1)[0] == "data":
            return False
        return super().lookup_allowed(lookup, value, request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
