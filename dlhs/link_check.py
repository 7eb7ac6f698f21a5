"""The link check: every link in published content, internal ones against the page tree and
the document library, external ones over HTTP (``dlhs.outbound``, so the same rules as story
import). Problems are kept as ``dlhs.models.BrokenLink`` rows for Reports → Broken links and
the page editor.

Links are read from the live content of each live page (the page's own fields hold its
published revision; drafts are left out), its inline children, and the footer and utility
links of the department settings. Each external address is asked once however many pages
use it, one request at a time per host.
"""

import http
import logging
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, ReferenceIndex

from dlhs import outbound
from dlhs.blocks.links import LinkBlock
from dlhs.models import BrokenLink, NavigationLink

logger = logging.getLogger(__name__)

SETTINGS_PLACE = "Footer and utility links"


@dataclass(frozen=True)
class FoundLink:
    """A link as an editor made it: exactly one of ``page_id``, ``document_id``, ``url``."""

    source_id: int | None  # the page it is on; None for the department settings
    place: str
    text: str = ""
    page_id: int | None = None
    document_id: int | None = None
    url: str = ""

    @property
    def target(self):
        if self.page_id is not None:
            return f"page:{self.page_id}"
        if self.document_id is not None:
            return f"document:{self.document_id}"
        return self.url


@dataclass(frozen=True)
class Problem:
    kind: str
    problem: str
    address: str = ""


def as_id(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def is_web_address(url):
    return urlsplit(url).scheme in {"http", "https"}


def links_in_rich_text(html, source_id, place):
    if not html or "<a" not in html:
        return
    for anchor in BeautifulSoup(html, "html.parser").find_all("a"):
        text = anchor.get_text(" ", strip=True)[:255]
        linktype = anchor.get("linktype")
        if linktype == "page" and as_id(anchor.get("id")) is not None:
            yield FoundLink(source_id, place, text, page_id=as_id(anchor["id"]))
        elif linktype == "document" and as_id(anchor.get("id")) is not None:
            yield FoundLink(source_id, place, text, document_id=as_id(anchor["id"]))
        elif is_web_address(anchor.get("href", "")):
            yield FoundLink(source_id, place, text, url=anchor["href"])


def links_in_block(block, raw, source_id, place):
    """Links in a block's stored (JSON) value: ids are read as stored, so a link to a deleted
    page is still seen."""
    if raw in (None, "", [], {}):
        return
    if isinstance(block, LinkBlock):
        text = raw.get("label") or ""
        if as_id(raw.get("page")) is not None:
            yield FoundLink(source_id, place, text, page_id=as_id(raw["page"]))
        elif as_id(raw.get("document")) is not None:
            yield FoundLink(source_id, place, text, document_id=as_id(raw["document"]))
        elif raw.get("link_url"):
            yield FoundLink(source_id, place, text, url=raw["link_url"])
    elif isinstance(block, blocks.StreamBlock):
        for child in raw:
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is not None:
                yield from links_in_block(child_block, child.get("value"), source_id, place)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from links_in_block(child_block, raw.get(name), source_id, place)
    elif isinstance(block, blocks.ListBlock):
        for item in raw:
            value = item.get("value") if isinstance(item, dict) and "type" in item else item
            yield from links_in_block(block.child_block, value, source_id, place)
    elif isinstance(block, blocks.RichTextBlock):
        yield from links_in_rich_text(raw, source_id, place)
    elif isinstance(block, blocks.URLBlock) and is_web_address(raw):
        yield FoundLink(source_id, place, str(block.label or ""), url=raw)
    elif isinstance(block, blocks.PageChooserBlock) and as_id(raw) is not None:
        yield FoundLink(source_id, place, str(block.label or ""), page_id=as_id(raw))
    elif isinstance(block, DocumentChooserBlock) and as_id(raw) is not None:
        yield FoundLink(source_id, place, str(block.label or ""), document_id=as_id(raw))


def links_in_fields(instance, source_id, skip=frozenset(), text=""):
    for field in instance._meta.concrete_fields:
        if field.name in skip or getattr(field.remote_field, "parent_link", False):
            continue
        place = str(field.verbose_name).capitalize()
        value = getattr(instance, field.attname)
        if isinstance(field, StreamField):
            yield from links_in_block(field.stream_block, value.get_prep_value(), source_id, place)
        elif isinstance(field, RichTextField):
            yield from links_in_rich_text(value, source_id, place)
        elif isinstance(field, models.URLField) and value and is_web_address(value):
            yield FoundLink(source_id, place, text, url=value)
        elif isinstance(field, models.ForeignKey) and value is not None:
            if issubclass(field.related_model, Page):
                yield FoundLink(source_id, place, text, page_id=value)
            elif issubclass(field.related_model, get_document_model()):
                yield FoundLink(source_id, place, text, document_id=value)


def links_on_page(page):
    """Every link in a (specific) page's live content and in its inline children."""
    yield from links_in_fields(page, page.pk, skip={f.name for f in Page._meta.concrete_fields})
    for relation in get_all_child_relations(type(page)):
        if relation.related_model._meta.app_label.startswith("wagtail"):
            continue  # Wagtail's own (comments): not content visitors see
        parent_field = relation.field.name
        for child in getattr(page, relation.get_accessor_name()).all():
            text = getattr(child, "label", "") or getattr(child, "title", "") or ""
            yield from links_in_fields(child, page.pk, skip={parent_field}, text=str(text))


def links_in_settings():
    for link in NavigationLink.objects.all():
        yield FoundLink(
            None,
            SETTINGS_PLACE,
            link.label,
            page_id=link.link_page_id,
            document_id=link.link_document_id,
            url=link.link_url if not (link.link_page_id or link.link_document_id) else "",
        )


def published_links():
    pages = Page.objects.live().filter(depth__gt=1).specific().iterator(chunk_size=200)
    for page in pages:
        yield from links_on_page(page)
    yield from links_in_settings()


# Internal links


def page_problems(page_ids):
    pages = {page.pk: page for page in Page.objects.filter(pk__in=page_ids)}
    problems = {}
    for page_id in page_ids:
        page = pages.get(page_id)
        if page is None:
            problems[page_id] = Problem(
                BrokenLink.Kind.BROKEN, "The page no longer exists.", f"Page {page_id} (deleted)"
            )
        elif not page.live:
            problems[page_id] = Problem(
                BrokenLink.Kind.BROKEN,
                "The page is not published: visitors see no link.",
                page.get_url() or page.url_path,
            )
    return problems


def document_problems(document_ids):
    documents = {doc.pk: doc for doc in get_document_model().objects.filter(pk__in=document_ids)}
    problems = {}
    for document_id in document_ids:
        document = documents.get(document_id)
        if document is None:
            problems[document_id] = Problem(
                BrokenLink.Kind.BROKEN,
                "The document no longer exists.",
                f"Document {document_id} (deleted)",
            )
        elif not document.file or not document.file.storage.exists(document.file.name):
            problems[document_id] = Problem(
                BrokenLink.Kind.BROKEN, "The document's file is missing.", document.url
            )
    return problems


# External links


def sentence(text):
    """outbound's reasons ("the host x was not found") as a sentence for the report."""
    text = text.strip().rstrip(".")
    return f"{text[:1].upper()}{text[1:]}." if text else "The request failed."


def status_problem(status):
    try:
        phrase = http.HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    return Problem(BrokenLink.Kind.BROKEN, f"The server answered {status} {phrase}".strip() + ".")


def check_web_address(url):
    """What is wrong with ``url`` (a Problem), or None when it answers fine.

    HEAD first; GET when the server refuses HEAD (405, 501) or HEAD fails at all, since some
    servers mishandle it. Redirects are followed and reported with where they end.
    """
    timeout = settings.LINK_CHECK_TIMEOUT_SECONDS
    try:
        response = outbound.fetch(url, method="HEAD", timeout=timeout)
        needs_get = response.status in (405, 501)
    except outbound.Refused as error:
        return Problem(BrokenLink.Kind.NOT_CHECKED, f"Not checked: {error}")
    except outbound.OutboundError:
        needs_get = True
    if needs_get:
        try:
            response = outbound.fetch(
                url, method="GET", timeout=timeout, max_bytes=settings.LINK_CHECK_MAX_BYTES
            )
        except outbound.TooLarge:
            return None  # it answered with a page, a big one
        except outbound.Refused as error:
            return Problem(BrokenLink.Kind.NOT_CHECKED, f"Not checked: {error}")
        except outbound.OutboundError as error:
            return Problem(BrokenLink.Kind.BROKEN, sentence(str(error)))
    if response.status >= 400:
        return status_problem(response.status)
    if response.redirects and response.url != url:
        first_status = response.redirects[0][0]
        return Problem(
            BrokenLink.Kind.REDIRECTED,
            f"Redirected ({first_status}) to {response.url}: link there instead.",
        )
    return None


def check_host(urls):
    # One request at a time per host: a small department server is not flooded by a check.
    return {url: check_web_address(url) for url in urls}


def web_address_problems(urls):
    by_host = defaultdict(list)
    for url in sorted(urls):
        by_host[(urlsplit(url).hostname or "").lower()].append(url)
    problems = {}
    workers = max(1, settings.LINK_CHECK_HOSTS_AT_ONCE)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="link-check") as pool:
        for results in pool.map(check_host, by_host.values()):
            problems.update(results)
    return {url: problem for url, problem in problems.items() if problem is not None}


# The run


@dataclass
class CheckSummary:
    links: int = 0
    pages: int = 0
    documents: int = 0
    web_addresses: int = 0
    broken: int = 0
    redirected: int = 0
    not_checked: int = 0

    def __str__(self):
        return (
            f"Checked {self.links} links ({self.pages} pages, {self.documents} documents, "
            f"{self.web_addresses} web addresses): {self.broken} broken, "
            f"{self.redirected} redirected, {self.not_checked} not checked."
        )


def check_links():
    """Check every published link once and bring the BrokenLink rows up to date: new
    problems are added, lasting ones keep the date they were first seen, fixed ones go."""
    started_at = timezone.now()
    found = list(published_links())
    page_ids = {link.page_id for link in found if link.page_id is not None}
    document_ids = {link.document_id for link in found if link.document_id is not None}
    urls = {link.url for link in found if link.url}

    on_pages = page_problems(page_ids)
    on_documents = document_problems(document_ids)
    on_web = web_address_problems(urls)

    current = {}
    for link in found:
        if link.page_id is not None:
            problem = on_pages.get(link.page_id)
        elif link.document_id is not None:
            problem = on_documents.get(link.document_id)
        else:
            problem = on_web.get(link.url)
            if problem is not None and not problem.address:
                problem = Problem(problem.kind, problem.problem, link.url)
        if problem is not None:
            current.setdefault((link.source_id, link.target), (link, problem))

    record(current, started_at)
    summary = CheckSummary(len(found), len(page_ids), len(document_ids), len(urls))
    for _link, problem in current.values():
        setattr(summary, problem.kind, getattr(summary, problem.kind) + 1)
    return summary


@transaction.atomic
def record(current, checked_at):
    existing = {row.key: row for row in BrokenLink.objects.select_for_update()}
    changed, added = [], []
    for key, (link, problem) in current.items():
        row = existing.get(key) or BrokenLink(page_id=link.source_id, target=link.target)
        if row.pk is not None and row.kind != problem.kind:
            row.first_seen_at = checked_at
        row.place = link.place[:255]
        row.text = link.text[:255]
        row.address = (problem.address or link.target)[:2048]
        row.kind = problem.kind
        row.problem = problem.problem[:500]
        row.checked_at = checked_at
        (changed if row.pk is not None else added).append(row)
    fields = ["place", "text", "address", "kind", "problem", "checked_at", "first_seen_at"]
    BrokenLink.objects.bulk_update(changed, fields, batch_size=500)
    BrokenLink.objects.bulk_create(added, batch_size=500)
    gone = [row.pk for key, row in existing.items() if key not in current]
    BrokenLink.objects.filter(pk__in=gone).delete()


# At once, when a page goes away


def linking_sources(page):
    """(live page id, field described) of each page whose live content links to ``page``,
    from Wagtail's reference index, and whether the department settings link to it."""
    page_type = ReferenceIndex._get_base_content_type(Page)
    references = ReferenceIndex.get_references_to(page).filter(base_content_type=page_type)
    sources = {}
    for reference in references:
        sources.setdefault(int(reference.object_id), reference.describe_source_field())
    live = set(Page.objects.live().filter(pk__in=sources).values_list("pk", flat=True))
    in_settings = NavigationLink.objects.filter(link_page=page).exists()
    return {pk: place for pk, place in sources.items() if pk in live}, in_settings


def list_links_to(page_id, title, address, problem, sources):
    """Record as broken the links from ``sources`` (see linking_sources) to a page that has
    gone; pages gone too by now are left out."""
    pages, in_settings = sources
    still_live = set(Page.objects.live().filter(pk__in=pages).values_list("pk", flat=True))
    rows = [(pk, str(place)) for pk, place in pages.items() if pk in still_live and pk != page_id]
    if in_settings:
        rows.append((None, SETTINGS_PLACE))
    now = timezone.now()
    for source_id, place in rows:
        BrokenLink.objects.update_or_create(
            page_id=source_id,
            target=f"page:{page_id}",
            defaults={
                "place": place[:255],
                "text": title[:255],
                "address": address[:2048],
                "kind": BrokenLink.Kind.BROKEN,
                "problem": problem,
                "checked_at": now,
            },
        )
    return len(rows)


def report_links_on_unpublish(sender, instance, **kwargs):
    """page_unpublished: the pages that link to it are listed at once."""
    address = instance.get_url() or instance.url_path
    problem = "The page was unpublished: visitors see no link."
    list_links_to(instance.pk, instance.title, address, problem, linking_sources(instance))


def report_links_on_delete(sender, instance, **kwargs):
    """pre_delete of a page: the reference index still knows the links to it now (it forgets
    them with the page); they are recorded once the deletion is committed."""
    if not isinstance(instance, Page) or instance.pk is None:
        return
    sources = linking_sources(instance)
    if not sources[0] and not sources[1]:
        return
    page_id, title, address = instance.pk, instance.title, f"{instance.url_path} (deleted)"
    transaction.on_commit(
        lambda: list_links_to(page_id, title, address, "The page was deleted.", sources)
    )


def forget_links_on_publish(sender, instance, **kwargs):
    """page_published: links to the page work again."""
    BrokenLink.objects.filter(target=f"page:{instance.pk}").delete()
