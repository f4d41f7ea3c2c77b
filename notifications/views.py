"""The in-app notification list ("Meldingen")."""

from django.shortcuts import render

from .selectors import notification_list_for_user
from .services import notifications_mark_read


def notification_list(request):
    notifications = list(notification_list_for_user(user=request.user)[:100])
    unread = {n.pk for n in notifications if n.read_at is None}
    notifications_mark_read(user=request.user)
    return render(request, "notifications/list.html", {"notifications": notifications, "unread": unread})
