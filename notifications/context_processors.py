"""Template context: how many notifications wait for the user (the "Meldingen" link)."""

from django.utils.functional import SimpleLazyObject

from .selectors import notification_list_for_user


def unread_notifications(request) -> dict:
    """Lazy: the one COUNT query runs only when a template shows the number."""

    def count() -> int:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return 0
        return notification_list_for_user(user=user, unread_only=True).count()

    return {"unread_notifications": SimpleLazyObject(count)}
