"""Functioneel beheer's tool: users, teams and memberships. No family data here.

Nothing done here opens a family file: memberships, organisation roles, the
admin flags, groups and permissions are read-only, there is no password form
for another person, and a new user gets an unusable password (they set their
own through "wachtwoord vergeten"). Granting goes through "Voorstellen"
(accounts.grants), where a second person approves; taking access away stays an
action here and is recorded there.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from . import services
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


class ReadOnly:
    """Shown, never added or changed here: a grant goes through a proposal and a second person."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MembershipInline(ReadOnly, BeheerOnly, admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "team", "role", "start", "end"]


class NewUserForm(forms.ModelForm):
    """A new person: no password from functioneel beheer; they set their own."""

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email"]

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


GRANTED_ELSEWHERE = ["org_role", "is_active", "is_staff", "is_superuser", "groups", "user_permissions"]


@admin.register(User)
class UserAdmin(BeheerOnly, BaseUserAdmin):
    add_form = NewUserForm
    add_fieldsets = ((None, {"fields": ("username", "first_name", "last_name", "email")}),)
    fieldsets = (
        (None, {"fields": ("username",)}),
        (_("Persoon"), {"fields": ("first_name", "last_name", "email")}),
        (
            _("Rechten (alleen via een voorstel)"),
            {
                "fields": tuple(GRANTED_ELSEWHERE),
                "description": _("Toegang geven gaat via Voorstellen; een tweede persoon keurt goed."),
            },
        ),
        (_("Data"), {"fields": ("last_login", "date_joined")}),
    )
    list_display = ("username", "first_name", "last_name", "org_role", "is_active")
    list_filter = ("org_role", "is_active", "memberships__team")
    inlines = [MembershipInline]
    actions = ["remove_org_role", "remove_admin_flags", "deactivate"]

    def get_readonly_fields(self, request, obj=None):
        # The e-mail address of an existing person is where "wachtwoord vergeten" sends its link, and the
        # name is how the access log and every history name them: renaming beheer as the teamleider would
        # rewrite who did what. A new person's are typed once, when beheer creates the account.
        return [*GRANTED_ELSEWHERE, "last_login", "date_joined", "email", "first_name", "last_name"] if obj else []

    def get_inline_instances(self, request, obj=None):
        # A new person has no memberships yet, and gets them only through a proposal.
        return super().get_inline_instances(request, obj) if obj else []

    def user_change_password(self, request, id, form_url=""):
        """No password form for another person: who sets it could log in as them."""
        if str(request.user.pk) != str(id):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    @admin.action(description=_("Organisatierol weghalen"))
    def remove_org_role(self, request, queryset):
        for user in queryset:
            services.user_org_role_remove(actor=request.user, user=user, reason=_("via functioneel beheer"))
        messages.success(request, _("Organisatierol weggehaald; vastgelegd bij Voorstellen."))

    @admin.action(description=_("Beheerrechten (is_staff, is_superuser) weghalen"))
    def remove_admin_flags(self, request, queryset):
        for user in queryset:
            services.user_admin_flags_remove(actor=request.user, user=user, reason=_("via functioneel beheer"))
        messages.success(request, _("Beheerrechten weggehaald; vastgelegd bij Voorstellen."))

    @admin.action(description=_("Account uitzetten"))
    def deactivate(self, request, queryset):
        for user in queryset:
            services.user_deactivate(actor=request.user, user=user, reason=_("via functioneel beheer"))
        messages.success(request, _("Account uitgezet; weer aanzetten gaat via een voorstel."))


@admin.register(Team)
class TeamAdmin(BeheerOnly, admin.ModelAdmin):
    search_fields = ["name"]
    list_display = ["name", "region"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(ReadOnly, BeheerOnly, admin.ModelAdmin):
    list_display = ["user", "team", "role", "start", "end"]
    list_filter = ["team", "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    actions = ["end_today"]

    @admin.action(description=_("Lidmaatschap nu beëindigen"))
    def end_today(self, request, queryset):
        for membership in queryset:
            services.membership_end(actor=request.user, membership=membership, reason=_("via functioneel beheer"))
        messages.success(request, _("Lidmaatschap beëindigd; vastgelegd voor de teamleider."))


def _beheer_only(request) -> bool:
    """The admin is functioneel beheer's tool; staff flags alone do not open it."""
    user = request.user
    return user.is_active and user.is_staff and user.is_beheer


# One site-wide rule instead of a custom AdminSite, so third-party admin registrations keep working.
admin.site.has_permission = _beheer_only  # type: ignore[method-assign]
admin.site.site_header = _("Functioneel beheer")
admin.site.site_title = _("Functioneel beheer")
