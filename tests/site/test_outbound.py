"""The outbound rules (dlhs/outbound.py), against a server this module starts on 127.0.0.1."""

import gzip
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dlhs import outbound

BIG = b"x" * 200_000


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        routes = {
            "/ok": (200, {"Content-Type": "text/plain; charset=latin-1"}, "café".encode("latin-1")),
            "/missing": (404, {}, b"gone"),
            "/hop": (301, {"Location": "/ok"}, b""),
            "/chain": (302, {"Location": "/hop"}, b""),
            "/loop-a": (302, {"Location": "/loop-b"}, b""),
            "/loop-b": (302, {"Location": "/loop-a"}, b""),
            "/big": (200, {"Content-Length": str(len(BIG))}, BIG),
            "/gzip": (200, {"Content-Encoding": "gzip"}, gzip.compress(b"unzipped")),
        }
        if self.path == "/agent":
            routes["/agent"] = (200, {}, self.headers["User-Agent"].encode())
        if self.path == "/conditional":
            matched = self.headers.get("If-None-Match") == '"v1"'
            routes["/conditional"] = (304, {}, b"") if matched else (200, {"ETag": '"v1"'}, b"new")
        if self.path == "/big-unsized":
            self.send_response(200)
            self.end_headers()
            for _ in range(20):
                self.wfile.write(BIG)
            return
        if self.path == "/slow":
            time.sleep(2)
        status, headers, body = routes.get(self.path, (200, {}, b"slow"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a client that stopped reading (the size limit) breaks the pipe: expected


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def test_an_answer_with_its_charset(server):
    response = outbound.fetch(f"{server}/ok")
    assert (response.status, response.text(), response.redirects) == (200, "café", [])


def test_error_statuses_are_answers_not_exceptions(server):
    assert outbound.fetch(f"{server}/missing").status == 404


def test_redirects_are_followed_and_reported(server):
    response = outbound.fetch(f"{server}/chain")
    assert response.status == 200
    assert response.url == f"{server}/ok"
    assert response.redirects == [(302, f"{server}/hop"), (301, f"{server}/ok")]


def test_redirects_within_limits(server):
    with pytest.raises(outbound.TooManyRedirects, match="loop"):
        outbound.fetch(f"{server}/loop-a")
    with pytest.raises(outbound.TooManyRedirects, match="more than 1"):
        outbound.fetch(f"{server}/chain", max_redirects=1)
    assert outbound.fetch(f"{server}/hop", max_redirects=0).status == 301


def test_size_limit_declared_or_not(server):
    with pytest.raises(outbound.TooLarge):
        outbound.fetch(f"{server}/big", max_bytes=100_000)
    with pytest.raises(outbound.TooLarge):
        outbound.fetch(f"{server}/big-unsized", max_bytes=1_000_000)
    assert len(outbound.fetch(f"{server}/big", max_bytes=300_000).body) == len(BIG)


def test_head_reads_no_body_and_gzip_is_decoded(server):
    assert outbound.fetch(f"{server}/big", method="HEAD", max_bytes=10).body == b""
    assert outbound.fetch(f"{server}/gzip").body == b"unzipped"


def test_timeout(server):
    with pytest.raises(outbound.Timeout):
        outbound.fetch(f"{server}/slow", timeout=0.5)


def test_honest_user_agent_and_conditional_requests(server, settings):
    settings.OUTBOUND_USER_AGENT = "dlhs-portal/1.0 (+https://lhs.example.edu)"
    assert outbound.fetch(f"{server}/agent").body == b"dlhs-portal/1.0 (+https://lhs.example.edu)"
    first = outbound.fetch(f"{server}/conditional")
    again = outbound.fetch(
        f"{server}/conditional", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert (first.status, again.status) == (200, 304)


def test_nothing_listening():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(outbound.ConnectionFailed):
        outbound.fetch(f"http://127.0.0.1:{port}/")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://10.0.0.5/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
    ],
)
def test_private_and_local_addresses_are_refused(url, settings):
    settings.OUTBOUND_ALLOW_PRIVATE_NETWORKS = False
    with pytest.raises(outbound.Refused, match="private or local network"):
        outbound.fetch(url)


def test_a_redirect_to_a_private_address_is_refused(server, settings):
    settings.OUTBOUND_ALLOW_PRIVATE_NETWORKS = False
    # The first hop is refused as well here (the server itself is on loopback); the rule is
    # applied to every hop by the same function, checked_address.
    with pytest.raises(outbound.Refused):
        outbound.fetch(f"{server}/hop")


@pytest.mark.parametrize(
    "url", ["ftp://example.org/file", "file:///etc/passwd", "gopher://x/", "javascript:alert(1)"]
)
def test_only_http_and_https(url):
    with pytest.raises(outbound.Refused, match="only http and https"):
        outbound.fetch(url)


def test_unknown_host_and_bad_port():
    with pytest.raises(outbound.ConnectionFailed, match="not found"):
        outbound.fetch("http://no-such-host.invalid/")
    with pytest.raises(outbound.Refused, match="port"):
        outbound.fetch("http://127.0.0.1:99999/")
