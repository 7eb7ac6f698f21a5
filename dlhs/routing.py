"""Routing a request to its page in two queries below the site's root, whatever its depth.

Wagtail's own routing reads two rows per level of the address (the child by slug, then its
specific form): seven queries for a story at ``/news/<slug>/`` below the home page.
``DirectRouting`` on the site's root page type reads every page whose ``url_path`` is a
prefix of the address in one query, walks down them, and reads only the page served in its
specific form. The walk keeps Wagtail's rules:

- a page type with sub-routes (``RoutablePageMixin``) answers first when its routes match the
  rest of the address, as Wagtail's ``route`` would ask it before its children;
- a page type with a ``route`` of its own is handed the rest of the address, as is the last
  page found when a slug matches no child (which answers 404 as before);
- the page served still decides for itself (``live``, its index route).

The walk starts from the site's root page as the site's query read it, a plain ``Page``.
Wagtail's routing reads the root again in its specific form on every request; here that
happens only when the address is the root's own or names no page below it.
``dlhs.views.serve_page``, the view for page addresses in place of Wagtail's, routes by
``route_for_request`` and hands Wagtail the result, which Wagtail keeps on the request
(``_wagtail_route_for_request``) for every later question about it.

The pages walked through are kept on the page served (``route_ancestors``), so the
breadcrumbs need no query of their own. A page type may name the relations its page always
shows (``serve_select_related = ("category", "hero_image")``): the page served is read with
them, in the same query.
"""

from django.http import Http404
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site

ROUTE_ANCESTORS = "_route_ancestors"
# How many levels of the address are read in the one query. Deeper than any section of the
# site; a longer address (a crawler's or an attacker's) goes on by Wagtail's own routing from
# there, which answers 404 at the first slug with no page.
MOST_LEVELS = 16


def _as_path(parts):
    """``["news", "a-story"]`` as ``"news/a-story/"``."""
    return "".join(f"{part}/" for part in parts)


def _answers_itself(page, remaining):
    """Whether ``page`` (read as a plain Page) takes the rest of the address itself."""
    page_class = page.specific_class
    if page_class is None:
        return True  # a type no longer in the code: let Wagtail's own path deal with it
    if page_class.route is Page.route:
        return False
    if page_class.route is RoutablePageMixin.route:
        if not page.live:
            return False  # Wagtail asks only a live page for its sub-routes
        try:
            page_class.get_resolver().resolve("/" + _as_path(remaining))
        except Resolver404:
            return False
        return True
    return True


def _served_form(page):
    """``page.specific``, read with the relations its type always shows."""
    page_class = page.specific_class
    related = getattr(page_class, "serve_select_related", ())
    if not related:
        return page.specific
    return page_class._default_manager.select_related(*related).get(pk=page.pk)


def route_ancestors(page):
    """The pages above ``page`` that routing walked through (root page first), or None."""
    return page.__dict__.get(ROUTE_ANCESTORS)


def walk(root, request, path_components):
    """The route below ``root`` to the page ``path_components`` name, or None when the first
    of them names no page below it (the root's own route then decides)."""
    levels = path_components[:MOST_LEVELS]
    prefixes = [root.url_path + _as_path(levels[:length]) for length in range(1, len(levels) + 1)]
    # By slug, which has an index (url_path has none), then matched on the whole path.
    candidates = Page.objects.filter(
        slug__in=set(levels),
        depth__gt=root.depth,
        depth__lte=root.depth + len(levels),
        path__startswith=root.path,
    )
    along = {page.url_path: page for page in candidates if page.url_path in prefixes}
    walked = [root]
    for position, prefix in enumerate(prefixes):
        parent, remaining = walked[-1], path_components[position:]
        if parent is not root and _answers_itself(parent, remaining):
            break
        child = along.get(prefix)
        if child is None or child.depth != parent.depth + 1:
            break
        walked.append(child)
    target = walked[-1]
    if target is root:
        return None
    remaining = path_components[len(walked) - 1 :]
    specific = _served_form(target)
    specific._cached_parent_obj = walked[-2]
    specific.__dict__[ROUTE_ANCESTORS] = walked[:-1]
    return specific.route(request, remaining)


class DirectRouting:
    """For the page type at the root of a site: one query for the pages along the address."""

    def route(self, request, path_components):
        found = walk(self, request, path_components) if path_components else None
        return found or self.route_as_its_type(request, path_components)

    def route_as_its_type(self, request, path_components):
        """The answer of the page type's own ``route`` (its sub-routes, or Wagtail's 404)."""
        return super().route(request, path_components)


def route_for_request(request, path):
    """What Wagtail's ``Page.route_for_request`` answers, without reading the site's root page
    in its specific form for an address below it."""
    site = Site.find_for_request(request)
    root = site.root_page if site else None  # a plain Page, read in the site's query
    path_components = [component for component in path.split("/") if component]
    routes_directly = (
        root is not None
        and issubclass(root.specific_class or Page, DirectRouting)
        and root.localized.pk == root.pk
    )
    if not (routes_directly and path_components):
        return Page.route_for_request(request, path)  # Wagtail's own
    try:
        found = walk(root, request, path_components)
        return found or root.specific.route_as_its_type(request, path_components)
    except Http404:
        return None
