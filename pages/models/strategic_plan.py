"""The strategic plan and its goals."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from dlhs.fields import optional_reference
from dlhs.links import link_address
from pages.models.base import DepartmentPage


class StrategicPlanPage(DepartmentPage):
    """The department's strategic plan: the year it was made and its numbered goals."""

    plan_year = models.PositiveSmallIntegerField(help_text="The year the plan was completed.")
    goals_note = models.TextField(
        blank=True, help_text="A sentence shown after the goals, e.g. how they are weighed."
    )
    dei_page = optional_reference("pages.DEIPage", verbose_name="DEI initiatives page")

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("plan_year"),
        FieldPanel("hero_image"),
        InlinePanel("goals", heading="Goals", label="Goal", min_num=1),
        FieldPanel("goals_note"),
        PageChooserPanel("dei_page", "pages.DEIPage"),
        FieldPanel("body"),
    ]
    search_fields = DepartmentPage.search_fields + [
        index.RelatedFields(
            "goals", [index.SearchField("title"), index.SearchField("description")]
        ),
    ]

    max_count = 1
    parent_page_types = ["pages.AboutPage"]
    subpage_types = []

    class Meta:
        verbose_name = "strategic plan page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["goals"] = list(self.goals.all())
        context["dei_page_url"] = link_address(page=self.dei_page, request=request)
        return context


class StrategicGoal(Orderable):
    """A goal of the strategic plan, numbered in the order editors give."""

    STATUS_CHOICES = [
        ("", "No status"),
        ("planned", "Planned"),
        ("in_progress", "In progress"),
        ("ongoing", "Ongoing"),
        ("achieved", "Achieved"),
    ]

    page = ParentalKey(StrategicPlanPage, on_delete=models.CASCADE, related_name="goals")
    title = models.TextField()
    description = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, blank=True)
    progress_note = models.TextField(blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("progress_note")]),
    ]
