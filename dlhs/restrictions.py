"""Page view restrictions, read once per request rather than once per listing.

Wagtail's ``PageQuerySet.public()`` reads every ``PageViewRestriction`` each time it is
called, to build the filter that leaves out private sections. A story page calls it three
times (the people it is about, the related stories, the menu), a listing more. Inside a
request the restrictions are now read once and reused; a restriction saved or deleted
during the request (the admin's privacy dialog), or a page moved, drops what was read.
Between requests the list is kept in the fragment cache, shared by every worker until content
changes (``dlhs.cache``). Outside a request (commands, the task worker) nothing is kept, so a
long-running process never sees an old list.

``install()`` (from ``DlhsConfig.ready``) puts ``private_q`` in place on Wagtail's
``PageQuerySet``, so every page queryset, Wagtail's own included, uses it.

Serving a page, Wagtail asks ``page.get_view_restrictions()``, two queries (the page's
ancestors, then their restrictions), for every page, private or not. The same one read says
whether any restriction can apply: none when no restricted page and no alias lies on the
page's path. Then the answer is an empty queryset, with no query; otherwise Wagtail's own
method answers, aliases and all.
"""

from typing import NamedTuple

from django.db.models import Q, Value
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.signals import post_page_move

from dlhs.cache import cached_fragment
from dlhs.per_request import PerRequest


class PageOnAPath(NamedTuple):
    """A page as these rules need it: where it is, and whether it is restricted or an alias."""

    pk: int
    path: str
    depth: int
    alias_of_id: int | None
    restricted: bool


def _pages_that_matter():
    """The pages with a view restriction of their own, and every alias page, in one query.

    A union of two small reads: restrictions are few, and aliases are found by their index.
    """
    columns = ("pk", "path", "depth", "alias_of_id", "restricted")
    restricted = Page.objects.filter(view_restrictions__isnull=False).annotate(
        restricted=Value(True)
    )
    aliases = Page.objects.filter(alias_of__isnull=False).annotate(restricted=Value(False))
    union = (
        restricted.order_by()
        .values_list(*columns)
        .union(aliases.order_by().values_list(*columns), all=True)
    )
    return [PageOnAPath(*row) for row in union]


def _shared_pages_that_matter():
    """The same, from the fragment cache: read once for every worker until content changes.

    Saving or deleting a restriction, and moving, publishing or deleting a page, move the
    generation on (``dlhs.cache``), so the next request reads the list afresh.
    """
    return cached_fragment("view-restrictions", _pages_that_matter)


pages_that_matter = PerRequest(
    "dlhs-view-restrictions", _pages_that_matter, read_in_request=_shared_pages_that_matter
)


def restricted_pages():
    """The pages at the top of each private section (each restriction's own page)."""
    return [page for page in pages_that_matter.get() if page.restricted]


def get_view_restrictions(page):
    """Wagtail's ``Page.get_view_restrictions``, without its queries when none can apply."""
    on_its_path = any(page.path.startswith(other.path) for other in pages_that_matter.get())
    if not on_its_path and not page.alias_of_id:
        return PageViewRestriction.objects.none()
    return wagtail_get_view_restrictions(page)


wagtail_get_view_restrictions = Page.get_view_restrictions


def private_q(queryset):
    """Wagtail's ``PageQuerySet.private_q``, with the restrictions read once per request."""
    q = Q()
    for page in restricted_pages():
        q |= queryset.descendant_of_q(page, inclusive=True)
    return q if q else Q(pk__in=[])  # no private section: match no page


def install():
    PageQuerySet.private_q = private_q
    Page.get_view_restrictions = get_view_restrictions
    pages_that_matter.install()
    forget = pages_that_matter.forget
    post_save.connect(forget, sender=PageViewRestriction, dispatch_uid="dlhs-restrictions-save")
    post_delete.connect(forget, sender=PageViewRestriction, dispatch_uid="dlhs-restrictions-delete")
    post_page_move.connect(forget, dispatch_uid="dlhs-restrictions-move")
