"""Header navigation and breadcrumbs: one query each, the menu cached between publishes."""

from django import template
from wagtail.models import Page, Site

from dlhs.cache import cached_fragment
from dlhs.routing import route_ancestors

register = template.Library()


def menu_entries(site, request):
    """(title, url) for the site's menu pages, shared until published content changes."""

    def build():
        pages = site.root_page.get_children().live().public().in_menu()
        return [
            (page.title, page.get_url(request=request))
            for page in pages.only("title", "url_path", "depth")
        ]

    return cached_fragment("main-menu", build, site.pk)


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


def shown_ancestors(page):
    """The page's ancestors from the home page down, read once per render (the breadcrumbs
    and their JSON-LD both show them). Depth 1 is Wagtail's invisible root."""
    if "_shown_ancestors" not in page.__dict__:
        walked = route_ancestors(page)  # the pages routing read on its way here, if it did
        if walked is not None:
            page._shown_ancestors = [ancestor for ancestor in walked if ancestor.depth >= 2]
        else:
            page._shown_ancestors = list(
                page.get_ancestors().filter(depth__gte=2).only("title", "url_path", "depth")
            )
    return page._shown_ancestors


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    request = context.get("request")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"crumbs": [], "page": page}
    ancestors = shown_ancestors(page)
    crumbs = [(ancestor.title, ancestor.get_url(request=request)) for ancestor in ancestors]
    return {"crumbs": crumbs, "page": page}
