"""Django's Redis cache with one client object per connection pool, instead of a new one per call.

Django's RedisCacheClient builds a fresh `redis.Redis` for every cache call;
redis-py fills a table of some 170 response callbacks in each one's
constructor, which cost more CPU than the round trip itself (two per API call
for the throttle: README "Partner-API", speed). A `redis.Redis` on a connection
pool is safe to share between threads (each command borrows a connection from
the pool), so one per pool is kept. Everything else is Django's backend.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
