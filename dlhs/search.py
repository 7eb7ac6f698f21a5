"""Site search: Wagtail's search over every public page, by kind, with promoted results."""

import re

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.template.response import TemplateResponse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe
from modelsearch.utils import normalise_query_string
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page

from dlhs import querystring
from dlhs.cache import cached_fragment
from dlhs.pagination import paginate
from dlhs.security import RateLimit

MAX_TERMS = 12
RESULTS_PER_PAGE = 10
OTHER_PAGES = "pages"
SEARCH_RATE_WINDOW = 60


def search_rate_limit():
    """Searches per visitor address per minute: full-text ranking is the site's dearest query."""
    return RateLimit("search", settings.SEARCH_RATE_LIMIT, SEARCH_RATE_WINDOW)


def search_terms(query):
    """The words of the query, for the backend.

    Search backends build full-text expressions from the terms, and some (SQLite's FTS5) give
    quotes and operators a meaning of their own; words alone can never be a syntax error.
    """
    return " ".join(re.findall(r"\w+", query)[:MAX_TERMS])


def result_kinds():
    """(slug, label, models) for each kind of result, as configured in SEARCH_RESULT_KINDS."""
    kinds = []
    for slug, label, model_labels in settings.SEARCH_RESULT_KINDS:
        kinds.append((slug, label, [apps.get_model(name) for name in model_labels]))
    return kinds


def searchable_pages(kind_slug, kinds):
    pages = Page.objects.live().public()
    if kind_slug == OTHER_PAGES:
        named = [model for _, _, models in kinds for model in models]
        return pages.not_type(*named) if named else pages
    for slug, _, models in kinds:
        if slug == kind_slug:
            return pages.type(*models)
    return None


def count_by_kind(terms, kinds):
    """The number of results of each kind, and of all kinds together.

    One full-text pass counts the results by page type (Wagtail's faceted search, which every
    search backend supports); each kind adds up its page types and their subclasses, as
    ``PageQuerySet.type`` matches them, and other pages are the rest. A full-text count costs
    tens of milliseconds on a large site: one, where there were one per kind and the total.
    """
    by_type = Page.objects.live().public().search(terms).facet("content_type_id")
    total = sum(by_type.values())
    page_types = {pk: ContentType.objects.get_for_id(pk).model_class() for pk in by_type}
    facets = []
    for slug, label, models in kinds:
        count = sum(
            number
            for pk, number in by_type.items()
            if page_types[pk] is not None and issubclass(page_types[pk], tuple(models))
        )
        facets.append({"slug": slug, "label": label, "count": count})
    others = total - sum(facet["count"] for facet in facets)
    return [*facets, {"slug": OTHER_PAGES, "label": "Pages", "count": others}], total


def highlight(text, query):
    """Up to ~240 characters of ``text`` around the first query term, terms in <mark>."""
    if not text:
        return ""
    terms = [re.escape(term) for term in query.split() if len(term) > 1][:10]
    if not terms:
        return escape(text[:240])
    pattern = re.compile("|".join(terms), re.IGNORECASE)
    match = pattern.search(text)
    start = max(0, match.start() - 80) if match else 0
    excerpt = text[start : start + 240]
    parts, last = [], 0
    for found in pattern.finditer(excerpt):
        parts.append(escape(excerpt[last : found.start()]))
        parts.append(f"<mark>{escape(found.group())}</mark>")
        last = found.end()
    parts.append(escape(excerpt[last:]))
    prefix = "… " if start else ""
    suffix = " …" if start + 240 < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - every piece is escaped


def promoted_results(query):
    if not query:
        return []
    return list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .select_related("page")
        .order_by("sort_order")
    )


@require_safe
def search(request):
    querystring.reject_repeats(request.GET, ("q", "type", "page"))
    query = querystring.text(request.GET, "q")
    kinds = result_kinds()
    kind = querystring.single(request.GET, "type")
    known_kinds = {slug for slug, _, _ in kinds} | {OTHER_PAGES}
    if kind and kind not in known_kinds:
        kind = ""

    terms = search_terms(query)
    if terms:
        limit = search_rate_limit()
        if limit.exceeded(request):
            response = TemplateResponse(
                request, "dlhs/search_rate_limited.html", {"search_query": query}, status=429
            )
            response["Retry-After"] = str(SEARCH_RATE_WINDOW)
            return response
        limit.record(request)
    context = {
        "search_query": query,
        "searched": bool(terms),
        "kind": kind,
        "page_obj": None,
        "facets": [],
    }
    if terms:
        # Results are kept a short while per normalised query (SEARCH_CACHE_SECONDS), under
        # the page cache's generation: a publish retires them. Keys are digests and values
        # page ids and counts, so the cache holds no visitor's words.
        normalised = terms.casefold()
        context["facets"], total = cached_fragment(
            "search-counts",
            lambda: count_by_kind(terms, kinds),
            normalised,
            seconds=settings.SEARCH_CACHE_SECONDS,
        )
        if kind:
            total = next(facet["count"] for facet in context["facets"] if facet["slug"] == kind)
        pages = searchable_pages(kind, kinds) if kind else Page.objects.live().public()
        # Only the page shown is ranked: the paginator slices the search (LIMIT/OFFSET).
        page_obj = paginate(request, pages.search(terms), RESULTS_PER_PAGE, count=total)
        hit_ids = cached_fragment(
            "search-hits",
            lambda: [hit.pk for hit in page_obj.object_list],
            normalised,
            kind,
            page_obj.number,
            seconds=settings.SEARCH_CACHE_SECONDS,
        )
        specific = Page.objects.filter(pk__in=hit_ids).specific().in_bulk()
        page_obj.object_list = [specific[pk] for pk in hit_ids if pk in specific]
        for result in page_obj.object_list:
            result.search_excerpt = highlight(getattr(result, "summary", "") or "", query)
        context["page_obj"] = page_obj
        context["total"] = page_obj.paginator.count
        context["promotions"] = promoted_results(query) if page_obj.number == 1 else []
    return TemplateResponse(request, "dlhs/search.html", context)
