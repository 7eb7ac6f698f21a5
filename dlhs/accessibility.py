"""Content checks that a page must pass before a Moderator may approve it.

Each check takes a page (the revision in moderation, as a page object) and returns a list of
problems: sentences that tell the author what to change and where. The workflow step
``AccessibilityCheckTask`` (dlhs/models.py) runs every registered check; a page with any
problem cannot pass it. Apps add checks of their own in their ``AppConfig.ready``::

    from dlhs import accessibility
    accessibility.register_check(recording_problems)

The checks read what the editor entered, field by field and block by block, so they work on
a draft before it has a template or an address. The editor's in-browser checker (axe) looks at
the rendered preview; this is the server's own, which cannot be skipped.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.db import models
from django.utils.html import format_html, format_html_join
from wagtail import blocks
from wagtail.blocks import StreamValue
from wagtail.contrib.typed_table_block.blocks import TypedTable
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import Page, WorkflowState
from wagtail.rich_text import RichText

CHECKS = []

# Link texts that say nothing about where the link goes, compared in lower case.
VAGUE_LINK_TEXTS = {"click here", "here", "click", "read more", "more", "link", "this link"}
BARE_ADDRESS = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)


def register_check(check):
    """Add ``check(page) -> [problem, …]`` to the checks of the step; usable as a decorator."""
    if check not in CHECKS:
        CHECKS.append(check)
    return check


def problems(page):
    """Every problem every registered check finds on ``page``, in the order of the checks."""
    found = []
    for check in CHECKS:
        found.extend(check(page))
    return found


@dataclass
class Piece:
    """One thing an editor entered: where it is (for the message), its block and value."""

    place: str
    block: object
    value: object


def content_pieces(page):
    """The page's own fields and every block inside its StreamFields, in the order shown.

    Fields that every page has (title, slug, SEO fields) are left out: they are checked by
    Wagtail's own validation. A RichTextField yields its RichText; a reference to an image
    yields the image.
    """
    page_fields = {field.name for field in Page._meta.get_fields()}
    for field in type(page)._meta.get_fields():
        if field.name in page_fields or not getattr(field, "concrete", False):
            continue
        place = str(field.verbose_name).capitalize()
        if isinstance(field, StreamField):
            yield from stream_pieces(place, getattr(page, field.name))
        elif isinstance(field, RichTextField):
            yield Piece(place, field, RichText(getattr(page, field.name) or ""))
        elif isinstance(field, models.ForeignKey) and issubclass(
            field.related_model, AbstractImage
        ):
            yield Piece(place, field, getattr(page, field.name))


def stream_pieces(place, value):
    if isinstance(value, StreamValue):
        for position, child in enumerate(value, start=1):
            child_place = f"{place}, block {position} ({child.block.label})"
            yield Piece(child_place, child.block, child.value)
            yield from block_pieces(child_place, child.block, child.value)


def block_pieces(place, block, value):
    if isinstance(block, blocks.StreamBlock):
        yield from stream_pieces(place, value)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            child_value = value.get(name)
            child_place = f"{place}, {child_block.label.lower()}"
            yield Piece(child_place, child_block, child_value)
            yield from block_pieces(child_place, child_block, child_value)
    elif isinstance(block, blocks.ListBlock):
        for position, item in enumerate(value or [], start=1):
            item_place = f"{place}, item {position}"
            yield Piece(item_place, block.child_block, item)
            yield from block_pieces(item_place, block.child_block, item)


class RichTextReader(HTMLParser):
    """The headings, links and embedded images of rich text in Wagtail's stored format."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings = []
        self.links = []
        self.image_alts = []
        self._link_text = None
        self._link_address = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "a":
            self._link_text = []
            self._link_address = attrs.get("href") or ""
        elif tag == "embed" and attrs.get("embedtype") == "image":
            self.image_alts.append(attrs.get("alt") or "")
            if self._link_text is not None:
                self._link_text.append(attrs.get("alt") or "")

    def handle_data(self, data):
        if self._link_text is not None:
            self._link_text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._link_text is not None:
            self.links.append((" ".join("".join(self._link_text).split()), self._link_address))
            self._link_text = None


def read_rich_text(value):
    reader = RichTextReader()
    reader.feed(value.source if isinstance(value, RichText) else str(value or ""))
    reader.close()
    return reader


def is_rich_text(piece):
    return isinstance(piece.value, RichText)


def image_alt_problems(page):
    """Every image needs alt text: the block's own for that place, else the library's."""
    found = []
    for piece in content_pieces(page):
        if isinstance(piece.value, AbstractImage) and isinstance(piece.block, models.ForeignKey):
            if not (getattr(piece.value, "description", "") or "").strip():
                found.append(
                    f"{piece.place}: the image “{piece.value.title}” has no alt text. "
                    "Give it alt text in the image library (Images → edit the image)."
                )
        elif isinstance(piece.block, blocks.StructBlock) and piece.value is not None:
            for name, child_block in piece.block.child_blocks.items():
                image = piece.value.get(name)
                if not isinstance(child_block, blocks.ChooserBlock) or not isinstance(
                    image, AbstractImage
                ):
                    continue
                alt_names = ["alt_text", f"{name}_alt_text"]
                own_alt = next(
                    (piece.value.get(alt) for alt in alt_names if alt in piece.value), None
                )
                alt = own_alt if own_alt is not None else image.description
                if not (alt or "").strip():
                    found.append(
                        f"{piece.place}: the image “{image.title}” has no alt text. "
                        "Describe what it shows in the block's alt text field."
                    )
        elif is_rich_text(piece):
            for alt in read_rich_text(piece.value).image_alts:
                if not alt.strip():
                    found.append(f"{piece.place}: an image in the text has no alt text.")
    return found


def heading_problems(page):
    """Headings go down one level at a time under the page title (the only h1).

    In a StreamField the first heading is an h2. A rich-text field outside a stream (such as a
    profile's biography) stands in a section of its own with an h2, so it starts at h3.
    """
    found = []
    levels_by_field = {}
    for piece in content_pieces(page):
        field_place = piece.place.split(",")[0]
        start = 2 if isinstance(piece.block, RichTextField) else 1
        levels = levels_by_field.setdefault(field_place, [start])
        if is_rich_text(piece):
            new_levels = read_rich_text(piece.value).headings
        elif isinstance(piece.value, blocks.StructValue) and "heading_text" in piece.value:
            level = str(piece.value.get("level") or "h2")
            new_levels = [int(level[1])] if re.fullmatch(r"h[1-6]", level) else []
        else:
            new_levels = []
        for level in new_levels:
            if level == 1:
                found.append(
                    f"{piece.place}: a heading is a main heading (h1). The page title is the "
                    "only h1; use a section heading (h2)."
                )
            elif level > levels[-1] + 1:
                found.append(
                    f"{piece.place}: an h{level} heading follows an h{levels[-1]} — a level is "
                    f"skipped. Use an h{levels[-1] + 1} here, or add the missing heading above."
                )
            levels.append(max(level, 2))
    return found


def describe_link_text(text):
    """Why a link's text does not say where it leads, or "" when it does."""
    cleaned = text.strip().rstrip(".:!").strip().lower()
    if not cleaned:
        return "has no text"
    if cleaned in VAGUE_LINK_TEXTS:
        return f"says only “{text.strip()}”"
    if BARE_ADDRESS.match(cleaned):
        return "shows a bare web address"
    return ""


def link_text_problems(page):
    """Every link says where it leads: no empty text, no "click here", no bare address."""
    found = []
    for piece in content_pieces(page):
        if is_rich_text(piece):
            for text, _address in read_rich_text(piece.value).links:
                if reason := describe_link_text(text):
                    found.append(
                        f"{piece.place}: a link {reason}. Write words that say where it leads."
                    )
        elif (
            isinstance(piece.value, blocks.StructValue)
            and "label" in piece.value
            and hasattr(piece.value, "has_target")
            and piece.value.has_target
        ):
            # A link block without a label shows its page's or document's title, which is
            # fine; a web address without a label would show the address itself.
            label = piece.value.get("label") or ""
            if not label.strip() and piece.value.get("link_url"):
                label = piece.value.get("link_url")
            if label and (reason := describe_link_text(label)):
                found.append(f"{piece.place}: the link {reason}. Give it a label that says where.")
    return found


def table_caption_problems(page):
    """Every table has a caption that says what it shows."""
    found = []
    for piece in content_pieces(page):
        caption = None
        if isinstance(piece.value, TypedTable):
            caption = piece.value.caption
        elif isinstance(piece.value, dict) and "table_caption" in piece.value:
            caption = piece.value.get("table_caption")  # wagtail.contrib.table_block
        else:
            continue
        if not (caption or "").strip():
            found.append(f"{piece.place}: the table has no caption. Say what the table shows.")
    return found


for built_in in (image_alt_problems, heading_problems, link_text_problems, table_caption_problems):
    register_check(built_in)


def problems_in_moderation(page):
    """The problems of the latest revision of a page that is in moderation, else []."""
    # Asked afresh: the page object of a request that has just submitted it remembers no state.
    in_progress = WorkflowState.objects.for_instance(page).filter(
        status=WorkflowState.STATUS_IN_PROGRESS
    )
    if not in_progress.exists():
        return []
    return problems(page.get_latest_revision().as_object())


def problems_before_publishing(page):
    """The problems that stop ``page``, as it is about to be published, from going live.

    Moderators may publish without the workflow; where the page's workflow has the check,
    publishing directly must pass it too. Pages whose workflow lacks the step are not held.
    """
    from dlhs.models import AccessibilityCheckTask  # the step's model uses this module

    workflow = page.get_workflow()
    has_the_check = (
        workflow is not None
        and AccessibilityCheckTask.objects.filter(
            active=True, workflow_tasks__workflow=workflow
        ).exists()
    )
    return problems(page) if has_the_check else []


IN_MODERATION = (
    "This page cannot pass the accessibility check until these are fixed, then "
    "“Check and approve” is chosen:"
)
NOT_PUBLISHED = (
    "Saved as a draft, not published: the accessibility check finds these, and the page "
    "can be published once they are fixed:"
)


def problems_message(found, lead=IN_MODERATION):
    """The admin message that lists what to fix (shown in the editor and after submitting)."""
    return format_html(
        "{} {}",
        lead,
        format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((p,) for p in found))),
    )
