"""Every link an editor makes: to a page of this site, a document, or another site.

A link to a page is shown to visitors only while that page is live and public: a draft, an
unpublished page or one behind a password or sign-in gives no address, so the link (or the
card, button or heading it makes) is left out rather than leading to a page they cannot see.
Model links use ``LinkFields``; StreamField links use ``dlhs.blocks.LinkBlock``; both end in
``link_address``. Links in rich text follow the same rule (``dlhs.rich_text``).
"""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, PageChooserPanel

from dlhs.fields import optional_reference
from dlhs.restrictions import restricted_pages

TARGETS = ("link_page", "link_document", "link_url")


def shown_page_ids(pages):
    """The ids of those of ``pages`` that visitors may see: live, and in no private section.

    No query of its own: a page is private when it lies on or below a page with a view
    restriction (password, sign-in or groups), as ``PageQuerySet.public()`` decides, and the
    restricted pages are read once per request (``dlhs.restrictions``).
    """
    live = [page for page in pages if page is not None and page.live]
    if not live:
        return set()
    private_paths = tuple(page.path for page in restricted_pages())
    return {page.pk for page in live if not page.path.startswith(private_paths)}


def link_address(page=None, document=None, url="", shown_ids=None, request=None):
    """The address of a link's target if visitors may follow it, else "".

    ``shown_ids`` (from ``shown_page_ids``) saves the query when many links are shown at once.
    """
    if page is not None:
        if shown_ids is None:
            shown_ids = shown_page_ids([page])
        return (page.get_url(request=request) or "") if page.pk in shown_ids else ""
    if document is not None:
        return document.url
    return url or ""


def link_text(text="", page=None, document=None, url=""):
    """What a link says: the editor's text, else the page's or document's title, else the URL."""
    if text:
        return text
    if page is not None:
        return page.title
    if document is not None:
        return document.title
    return url or ""


def one_target_at_most(targets, required=False):
    """The error, if any, of a link whose chosen targets are ``targets`` (names of fields)."""
    if len(targets) > 1:
        return "Choose only one of page, document or web address."
    if required and not targets:
        return "Choose a page, a document or a web address."
    return ""


class LinkFields(models.Model):
    """A link an editor makes on a model: to a page, a document or a web address.

    ``url`` is "" while the chosen page is not live and public; list views call
    ``resolve_links`` first so that a list of links costs one query, not one per link.
    """

    link_page = optional_reference("wagtailcore.Page", verbose_name="link to a page")
    link_document = optional_reference("wagtaildocs.Document", verbose_name="link to a document")
    link_url = models.URLField("link to another site", blank=True)

    link_required = False
    link_panels = [
        PageChooserPanel("link_page"),
        FieldPanel("link_document"),
        FieldPanel("link_url"),
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        values = (self.link_page_id, self.link_document_id, self.link_url)
        chosen = [name for name, value in zip(TARGETS, values, strict=True) if value]
        problem = one_target_at_most(chosen, required=self.link_required)
        if problem:
            raise ValidationError({name: problem for name in chosen or ["link_page"]})

    @property
    def has_link(self):
        return bool(self.link_page_id or self.link_document_id or self.link_url)

    @property
    def url(self):
        """The address visitors follow, or "" (no link shown) while the page cannot be shown."""
        shown_ids = getattr(self, "_shown_page_ids", None)
        return link_address(
            page=self.link_page, document=self.link_document, url=self.link_url, shown_ids=shown_ids
        )

    def link_title(self, text=""):
        return link_text(text, self.link_page, self.link_document, self.link_url)


def resolve_links(links, also=()):
    """Ask once which of ``links``' pages may be shown; returns ``links`` as a list.

    ``also`` names further page fields of the links (a spotlight's person) to ask about.
    """
    links = list(links)
    names = ("link_page", *also)
    shown_ids = shown_page_ids(
        [getattr(link, name) for link in links for name in names if getattr(link, f"{name}_id")]
    )
    for link in links:
        link._shown_page_ids = shown_ids
    return links
