"""Functioneel beheer keeps the reflection checklist here. Reflections themselves are never in the admin.

A version that a reflection was held with is frozen: its items can be read but
not changed, so an old reflection always shows the words it was rated on. To
change the checklist, make a new version (the action copies the items), edit
it, and set "in gebruik vanaf".
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from accounts.admin import BeheerOnly

from . import services
from .models import ChecklistItem, ChecklistVersion, FidelityChecklist


def _used(version) -> bool:
    return version is not None and version.pk is not None and version.reflections.exists()


class ChecklistItemInline(BeheerOnly, admin.TabularInline):
    model = ChecklistItem
    extra = 0
    fields = ["position", "code", "title", "guidance"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _used(obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not _used(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _used(obj)


@admin.register(ChecklistVersion)
class ChecklistVersionAdmin(BeheerOnly, admin.ModelAdmin):
    list_display = ["checklist", "number", "published_on"]
    list_filter = ["checklist"]
    inlines = [ChecklistItemInline]
    actions = ["copy_as_new_version"]

    def get_readonly_fields(self, request, obj=None):
        return ["checklist", "number", "published_on"] if _used(obj) else []

    @admin.action(description=_("Nieuwe versie maken (kopie van de items)"))
    def copy_as_new_version(self, request, queryset):
        for version in queryset:
            new = services.checklist_version_copy(actor=request.user, version=version)
            self.message_user(
                request, _("%(version)s aangemaakt; pas de items aan en zet een datum.") % {"version": new}
            )

    def save_model(self, request, obj, form, change):
        if _used(obj) and change:
            self.message_user(request, _("Deze versie is gebruikt en verandert niet meer."), level=messages.WARNING)
            return
        super().save_model(request, obj, form, change)


class ChecklistVersionInline(BeheerOnly, admin.TabularInline):
    model = ChecklistVersion
    extra = 0
    fields = ["number", "published_on", "change_note"]
    show_change_link = True

    def has_change_permission(self, request, obj=None):
        return False  # versions are edited on their own page, where their items are


@admin.register(FidelityChecklist)
class FidelityChecklistAdmin(BeheerOnly, admin.ModelAdmin):
    list_display = ["name", "active"]
    inlines = [ChecklistVersionInline]
