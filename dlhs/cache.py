"""A whole-page cache for anonymous visitors, emptied whenever published content changes.

Every cache key carries a *generation* number. Publishing, unpublishing, moving or deleting a
page, or changing a snippet, image or the site settings, increments the generation: from that
moment every page is rebuilt on its next visit. Listings, teasers and menus show other pages'
content, so invalidating everything is the only rule that is never stale; publishing is rare
next to reading, so the cost is small.

Signed-in users (editors) and previews always bypass the cache.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

GENERATION_KEY = "page-cache:generation"
CACHEABLE_STATUS = {200, 301}
UNCACHEABLE_PREFIXES = ("/admin/", "/documents/", "/search/", "/healthz")


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def bump_generation(**kwargs):
    """Signal receiver: published content changed, so every cached page is out of date."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def bump_generation_unless_created(created=False, **kwargs):
    """For settings: the first read creates the row with defaults, which changes nothing."""
    if not created:
        bump_generation()


def page_cache_key(request, generation):
    url = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()
    return f"page-cache:{generation}:{request.method}:{digest}"


def is_cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(UNCACHEABLE_PREFIXES):
        return False
    # No session cookie means nobody is signed in (Wagtail deletes it on sign-out).
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def is_cacheable_response(response):
    if response.status_code not in CACHEABLE_STATUS or response.streaming:
        return False
    if response.cookies:  # e.g. a CSRF cookie for a form: personal, never shared
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-cache", "no-store"))


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not is_cacheable_request(request):
            return self.get_response(request)

        key = page_cache_key(request, current_generation())
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response

        response = self.get_response(request)
        if is_cacheable_response(response):
            headers = [
                (name, value) for name, value in response.items() if name.lower() != "set-cookie"
            ]
            cache.set(
                key,
                (response.status_code, headers, response.content),
                timeout=settings.PAGE_CACHE_SECONDS,
            )
            response["X-Page-Cache"] = "miss"
        return response
