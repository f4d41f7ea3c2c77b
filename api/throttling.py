"""Throttling per partner client, so one busy system cannot crowd out the others."""

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import SimpleRateThrottle


class PartnerClientThrottle(SimpleRateThrottle):
    """Counts requests per OAuth2 client id in the "api" cache (Redis in production)."""

    scope = "partner_client"

    # DRF has a class attribute here; a property picks the "api" cache when it is used, so settings decide.
    @property
    def cache(self):  # type: ignore[override]
        return caches["api"]

    def get_rate(self) -> str:
        # Read on every request, not at import, so the environment (and tests) decide.
        return settings.API_THROTTLE_RATE

    def get_cache_key(self, request, view) -> str | None:
        client = getattr(request.user, "client", None)
        if client is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": client.client_id}
