"""core.cache: production's Redis caches keep one redis client per connection pool (no server needed)."""

from core.cache import RedisCache


def test_one_client_per_pool_is_kept_and_shared_by_reads_and_writes():
    cache = RedisCache("redis://127.0.0.1:6399/9", {})
    client = cache._cache.get_client("a", write=True)
    assert cache._cache.get_client("b", write=True) is client
    assert cache._cache.get_client("a") is client  # one server: reads use the same pool
    assert client.connection_pool is cache._cache._get_connection_pool(True)
