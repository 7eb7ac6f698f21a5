"""The department's history and its timeline."""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from dlhs.images import image_field
from pages.models.base import INLINE_FEATURES, DepartmentPage


class HistoryPage(DepartmentPage):
    """The department's history: an introduction and a timeline of milestones."""

    content_panels = DepartmentPage.content_panels + [
        InlinePanel("milestones", heading="Timeline", label="Milestone", min_num=1),
    ]
    search_fields = DepartmentPage.search_fields + [
        index.RelatedFields("milestones", [index.SearchField("title"), index.SearchField("text")]),
    ]

    max_count = 1
    parent_page_types = ["pages.AboutPage"]
    subpage_types = []

    class Meta:
        verbose_name = "history page"

    def timeline(self):
        return (
            self.milestones.select_related("image")
            .prefetch_related("image__renditions")
            .order_by("year", "sort_order")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["milestones"] = list(self.timeline())
        return context


class HistoryMilestone(Orderable):
    """One entry in the history timeline; entries are shown in order of year."""

    page = ParentalKey(HistoryPage, on_delete=models.CASCADE, related_name="milestones")
    year = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=255)
    text = RichTextField(blank=True, features=INLINE_FEATURES)
    image = image_field()

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("title")]),
        FieldPanel("text"),
        FieldPanel("image"),
    ]

    def clean(self):
        super().clean()
        if self.year is not None and not 1800 <= self.year <= 2200:
            raise ValidationError({"year": "Enter a year such as 1998."})
