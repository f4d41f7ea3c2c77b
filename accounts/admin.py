"""Functioneel beheer's tool: users, teams and memberships. No family data here."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Membership, Team, User


class BeheerOnly:
    """Functioneel beheer manages people and teams, whatever Django permissions say."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_beheer

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_beheer

    has_add_permission = has_change_permission = has_view_permission

    def has_delete_permission(self, request, obj=None):
        # People and teams are referenced by history; end a membership or
        # deactivate a user instead of deleting.
        return False


class MembershipInline(BeheerOnly, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["team"]


@admin.register(User)
class UserAdmin(BeheerOnly, BaseUserAdmin):
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), (_("Organisatie"), {"fields": ("org_role",)}))
    list_display = ("username", "first_name", "last_name", "org_role", "is_active")
    list_filter = ("org_role", "is_active", "memberships__team")
    inlines = [MembershipInline]


@admin.register(Team)
class TeamAdmin(BeheerOnly, admin.ModelAdmin):
    search_fields = ["name"]
    list_display = ["name", "region"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(BeheerOnly, admin.ModelAdmin):
    list_display = ["user", "team", "role", "start", "end"]
    list_filter = ["team", "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]


def _beheer_only(request) -> bool:
    """The admin is functioneel beheer's tool; staff flags alone do not open it."""
    user = request.user
    return user.is_active and user.is_staff and user.is_beheer


# One site-wide rule instead of a custom AdminSite, so third-party admin registrations keep working.
admin.site.has_permission = _beheer_only  # type: ignore[method-assign]
admin.site.site_header = _("Functioneel beheer")
admin.site.site_title = _("Functioneel beheer")
