"""What every department page shares: an introduction, a lead image and a body."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from dlhs.images import image_field
from pages.blocks import DepartmentStreamBlock

INLINE_FEATURES = ["bold", "italic", "link"]
TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class DepartmentPage(Page):
    """Fields every department page shares: a short introduction and a lead image."""

    intro = models.TextField(
        blank=True,
        help_text="One or two sentences under the title; also the summary in listings.",
    )
    hero_image = image_field("The picture at the top of the page (uses the image's alt text).")
    body = StreamField(DepartmentStreamBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    serve_select_related = ("hero_image",)  # read with the page (dlhs/routing.py)

    class Meta:
        abstract = True

    @property
    def summary(self):
        return self.search_description or self.intro

    @property
    def share_image(self):
        return self.hero_image
