"""The PURGE sent to the HTTP cache in front (dlhs/frontend_cache.py): the page's path and
host, and a time limit, so a cache that does not answer never holds a publish."""

import logging
import socket
from http.server import BaseHTTPRequestHandler

import pytest

from dlhs.frontend_cache import TimeLimitedHTTPBackend
from tests.servers import environment, http_server_in_thread, run_manage


class RecordingCache(BaseHTTPRequestHandler):
    received = []
    status = 200

    def log_message(self, *args):
        pass

    def do_PURGE(self):
        self.received.append((self.command, self.path, self.headers["Host"]))
        self.send_response(self.status)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def cache_server():
    RecordingCache.received = []
    RecordingCache.status = 200
    with http_server_in_thread(RecordingCache) as url:
        yield url


def backend(location, timeout=2):
    return TimeLimitedHTTPBackend({"LOCATION": location, "TIMEOUT": timeout})


def test_the_purge_names_the_page_path_and_its_host(cache_server):
    backend(cache_server).purge("https://dlhs.example.edu/news/a-story/?page=2")
    assert RecordingCache.received == [("PURGE", "/news/a-story/?page=2", "dlhs.example.edu")]


def test_a_refusal_from_the_cache_is_logged_not_raised(cache_server, caplog):
    RecordingCache.status = 405
    with caplog.at_level(logging.ERROR, logger="dlhs.frontend_cache"):
        backend(cache_server).purge("https://dlhs.example.edu/")
    assert "Could not purge https://dlhs.example.edu/" in caplog.text


def test_a_cache_that_never_answers_is_given_up_on(caplog):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()  # accepts the connection, never answers
    try:
        with caplog.at_level(logging.ERROR, logger="dlhs.frontend_cache"):
            backend(f"http://127.0.0.1:{silent.getsockname()[1]}", timeout=0.2).purge(
                "https://dlhs.example.edu/"
            )
    finally:
        silent.close()
    assert "timed out" in caplog.text


def test_nothing_listening_is_logged_not_raised(caplog):
    free = socket.socket()
    free.bind(("127.0.0.1", 0))
    port = free.getsockname()[1]
    free.close()
    with caplog.at_level(logging.ERROR, logger="dlhs.frontend_cache"):
        backend(f"http://127.0.0.1:{port}").purge("https://dlhs.example.edu/")
    assert "Could not purge" in caplog.text


def test_the_settings_give_the_backend_its_time_limit():
    """Read in a fresh process, as a deployment reads them."""
    result = run_manage(
        environment(
            {"FRONTEND_CACHE_URL": "http://varnish:6081", "FRONTEND_CACHE_TIMEOUT_MS": "500"}
        ),
        "shell",
        "-c",
        "from django.conf import settings; print(settings.WAGTAILFRONTENDCACHE['varnish'])",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "'BACKEND': 'dlhs.frontend_cache.TimeLimitedHTTPBackend'" in result.stdout
    assert "'TIMEOUT': 0.5" in result.stdout
