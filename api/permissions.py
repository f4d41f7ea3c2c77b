"""Scopes per HTTP method (read versus write), as the OpenAPI schema declares them."""

from oauth2_provider.contrib.rest_framework import TokenMatchesOASRequirements


class TokenHasMethodScope(TokenMatchesOASRequirements):
    """The view's `required_alternate_scopes` for the method; HEAD counts as GET.

    A method the view does not implement needs only a valid token, so the
    caller hears 405 (wrong method) instead of a misleading 403 (wrong scope).
    """

    def has_permission(self, request, view):
        method = request.method.lower()
        if method == "head":
            method = "get"
        if not hasattr(view, method) or method == "options":
            return bool(request.auth) and request.auth.is_valid()
        return super().has_permission(request, view)

    def get_required_alternate_scopes(self, request, view):
        scopes = dict(super().get_required_alternate_scopes(request, view))
        if "GET" in scopes:
            scopes.setdefault("HEAD", scopes["GET"])
        return scopes
