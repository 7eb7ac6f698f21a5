"""Importing stories from a source's RSS or Atom feed.

``import_source`` fetches the feed through ``dlhs.outbound`` (limits on time, size and
redirects; private addresses refused), parses it with feedparser and turns each new item into
a story under the news index. Every item is created in a transaction of its own, and a feed
that cannot be fetched or read creates nothing: a bad run never changes what an earlier run
imported. What happened is kept as a ``StorySourceRun``.
"""

import html
import io
import logging
import mimetypes
import xml.sax
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import feedparser
import nh3
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from dlhs import outbound
from news.models import ImportedFeedItem, NewsIndexPage, NewsPage, StorySourceRun

logger = logging.getLogger(__name__)

# The rich text an imported body may keep: what the story editor itself offers.
BODY_TAGS = {"p", "br", "h2", "h3", "h4", "ul", "ol", "li", "a", "b", "strong", "i", "em"}
BODY_ATTRIBUTES = {"a": {"href"}}
LINK_SCHEMES = {"http", "https", "mailto"}
TEASER_LENGTH = NewsPage._meta.get_field("teaser").max_length
TITLE_LENGTH = NewsPage._meta.get_field("title").max_length
IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp"}
NEEDS_ALT_TEXT_TAG = "needs alt text"


class FeedUnreadable(Exception):
    """The feed could be fetched but is not an RSS or Atom feed we can read."""


def clean_body(markup, base_url):
    """The item's HTML with only the story editor's formatting, and its links made absolute
    against ``base_url``: scripts, styles, frames, forms, event attributes and javascript:
    links are removed (nh3, the Ammonia sanitiser)."""
    return nh3.clean(
        markup,
        tags=BODY_TAGS,
        clean_content_tags={"script", "style"},
        attributes=BODY_ATTRIBUTES,
        url_schemes=LINK_SCHEMES,
        url_relative=("rewrite_with_base", base_url),
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def plain_text(markup):
    """Words only: tags removed, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(nh3.clean(markup or "", tags=set())).split())


class ItemPictures(HTMLParser):
    """The pictures in an item's HTML: their absolute addresses, each with its alt text."""

    def __init__(self, base_url):
        super().__init__()
        self.base_url = base_url
        self.alt_texts = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "img" and attributes.get("src"):
            address = urljoin(self.base_url, attributes["src"].strip())
            self.alt_texts.setdefault(address, attributes.get("alt") or "")


@dataclass
class FeedStory:
    """What one feed item says, read once from feedparser's entry."""

    guid: str
    link: str
    title: str
    date: date | None
    summary_html: str
    body_html: str
    categories: list[str] = field(default_factory=list)
    image_url: str = ""
    image_alt: str = ""

    @classmethod
    def from_entry(cls, entry, base_url):
        link = entry.get("link", "").strip()
        link = urljoin(base_url, link) if link else ""
        if urlsplit(link).scheme not in {"http", "https"}:
            link = ""
        content = entry.get("content") or []
        body_html = content[0].get("value", "") if content else ""
        summary_html = entry.get("summary", "")
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        image_url, image_alt = cls.lead_image(entry, base_url)
        return cls(
            guid=(entry.get("id") or "").strip()[:500],
            link=link[:500],
            title=plain_text(entry.get("title", "")),
            date=datetime(*published[:6], tzinfo=UTC).date() if published else None,
            summary_html=summary_html,
            body_html=body_html or summary_html,
            categories=[plain_text(tag.get("term", "")) for tag in entry.get("tags", [])],
            image_url=image_url,
            image_alt=image_alt,
        )

    @staticmethod
    def lead_image(entry, base_url):
        """The address of the item's picture (media:content, media:thumbnail, an image
        enclosure, else the first picture in its HTML) and the feed's description of it: the
        alt text of that picture in the item's HTML. (feedparser files media:description as
        the item's summary, so it cannot be told apart.)"""
        pictures = ItemPictures(base_url)
        for part in [*entry.get("content", []), entry.get("summary_detail", {})]:
            pictures.feed(part.get("value", ""))
        candidates = [
            *(
                m.get("url")
                for m in entry.get("media_content", [])
                if m.get("medium", "image") == "image"
            ),
            *(m.get("url") for m in entry.get("media_thumbnail", [])),
            *(
                link.get("href")
                for link in entry.get("links", [])
                if link.get("rel") == "enclosure" and link.get("type", "") in IMAGE_TYPES
            ),
            *pictures.alt_texts,
        ]
        for candidate in candidates:
            address = urljoin(base_url, candidate or "")
            if candidate and urlsplit(address).scheme in {"http", "https"}:
                return address, plain_text(pictures.alt_texts.get(address, ""))
        return "", ""

    @property
    def key(self):
        return self.guid or self.link

    def matches(self, keywords):
        if not keywords:
            return True
        text = " ".join([self.title, plain_text(self.summary_html), *self.categories])
        text = text.casefold()
        return any(keyword in text for keyword in keywords)

    def teaser(self):
        text = plain_text(self.summary_html) or plain_text(self.body_html) or self.title
        return Truncator(text).chars(TEASER_LENGTH)


def read_feed(response, messages):
    parsed = feedparser.parse(response.body, response_headers={"content-location": response.url})
    if not parsed.version and not parsed.entries:
        raise FeedUnreadable("Not an RSS or Atom feed (no feed element and no items)")
    if parsed.bozo and isinstance(parsed.get("bozo_exception"), xml.sax.SAXException):
        # feedparser's lenient parser still reads what it can; items cut off are failed below
        messages.append(
            f"The feed is not well-formed XML ({parsed.bozo_exception}); read leniently"
        )
    return parsed


def fetch_feed(source):
    headers = {"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9"}
    if source.etag:
        headers["If-None-Match"] = source.etag
    if source.last_modified:
        headers["If-Modified-Since"] = source.last_modified
    return outbound.fetch(source.feed_url, headers=headers)


def import_source(source):
    """Fetch one source and import its new items; the run, saved, with what happened."""
    run = StorySourceRun.objects.create(source=source)
    messages = []
    try:
        response = fetch_feed(source)
        if response.status == 304:
            run.outcome = StorySourceRun.Outcome.NOT_MODIFIED
        elif response.status != 200:
            raise FeedUnreadable(f"The feed's server answered HTTP {response.status}")
        else:
            parsed = read_feed(response, messages)
            import_items(source, run, parsed, response.url, messages)
            run.outcome = StorySourceRun.Outcome.IMPORTED
            # Items that failed are tried again next time: no 304 until they are in.
            keep = not run.failed_count
            source.etag = response.headers.get("ETag", "")[:255] if keep else ""
            source.last_modified = response.headers.get("Last-Modified", "")[:255] if keep else ""
    except (outbound.OutboundError, FeedUnreadable) as error:
        run.outcome = StorySourceRun.Outcome.FAILED
        messages.insert(0, str(error))
    except Exception as error:
        run.outcome = StorySourceRun.Outcome.FAILED
        run.messages = f"Unexpected error: {error!r}"
        run.finished_at = timezone.now()
        run.save()
        raise
    source.fetched_at = timezone.now()
    source.save(update_fields=["etag", "last_modified", "fetched_at"])
    run.finished_at = timezone.now()
    run.messages = "\n".join(messages)
    run.save()
    logger.info("Story source %s: %s", source, run.summary())
    return run


def import_items(source, run, parsed, base_url, messages):
    index = NewsIndexPage.objects.first()
    if index is None:
        raise FeedUnreadable("The site has no news index page to put stories under")
    keywords = source.keyword_list()
    seen = set()
    for entry in parsed.entries:
        story = FeedStory.from_entry(entry, base_url)
        if not story.key or not story.title:
            run.failed_count += 1
            messages.append("An item without a title, or without both guid and link, was skipped")
            continue
        if story.key in seen or story.link in seen:
            continue  # the same item twice in one feed
        seen.update({story.key, story.link} - {""})
        if ImportedFeedItem.objects.matching(source, story.guid, story.link).exists():
            run.known_count += 1
        elif not story.matches(keywords):
            run.unmatched_count += 1
        else:
            try:
                with transaction.atomic():
                    page = create_story(source, index, story)
                run.new_count += 1
                if not page.hero_image_ok_to_publish():
                    messages.append(
                        f"“{page.title[:80]}” waits as a draft: its picture needs alt text"
                    )
            except Exception as error:  # noqa: BLE001 - one bad item must not stop the rest
                logger.warning("Story source %s: item %s failed", source, story.key, exc_info=True)
                run.failed_count += 1
                messages.append(f"“{story.title[:80]}”: {error}")


def create_story(source, index, story):
    page = NewsPage(
        title=story.title[:TITLE_LENGTH],
        slug=unique_slug(index, story.title),
        date=story.date or timezone.localdate(),
        teaser=story.teaser(),
        category=source.category,
        source_url=story.link,
        source_name=source.name,
        hero_image=download_image(story, source) if story.image_url else None,
        live=False,
    )
    body = clean_body(story.body_html, story.link or source.feed_url)
    if body:
        page.body = [("paragraph", RichText(body))]
    page.tags.add(*source.tag_list())
    index.add_child(instance=page)
    ImportedFeedItem.objects.create(
        source=source, guid=story.guid, link=story.link, title=story.title[:255], story=page
    )
    # A picture without alt text keeps the story from being published: it goes to moderation
    # even from a source that publishes at once, and the workflow's accessibility check holds
    # it until the picture is described.
    revision = page.save_revision(log_action=True)
    if source.publish_immediately and page.hero_image_ok_to_publish():
        revision.publish()
    elif (workflow := page.get_workflow()) is not None:
        workflow.start(page, user=None)
    return page


def unique_slug(index, title):
    base = slugify(title)[:200] or "story"
    taken = set(index.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def download_image(story, source):
    """The item's picture, in the image library; None when it cannot be had (the story is
    imported without one)."""
    try:
        response = outbound.fetch(story.image_url)
    except outbound.OutboundError:
        logger.info("Story source %s: no image from %s", source, story.image_url, exc_info=True)
        return None
    if response.status != 200:
        return None
    try:
        with PillowImage.open(io.BytesIO(response.body)) as picture:
            picture.verify()
            extension = (picture.format or "jpeg").lower()
    except Exception:  # noqa: BLE001 - anything Pillow cannot read is not a picture
        return None
    name = urlsplit(response.url).path.rsplit("/", 1)[-1] or "picture"
    if not mimetypes.guess_type(name)[0]:
        name = f"{name}.{extension}"
    image = get_image_model()(
        title=Truncator(story.title).chars(255),
        description=story.image_alt[:255],
        credit=source.name,
        file=ImageFile(io.BytesIO(response.body), name=name[-100:]),
    )
    image.save()
    if not image.description:
        image.tags.add(NEEDS_ALT_TEXT_TAG)
    return image
