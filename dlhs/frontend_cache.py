"""Purging the HTTP cache in front (Varnish) within a time limit.

Wagtail's ``HTTPBackend`` sends each PURGE with no timeout, and a read timeout is not one
of the errors it catches. A cache that accepts the connection and never answers would hold
the editor's publish request (and its worker) indefinitely. This backend sends the same
request, a PURGE of the page's path to ``FRONTEND_CACHE_URL`` with the page's host, and
gives up after ``TIMEOUT`` seconds (``FRONTEND_CACHE_TIMEOUT_MS``). Any failure is
logged and the publish goes on; the page cache's generation has moved on either way, and
Varnish keeps a page for a short time only (deploy/varnish/dlhs.vcl).
"""

import logging
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from wagtail import __version__
from wagtail.contrib.frontend_cache.backends import HTTPBackend

logger = logging.getLogger(__name__)


class TimeLimitedHTTPBackend(HTTPBackend):
    def __init__(self, params):
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", 2))
        super().__init__(params)

    def purge(self, url):
        page = urlsplit(url)
        target = urlunsplit((self.cache_scheme, self.cache_netloc, page.path, page.query, ""))
        request = Request(  # noqa: S310 - the scheme is our own setting's (http or https)
            target,
            method="PURGE",
            headers={"Host": page.netloc, "User-Agent": f"Wagtail-frontendcache/{__version__}"},
        )
        try:
            with urlopen(request, timeout=self.timeout):  # noqa: S310 - our own setting's URL
                pass
        except (OSError, ValueError) as error:  # refused, HTTP errors, timeouts
            logger.error("Could not purge %s from the HTTP cache: %s", url, error)
