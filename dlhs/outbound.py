"""Requests this site makes to other servers: story feeds, their images, link checks.

Editors type the addresses, so every request keeps to the same rules:

- only http and https;
- the host's addresses are resolved first, and a loopback, private, link-local, reserved or
  multicast address is refused (an editor's URL must not reach the database, the cache or a
  cloud metadata service) unless ``OUTBOUND_ALLOW_PRIVATE_NETWORKS`` is on, as the tests and
  loopback runs need; the connection then goes to the address that was checked, so a second
  DNS answer cannot swap it;
- a timeout for the whole response, a size limit, and a bounded number of redirects, each
  hop checked like the first;
- an honest User-Agent.

4xx and 5xx answers are returned, not raised: what they mean is the caller's business.
"""

import email.message
import ipaddress
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings

REDIRECT_STATUSES = {301, 302, 303, 307, 308}
CHUNK_BYTES = 64 * 1024


class OutboundError(Exception):
    """A request that did not produce an answer; ``str()`` says why in plain words."""


class Refused(OutboundError):
    """The address breaks the outbound rules; nothing was sent."""


class TooManyRedirects(OutboundError):
    pass


class TooLarge(OutboundError):
    pass


class Timeout(OutboundError):
    pass


class ConnectionFailed(OutboundError):
    pass


@dataclass
class Response:
    url: str
    status: int
    headers: urllib3.HTTPHeaderDict
    body: bytes = b""
    redirects: list = field(default_factory=list)

    def text(self):
        message = email.message.Message()
        message["Content-Type"] = self.headers.get("Content-Type", "")
        charset = message.get_content_charset() or "utf-8"
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


def fetch(url, method="GET", headers=None, timeout=None, max_bytes=None, max_redirects=5):
    """One request, following up to ``max_redirects`` redirects; see the module's rules."""
    timeout = settings.OUTBOUND_TIMEOUT_SECONDS if timeout is None else timeout
    max_bytes = settings.OUTBOUND_MAX_BYTES if max_bytes is None else max_bytes
    deadline = time.monotonic() + timeout
    redirects = []
    seen = {url}
    while True:
        response = _request_once(url, method, headers or {}, deadline, max_bytes)
        location = response.headers.get("Location")
        if response.status not in REDIRECT_STATUSES or not location or max_redirects == 0:
            response.redirects = redirects
            return response
        if len(redirects) >= max_redirects:
            raise TooManyRedirects(f"more than {max_redirects} redirects")
        target = urljoin(url, location.strip())
        if target in seen:
            raise TooManyRedirects(f"a redirect loop back to {target}")
        redirects.append((response.status, target))
        seen.add(target)
        if response.status == 303 or (response.status in (301, 302) and method == "POST"):
            method = "GET"
        url = target


def checked_address(url):
    """(scheme, host, port, IP address to connect to) for ``url``, or Refused."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise Refused(f"only http and https addresses are fetched, not {parts.scheme or 'this'}")
    host = parts.hostname
    if not host:
        raise Refused("the address has no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise Refused("the address has an invalid port") from None
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise ConnectionFailed(f"the host {host} was not found") from None
    addresses = [_plain(ipaddress.ip_address(info[4][0].split("%")[0])) for info in found]
    if not settings.OUTBOUND_ALLOW_PRIVATE_NETWORKS:
        for address in addresses:
            if not address.is_global or address.is_multicast:
                raise Refused(
                    f"{host} is on a private or local network ({address}); such addresses "
                    "are not fetched"
                )
    return parts, host, port, str(addresses[0])


def _plain(address):
    """An IPv4 address written as IPv6 (::ffff:127.0.0.1) is judged as the IPv4 one."""
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def _request_once(url, method, headers, deadline, max_bytes):
    parts, host, port, address = checked_address(url)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise Timeout("no answer in time")
    pool_options = {"timeout": urllib3.Timeout(connect=remaining, read=remaining), "retries": False}
    if parts.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address, port, server_hostname=host, assert_hostname=host, **pool_options
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, **pool_options)
    default_port = 443 if parts.scheme == "https" else 80
    named_host = f"[{host}]" if ":" in host else host
    request_headers = {
        "Host": named_host if port == default_port else f"{named_host}:{port}",
        "User-Agent": settings.OUTBOUND_USER_AGENT,
        "Accept-Encoding": "gzip, deflate",
        **headers,
    }
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    try:
        answer = pool.urlopen(
            method,
            path,
            headers=request_headers,
            redirect=False,
            preload_content=False,
            assert_same_host=False,
        )
        try:
            body = b"" if method == "HEAD" else _read_body(answer, deadline, max_bytes)
        finally:
            answer.release_conn()
    except urllib3.exceptions.NewConnectionError as error:
        # (urllib3 counts a refused connection as a kind of connect timeout.)
        raise ConnectionFailed(f"could not connect to {host} ({_reason(error)})") from None
    except (urllib3.exceptions.TimeoutError, TimeoutError):
        raise Timeout(f"{host} did not answer in time") from None
    except urllib3.exceptions.SSLError as error:
        raise ConnectionFailed(f"{host}'s certificate was not accepted ({error})") from None
    except (urllib3.exceptions.HTTPError, OSError) as error:
        raise ConnectionFailed(f"could not connect to {host} ({_reason(error)})") from None
    finally:
        pool.close()
    return Response(url=url, status=answer.status, headers=answer.headers, body=body)


def _read_body(answer, deadline, max_bytes):
    declared = answer.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise TooLarge(f"the answer is {int(declared):,} bytes, over the {max_bytes:,} limit")
    chunks, size = [], 0
    for chunk in answer.stream(CHUNK_BYTES, decode_content=True):
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(f"the answer is over the {max_bytes:,} byte limit")
        if time.monotonic() > deadline:
            raise Timeout("the answer took too long")
        chunks.append(chunk)
    return b"".join(chunks)


def _reason(error):
    reason = getattr(error, "reason", None) or error
    return str(reason).split(": ")[-1] or type(error).__name__
