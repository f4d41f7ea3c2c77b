"""Keep personal data out of browser and proxy caches."""


class NoStoreForPersonalDataMiddleware:
    """Every page a logged-in user sees may hold a child's data: never cache it.

    A shared laptop's back button or a proxy cache must not replay a family file
    after log-out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith("/static/"):
            response["Cache-Control"] = "private, no-store"
        return response
