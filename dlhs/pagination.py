"""One way to paginate every listing: bad page numbers are a 404, never a 500."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404

from dlhs import querystring

MAX_PAGE_PARAMETER_LENGTH = 9


def paginate(request, items, per_page, count=None):
    """Return the requested page of ``items``; a missing ``?page`` means the first page.

    A page that is not a whole number, is out of range or is absurdly long raises Http404 (and
    a repeated ``?page`` BadRequest, the rule of ``dlhs.querystring``), so
    crawlers and typos get a clear answer and the database is never asked for page 10^20.
    ``count``, when the caller already knows the number of items, saves counting them again.
    """
    raw = querystring.single(request.GET, "page") if "page" in request.GET else "1"
    if len(raw) > MAX_PAGE_PARAMETER_LENGTH:
        raise Http404("No such page")
    paginator = Paginator(items, per_page)
    if count is not None:  # already known: spare the database a second count
        paginator.count = count
    try:
        page = paginator.page(raw)
    except (EmptyPage, PageNotAnInteger):
        raise Http404("No such page") from None
    page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=2))
    return page
