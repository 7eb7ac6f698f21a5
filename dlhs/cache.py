"""A whole-page cache for anonymous visitors, emptied whenever published content changes.

Every cached page and fragment carries a *generation* number. Publishing, unpublishing,
moving or deleting a page, or changing a snippet, image or the site settings, increments the
generation: from that moment every page is rebuilt on its next visit. Listings, teasers and
menus show other pages' content, so invalidating everything is the only rule that is never
stale; publishing is rare next to reading, so the cost is small.

Signed-in users (editors) and previews always bypass the cache.

What one visitor can make the site store is bounded: a page is keyed by its path and only
the query parameters pages read (PAGE_CACHE_QUERY_PARAMETERS), a request carrying any other
parameter is answered from the clean address's entry or rendered without being stored, and
each visitor address may add at most PAGE_CACHE_STORES_PER_VISITOR entries per
PAGE_CACHE_SECONDS. Redis's memory limit with LRU eviction bounds the whole.
"""

import hashlib
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse

from dlhs.security import RateLimit

GENERATION_KEY = "page-cache:generation"
CACHEABLE_STATUS = {200, 301}
UNCACHEABLE_PREFIXES = ("/admin/", "/documents/", "/search/", "/healthz")


def fresh_generation():
    """A generation number no earlier one can equal: the time in milliseconds.

    The generation key can vanish (Redis evicts keys when it is full, or restarts); starting
    again from 1 would bring back pages cached under an old generation 1.
    """
    return time.time_ns() // 1_000_000


def generation_or_new(generation):
    """The generation number just read, or, when there was none, a new one now in the cache."""
    if generation is None:
        cache.add(GENERATION_KEY, fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY, 0)
    return generation


def increment_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet, it was evicted, or the cache is unavailable
        cache.set(GENERATION_KEY, fresh_generation(), timeout=None)


def read_many_current(keys):
    """(the current generation, {key: what it holds} for those of ``keys`` stored under it).

    Entries hold the generation they were made under beside their value, rather than in
    their key: one round trip to the cache reads the entries and the generation number,
    and what is built after a change replaces the entry it makes obsolete. An entry made
    before the last change is left out, like an absent one.
    """
    found = cache.get_many([GENERATION_KEY, *keys])
    generation = generation_or_new(found.get(GENERATION_KEY))
    current = {}
    for key in keys:
        entry = found.get(key)
        if entry is not None and entry[0] == generation:
            current[key] = entry[1]
    return generation, current


def read_current(key):
    """(the current generation, what ``key`` holds if it was stored under it, else None)."""
    generation, current = read_many_current([key])
    return generation, current.get(key)


def store_current(key, generation, value, timeout):
    """Keep ``value`` for the generation that was current when it began to be built.

    A change committed while it was built has moved the generation on, so it is never served.
    """
    cache.set(key, (generation, value), timeout=timeout)


def purge_http_cache():
    """Ask the HTTP cache in front (Varnish, FRONTEND_CACHE_URL) to retire every page.

    Wagtail's frontend cache purges a published page's own address, inside the publishing
    transaction; listings show other pages, and a visitor's request before the commit would
    be cached with the old content. So every committed change also purges the site's root,
    which deploy/varnish/dlhs.vcl turns into a ban of every page.
    """
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import get_backends
    from wagtail.models import Site

    # At once, not as Wagtail's queued task: the next visitor must not get the old page.
    urls = [f"{site.root_url}/" for site in Site.objects.all()]
    for backend in get_backends().values():
        backend.purge_batch(urls)


def retire_committed_content():
    increment_generation()
    purge_http_cache()


def bump_generation(**kwargs):
    """Signal receiver: published content changed, so every cached page is out of date.

    Signals fire inside the publishing transaction. A visitor's request that runs between
    the first increment and the commit still reads the old content and could store it under
    the new generation, so the generation moves on once more when the change is committed
    (and the HTTP cache in front, if any, is purged then).
    """
    increment_generation()
    transaction.on_commit(retire_committed_content)


def bump_generation_unless_created(created=False, **kwargs):
    """For settings: the first read creates the row with defaults, which changes nothing."""
    if not created:
        bump_generation()


def fragment_seconds():
    """How long fragments of published content are kept (0: caching off, none are kept).

    The generation retires every fragment on each change; the lifetime only bounds memory.
    """
    return settings.PAGE_CACHE_SECONDS * 12


def fragment_key(name, vary=()):
    digest = hashlib.sha256(repr(tuple(str(part) for part in vary)).encode()).hexdigest()[:32]
    return f"fragment:{name}:{digest}"


def cached_fragment(name, build, *vary, seconds=None):
    """``build()``'s value, shared by every page and worker until published content changes.

    For what does not depend on the page being shown (menus, footer, featured stories,
    facets): ``name`` says what it is, ``vary`` lists what it does depend on (the site's
    host, a tag...); ``seconds`` shortens the lifetime. ``build`` must return something
    picklable (lists of plain values or model instances, rendered HTML), never a lazy
    queryset. With PAGE_CACHE_SECONDS=0
    nothing is kept: every call builds afresh, so the benchmark measures the real cost.
    """
    lifetime = fragment_seconds() if seconds is None else min(seconds, fragment_seconds())
    if not lifetime:
        return build()
    key = fragment_key(name, vary)
    generation, value = read_current(key)
    if value is None:
        value = build()
        store_current(key, generation, value, lifetime)
    return value


def cached_fragments(name, keys, build_missing, *vary):
    """``cached_fragment`` for many things of one kind (the cards of a listing), in one read.

    Returns {key: value}. ``build_missing(keys)`` builds what is not kept, as {key: value}; a
    key it leaves out (a page that went away meanwhile) is left out of the answer too.
    """
    lifetime = fragment_seconds()
    if not lifetime:
        return build_missing(list(keys))
    cache_keys = {key: fragment_key(name, (*vary, key)) for key in keys}
    generation, current = read_many_current(list(cache_keys.values()))
    values = {
        key: current[cache_key] for key, cache_key in cache_keys.items() if cache_key in current
    }
    missing = [key for key in keys if key not in values]
    if missing:
        built = build_missing(missing)
        cache.set_many(
            {cache_keys[key]: (generation, value) for key, value in built.items()}, lifetime
        )
        values.update(built)
    return values


def page_query(request):
    """The query parameters pages read, in a fixed order; everything else left out."""
    names = sorted(set(request.GET) & set(settings.PAGE_CACHE_QUERY_PARAMETERS))
    return urlencode([(name, value) for name in names for value in request.GET.getlist(name)])


def has_ignored_parameters(request):
    return not set(request.GET) <= set(settings.PAGE_CACHE_QUERY_PARAMETERS)


def page_cache_key(request):
    url = f"{request.get_host()}{request.path}?{page_query(request)}"
    digest = hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()
    return f"page-cache:{request.method}:{digest}"


def store_budget():
    """New cache entries per visitor address; the window is the entries' own lifetime."""
    return RateLimit(
        "page-cache-stores", settings.PAGE_CACHE_STORES_PER_VISITOR, settings.PAGE_CACHE_SECONDS
    )


def may_store(request):
    """Whether this request's page may be added to the cache.

    Not with parameters no page reads: what they change (a link that repeats them) must not
    be served to the clean address, and they must not make new entries. Not past the
    visitor's budget either; in both cases the page is still served, only not stored.
    """
    if has_ignored_parameters(request):
        return False
    return not (settings.PAGE_CACHE_STORES_PER_VISITOR and store_budget().exceeded(request))


def store(request, key, generation, response):
    headers = [(name, value) for name, value in response.items() if name.lower() != "set-cookie"]
    page = (response.status_code, headers, response.content)
    store_current(key, generation, page, settings.PAGE_CACHE_SECONDS)
    if settings.PAGE_CACHE_STORES_PER_VISITOR:
        store_budget().record(request)


def whole_pages_cached():
    return bool(settings.PAGE_CACHE_SECONDS and settings.PAGE_CACHE_WHOLE_PAGES)


def is_cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith((*UNCACHEABLE_PREFIXES, settings.STATIC_URL)):
        return False
    # No session cookie means nobody is signed in (Wagtail deletes it on sign-out).
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def is_cacheable_response(request, response):
    if response.status_code not in CACHEABLE_STATUS or response.streaming:
        return False
    if response.cookies:  # e.g. a CSRF cookie for a form: personal, never shared
        return False
    if getattr(request, "_csp_nonce", None):  # a policy with this response's own nonce
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-cache", "no-store"))


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not whole_pages_cached() or not is_cacheable_request(request):
            return self.get_response(request)

        key = page_cache_key(request)
        generation, stored = read_current(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response

        response = self.get_response(request)
        if is_cacheable_response(request, response):
            if may_store(request):
                store(request, key, generation, response)
            response["X-Page-Cache"] = "miss"
        return response
