"""`has_audits` for the menu: whether the user has any audit to open (lazy, one EXISTS query at most)."""

from django.utils.functional import SimpleLazyObject


def has_audits(request) -> dict:
    def check() -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        from .selectors import user_has_audits

        return user_has_audits(user=user)

    return {"has_audits": SimpleLazyObject(check)}
