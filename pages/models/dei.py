"""Diversity, equity and inclusion: the DEI page and its initiatives."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from dlhs.links import LinkFields, resolve_links
from pages.models.base import DepartmentPage


class DEIPage(DepartmentPage):
    """Diversity, equity and inclusion: the department's initiatives."""

    content_panels = DepartmentPage.content_panels + [
        InlinePanel("initiatives", heading="Initiatives", label="Initiative"),
    ]
    search_fields = DepartmentPage.search_fields + [
        index.RelatedFields(
            "initiatives", [index.SearchField("title"), index.SearchField("description")]
        ),
    ]

    max_count = 1
    parent_page_types = ["pages.AboutPage"]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = "DEI page"

    def initiative_list(self):
        return resolve_links(self.initiatives.select_related("link_page", "link_document"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["initiatives"] = self.initiative_list()
        return context


class DEIInitiative(Orderable, LinkFields):
    """One initiative on the DEI page, optionally linking to where it is described in full."""

    page = ParentalKey(DEIPage, on_delete=models.CASCADE, related_name="initiatives")
    title = models.CharField(max_length=255)
    description = models.TextField()

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        MultiFieldPanel(LinkFields.link_panels, heading="Where it is described (optional)"),
    ]
