"""Django's Redis cache with one client object per connection pool, instead of a new one per call.

Django's RedisCacheClient builds a fresh `redis.Redis` for every cache call;
redis-py fills a table of some 170 response callbacks in each one's
constructor, which cost more CPU than the round trip itself (two per API call
for the throttle: README "Partner-API", speed). A `redis.Redis` on a connection
pool is safe to share between threads (each command borrows a connection from
the pool), so one per pool is kept. Everything else is Django's backend.
"""

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]  # Django's own pool per server
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))  # type: ignore[attr-defined]
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
