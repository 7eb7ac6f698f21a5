"""Header navigation and breadcrumbs: one query each, the menu cached between publishes."""

from django import template
from django.conf import settings
from django.core.cache import cache
from wagtail.models import Page, Site

from dlhs.cache import current_generation

register = template.Library()


def menu_entries(site, request):
    """(title, url) for the site's menu pages, cached until published content changes."""
    key = f"main-menu:{current_generation()}:{site.pk}"
    entries = cache.get(key) if settings.PAGE_CACHE_SECONDS else None
    if entries is None:
        pages = site.root_page.get_children().live().public().in_menu()
        entries = [
            (page.title, page.get_url(request=request))
            for page in pages.only("title", "url_path", "depth")
        ]
        if settings.PAGE_CACHE_SECONDS:
            cache.set(key, entries, timeout=settings.PAGE_CACHE_SECONDS * 12)
    return entries


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"menu_items": []}
    items = [
        {"title": title, "url": url, "is_current": bool(url) and request.path.startswith(url)}
        for title, url in menu_entries(site, request)
    ]
    return {"menu_items": items}


@register.simple_tag
def page_cache_generation():
    """For {% cache %} keys of fragments that show published content."""
    return current_generation()


@register.simple_tag
def fragment_cache_seconds():
    """How long {% cache %} keeps fragments of published content (0: not at all)."""
    return settings.PAGE_CACHE_SECONDS * 12


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    request = context.get("request")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"crumbs": [], "page": page}
    # Depth 1 is Wagtail's invisible root; depth 2 is the site's home page.
    ancestors = list(page.get_ancestors().filter(depth__gte=2).only("title", "url_path", "depth"))
    crumbs = [(ancestor.title, ancestor.get_url(request=request)) for ancestor in ancestors]
    return {"crumbs": crumbs, "page": page}
