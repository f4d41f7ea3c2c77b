"""The e-mail outbox in the Django admin, read-only, for functioneel beheer.

Beheer sees what waits, what failed with which kind of error and when the next
attempt is, and which messages were given up after the last attempt. Nothing
can be edited or deleted here: the sender owns the rows. The text of a message
is not shown: a password-reset e-mail carries a one-time link, and beheer reading
it could set a colleague's password (nobody sets another person's password).
"""

from django.contrib import admin

from accounts.admin import BeheerOnly

from .models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(BeheerOnly, admin.ModelAdmin):
    list_display = ["created_at", "to_address", "subject", "status", "attempts", "last_error", "next_attempt_at"]
    list_filter = ["status"]
    fields = [
        "to_address",
        "subject",
        "message_id",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "created_at",
        "sent_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
