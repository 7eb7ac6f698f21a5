"""A Redis outage costs speed, never pages: the cache degrades to "holds nothing".

The cache here is the production one, built by dlhs/settings/base.py from a REDIS_URL, over a
real redis-server this module starts on a free port (and stops, and starts again), or over a
port where nothing listens. tests/site/test_cache_outage_server.py does the same through
gunicorn with production settings.
"""

import logging
import runpy
import warnings

import pytest
import redis
from django.core.cache import cache

from tests import factories
from tests.servers import RedisServer, free_port


def production_caches(monkeypatch, redis_url, **environment):
    """CACHES as dlhs/settings/base.py builds it for this REDIS_URL."""
    monkeypatch.setenv("REDIS_URL", redis_url)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    with warnings.catch_warnings():
        # A second, separate run of the settings module, as intended: runpy says it is there.
        warnings.simplefilter("ignore", RuntimeWarning)
        caches = runpy.run_module("dlhs.settings.base")["CACHES"]
    monkeypatch.delenv("REDIS_URL")
    return caches


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def closed_port_cache(monkeypatch, settings):
    """The production cache, pointed at a port where nothing listens."""
    settings.CACHES = production_caches(
        monkeypatch, f"redis://127.0.0.1:{free_port()}/0", REDIS_TIMEOUT_MS="200"
    )
    yield cache


class TestTheCacheBackend:
    def test_without_redis_every_call_answers_as_an_empty_cache(self, closed_port_cache, caplog):
        with caplog.at_level(logging.WARNING, logger="dlhs.redis_cache"):
            assert cache.get("menu", "default") == "default"
            assert cache.add("menu", 1) is False
            assert cache.set("menu", 1) is None
            assert cache.get_many(["a", "b"]) == {}
            assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
            assert cache.has_key("menu") is False
            assert cache.touch("menu") is False
            assert cache.delete("menu") is False
            assert cache.delete_many(["a", "b"]) is None
            assert cache.get_or_set("menu", 5) == 5
            with pytest.raises(ValueError):
                cache.incr("count")

        # One line for the outage, not one per call.
        outage = [record for record in caplog.records if "unavailable" in record.message]
        assert len(outage) == 1
        assert outage[0].levelno == logging.WARNING

    def test_a_stopped_redis_is_noticed_and_a_restarted_one_used_again(
        self, redis_server, monkeypatch, settings, caplog
    ):
        settings.CACHES = production_caches(
            monkeypatch, redis_server.url, REDIS_TIMEOUT_MS="200", REDIS_RETRY_SECONDS="0"
        )
        cache.set("menu", ["About"])
        assert cache.get("menu") == ["About"]

        redis_server.stop()
        with caplog.at_level(logging.WARNING, logger="dlhs.redis_cache"):
            assert cache.get("menu", "rebuilt") == "rebuilt"
            cache.set("menu", ["About"])  # no error

            redis_server.start()
            cache.set("menu", ["News"])
            assert cache.get("menu") == ["News"]
        messages = [record.message for record in caplog.records]
        assert any("unavailable" in message for message in messages)
        assert "The cache (Redis) is reachable again." in messages

    def test_every_call_goes_through_one_client(self, redis_server):
        # Django makes a redis.Redis per call; redis-py's constructor costs more than the
        # round trip (a table of some 170 response callbacks).
        from dlhs.redis_cache import DegradingRedisCache

        backend = DegradingRedisCache(redis_server.url, {})
        made = []
        make = backend._cache._client
        backend._cache._client = lambda **options: made.append(options) or make(**options)
        for number in range(5):
            backend.set("menu", number)
            assert backend.get("menu") == number
        assert backend.get_many(["menu", "footer"]) == {"menu": 4}

        assert len(made) == 1

    def test_after_a_failure_redis_is_left_alone_for_a_while(self, redis_server, monkeypatch):
        from dlhs.redis_cache import DegradingRedisCache

        backend = DegradingRedisCache(
            redis_server.url, {"OPTIONS": {"socket_timeout": 0.2, "RETRY_SECONDS": 60}}
        )
        redis_server.stop()
        assert backend.get("menu") is None
        assert not backend.available
        redis_server.start()
        redis.Redis(port=redis_server.port).set(backend.make_key("menu"), 7)

        # Still within the pause: the cache answers "nothing" without asking Redis.
        assert backend.get("menu") is None


@pytest.mark.django_db
class TestTheSiteWithoutRedis:
    @pytest.fixture
    def story(self, home):
        news = factories.NewsIndexPageFactory(parent=home)
        return factories.NewsPageFactory(parent=news, title="Redis is down, news is not")

    def test_pages_are_served_uncached(self, client, closed_port_cache, story):
        for url in ("/", "/news/", story.url, "/news/feed/rss/"):
            first, second = client.get(url), client.get(url)
            assert first.status_code == second.status_code == 200, url
            assert second["X-Page-Cache"] == "miss"
        assert "Redis is down, news is not" in client.get("/news/").content.decode()

    def test_search_is_open(self, client, closed_port_cache, story, settings):
        settings.SEARCH_RATE_LIMIT = 1
        for _ in range(3):
            assert client.get("/search/", {"q": "news"}).status_code == 200

    def test_rate_limits_are_open_while_nothing_can_be_counted(self, rf, closed_port_cache):
        from dlhs.security import RateLimit

        limit = RateLimit("alumni-update", limit=1, window=60)
        request = rf.post("/")
        for _ in range(3):
            limit.record(request)

        assert not limit.exceeded(request)

    def test_editors_can_sign_in(self, client, closed_port_cache, admin_user):
        response = client.post(
            "/admin/login/", {"username": admin_user.username, "password": "password"}
        )

        assert response.status_code == 302
        assert client.get("/admin/").status_code == 200

    def test_healthz_says_the_cache_is_degraded_but_the_process_serves(
        self, client, closed_port_cache
    ):
        response = client.get("/healthz")

        assert response.status_code == 200
        assert response.content == b"degraded: cache unavailable"


def test_the_production_cache_gives_up_quickly(monkeypatch):
    options = production_caches(monkeypatch, "redis://127.0.0.1:6379/0")["default"]["OPTIONS"]

    assert options["socket_connect_timeout"] <= 1
    assert options["socket_timeout"] <= 1
