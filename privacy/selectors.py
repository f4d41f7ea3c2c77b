"""Reading the access log."""

from django.db.models import QuerySet

from .models import AccessLogEntry


def access_log_for_family(*, family_id: int) -> QuerySet[AccessLogEntry]:
    return AccessLogEntry.objects.filter(family_id=family_id).select_related("user").order_by("-at", "-id")
