"""Header navigation and breadcrumbs, each built with a single query."""

from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"menu_items": [], "request": request}
    items = list(
        site.root_page.get_children().live().public().in_menu().only("title", "url_path", "depth")
    )
    current_path = request.path
    for item in items:
        item.menu_url = item.get_url(request=request)
        item.is_current = bool(item.menu_url) and current_path.startswith(item.menu_url)
    return {"menu_items": items, "request": request}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    request = context.get("request")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"crumbs": [], "page": page}
    # Depth 1 is Wagtail's invisible root; depth 2 is the site's home page.
    ancestors = list(page.get_ancestors().filter(depth__gte=2).only("title", "url_path", "depth"))
    crumbs = [(ancestor.title, ancestor.get_url(request=request)) for ancestor in ancestors]
    return {"crumbs": crumbs, "page": page}
