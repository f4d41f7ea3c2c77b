"""`has_audits` for the menu: whether the user has any audit to open (lazy, one EXISTS query at most)."""

from django.utils.functional import SimpleLazyObject

from accounts.selectors import memberships_of_request


def has_audits(request) -> dict:
    def check() -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        from .selectors import user_has_audits

        # The teams come from the request's memberships, read once for the whole menu (accounts.selectors).
        return user_has_audits(user=user, memberships=memberships_of_request(request))

    return {"has_audits": SimpleLazyObject(check)}
