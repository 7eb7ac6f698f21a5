"""Django's Redis cache, made to degrade instead of fail when Redis cannot be reached.

Everything the site keeps in the cache can be rebuilt or done without: whole pages, the menu
and footer fragments are rendered afresh, and rate limits stay open (see RateLimit). So when
Redis is down, unreachable or too slow, every cache call answers as a cache that holds
nothing would (``get`` gives the default, ``add`` and ``delete`` give False, ``incr`` raises
ValueError as for a missing key) and the site goes on uncached.

After a failure the backend does not try Redis again for ``RETRY_SECONDS`` (an option, 5 by
default), so an outage costs one connection timeout per worker process every few seconds,
not one per cache call. The start and the end of an outage are logged once each.
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError)


def _degrading(name, fallback):
    """RedisCache's method ``name``, answering ``fallback(...)`` when Redis is unavailable."""
    method = getattr(RedisCache, name)

    @functools.wraps(method)
    def degrading_method(self, *args, **kwargs):
        if not self.available:
            return fallback(*args, **kwargs)
        try:
            result = method(self, *args, **kwargs)
        except OUTAGE_ERRORS as error:
            self._failed(name, error)
            return fallback(*args, **kwargs)
        self._succeeded()
        return result

    return degrading_method


def _missing_key(key, *args, **kwargs):
    raise ValueError(f"Key {key!r} not found (the cache is unavailable).")


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis client wrapper, with one ``redis.Redis`` per connection pool.

    Django builds a new ``redis.Redis`` for every cache call; redis-py's constructor fills a
    table of some 170 response callbacks each time, which cost more than the round trip to
    Redis itself (0.2-0.3 ms per call, measured: two calls per cached page). A client only
    holds its pool and those callbacks, and is safe to share between threads.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class DegradingRedisCache(RedisCache):
    """RedisCache whose calls log and fall back, rather than raise, during a Redis outage.

    Each fallback is what an empty cache would answer.
    """

    get = _degrading("get", lambda key, default=None, version=None: default)
    get_many = _degrading("get_many", lambda *args, **kwargs: {})
    has_key = _degrading("has_key", _false)
    add = _degrading("add", _false)
    set = _degrading("set", _nothing)
    set_many = _degrading("set_many", lambda data, *args, **kwargs: list(data))  # not stored
    touch = _degrading("touch", _false)
    incr = _degrading("incr", _missing_key)
    delete = _degrading("delete", _false)
    delete_many = _degrading("delete_many", _nothing)
    clear = _degrading("clear", _false)

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        # Ours, not the Redis client's: take it out before the rest goes to the client.
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusedClientRedisCacheClient
        self._unavailable_until = None
        self._lock = threading.Lock()

    @property
    def available(self):
        """False while the backend waits before it tries Redis again."""
        until = self._unavailable_until
        return until is None or time.monotonic() >= until

    def _failed(self, operation, error):
        with self._lock:
            first = self._unavailable_until is None
            self._unavailable_until = time.monotonic() + self.retry_seconds
        if first:
            logger.warning(
                "The cache (Redis) is unavailable: %s failed with %s: %s. Serving without it "
                "and trying again every %g s.",
                operation,
                type(error).__name__,
                error,
                self.retry_seconds,
            )

    def _succeeded(self):
        if self._unavailable_until is not None:
            with self._lock:
                self._unavailable_until = None
            logger.warning("The cache (Redis) is reachable again.")
