"""Functioneel beheer plans audits and keeps the checklists. No audit content and no family data here.

A published checklist version is frozen (audits were held with it): its items
show read-only, and a change is made in a new version ("Nieuwe versie maken"),
edited, then published.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.admin import BeheerOnly

from . import services
from .models import (
    AuditCycle,
    AuditorAssignment,
    AuditStatus,
    ChecklistItem,
    ChecklistVersion,
    TeamAudit,
    TeamAuditEvent,
)


class ChecklistItemInline(BeheerOnly, admin.TabularInline):
    model = ChecklistItem
    extra = 0
    fields = ["position", "text", "guidance", "outcome"]

    def _editable(self, obj) -> bool:
        return obj is None or obj.published_at is None

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._editable(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._editable(obj)


@admin.register(ChecklistVersion)
class ChecklistVersionAdmin(BeheerOnly, admin.ModelAdmin):
    list_display = ["checklist", "number", "published_at", "note"]
    list_filter = ["checklist"]
    readonly_fields = ["checklist", "number", "published_at"]
    fields = ["checklist", "number", "note", "published_at"]
    inlines = [ChecklistItemInline]
    actions = ["publish", "new_version"]

    def has_add_permission(self, request):
        return False  # new versions are copies of the latest: use the action

    @admin.action(description=_("Publiceren"))
    def publish(self, request, queryset):
        for version in queryset:
            try:
                services.checklist_version_publish(actor=request.user, version=version)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(
                    request, f"{version}: {' '.join(getattr(error, 'messages', [str(error)]))}", messages.ERROR
                )
            else:
                self.message_user(request, _("%(v)s is gepubliceerd.") % {"v": version})

    @admin.action(description=_("Nieuwe versie maken (kopie van de laatste)"))
    def new_version(self, request, queryset):
        for purpose in {v.checklist.purpose for v in queryset.select_related("checklist")}:
            try:
                version = services.checklist_version_new(actor=request.user, purpose=purpose)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR)
            else:
                self.message_user(
                    request, _("%(v)s is aangemaakt: pas de onderdelen aan en publiceer.") % {"v": version}
                )


@admin.register(AuditCycle)
class AuditCycleAdmin(BeheerOnly, admin.ModelAdmin):
    list_display = ["year"]


class AuditorAssignmentForm(forms.ModelForm):
    """Checks an auditor added here by the rule planning an audit uses (`services.auditor_validate`),
    which also says whether they audit as auditor or as a peer."""

    def clean(self):
        cleaned = super().clean()
        audit, user = cleaned.get("audit"), cleaned.get("user")  # the audit: not saved yet in the add form
        if audit is not None and audit.team_id and user is not None:
            self.instance.kind = services.auditor_validate(audit=audit, user=user)
        return cleaned


class AuditorInline(BeheerOnly, admin.TabularInline):
    model = AuditorAssignment
    form = AuditorAssignmentForm
    extra = 1
    fields = ["user", "kind"]
    readonly_fields = ["kind"]
    autocomplete_fields = ["user"]


@admin.register(TeamAudit)
class TeamAuditAdmin(BeheerOnly, admin.ModelAdmin):
    list_display = ["team", "cycle", "planned_on", "status"]
    list_filter = ["cycle", "status"]
    fields = ["cycle", "team", "planned_on", "sample_size", "status"]
    readonly_fields = ["status"]
    inlines = [AuditorInline]

    def get_readonly_fields(self, request, obj=None):
        # Auditors were checked against this team, and the sample was drawn with this size.
        if obj is None:
            return ["status"]
        return ["status", "cycle", "team"] + (["sample_size"] if obj.sample_seed is not None else [])

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            TeamAuditEvent.objects.create(audit=obj, kind="gepland", to_status=AuditStatus.PLANNED, author=request.user)

    def save_formset(self, request, form, formset, change):
        """An auditor added to or taken off an open audit gains or loses the sampled files: on the record, with who."""
        super().save_formset(request, form, formset, change)
        if formset.model is not AuditorAssignment:
            return
        notes = [_("Auditor toegevoegd: %(user)s") % {"user": a.user} for a in formset.new_objects]
        notes += [_("Auditor verwijderd: %(user)s") % {"user": a.user} for a in formset.deleted_objects]
        notes += [_("Auditor gewijzigd: %(user)s") % {"user": a.user} for a, _fields in formset.changed_objects]
        TeamAuditEvent.objects.bulk_create(
            TeamAuditEvent(audit=form.instance, kind="auditor", note=str(note)[:300], author=request.user)
            for note in notes
        )
