"""Page view restrictions, read once per request rather than once per listing.

Wagtail's ``PageQuerySet.public()`` reads every ``PageViewRestriction`` each time it is
called, to build the filter that leaves out private sections. A story page calls it three
times (the people it is about, the related stories, the menu), a listing more. Inside a
request the restrictions are now read once and reused; a restriction saved or deleted
during the request (the admin's privacy dialog), or a page moved, drops what was read.
Outside a request (commands, the task worker) nothing is kept, so a long-running process
never sees an old list.

``install()`` (from ``DlhsConfig.ready``) puts ``private_q`` in place on Wagtail's
``PageQuerySet``, so every page queryset, Wagtail's own included, uses it.
"""

from contextvars import ContextVar

from django.core.signals import request_finished, request_started
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.signals import post_page_move

NOT_IN_REQUEST = object()
UNREAD = None

# What this request has read: NOT_IN_REQUEST outside one, UNREAD until the first listing.
_read = ContextVar("dlhs_view_restriction_paths", default=NOT_IN_REQUEST)


def _restricted_pages():
    return [
        restriction.page
        for restriction in PageViewRestriction.objects.select_related("page").only(
            "page__path", "page__depth"
        )
    ]


def restricted_pages():
    """The pages at the top of each private section (each restriction's own page)."""
    read = _read.get()
    if read is NOT_IN_REQUEST:
        return _restricted_pages()
    if read is UNREAD:
        read = _restricted_pages()
        _read.set(read)
    return read


def private_q(queryset):
    """Wagtail's ``PageQuerySet.private_q``, with the restrictions read once per request."""
    q = Q()
    for page in restricted_pages():
        q |= queryset.descendant_of_q(page, inclusive=True)
    return q if q else Q(pk__in=[])  # no private section: match no page


def _start(**kwargs):
    _read.set(UNREAD)


def _finish(**kwargs):
    _read.set(NOT_IN_REQUEST)


def _forget(**kwargs):
    if _read.get() is not NOT_IN_REQUEST:
        _read.set(UNREAD)


def install():
    PageQuerySet.private_q = private_q
    request_started.connect(_start, dispatch_uid="dlhs-restrictions-start")
    request_finished.connect(_finish, dispatch_uid="dlhs-restrictions-finish")
    post_save.connect(_forget, sender=PageViewRestriction, dispatch_uid="dlhs-restrictions-save")
    post_delete.connect(
        _forget, sender=PageViewRestriction, dispatch_uid="dlhs-restrictions-delete"
    )
    post_page_move.connect(_forget, dispatch_uid="dlhs-restrictions-move")
