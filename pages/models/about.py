"""The about page and the standard pages below it and elsewhere."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from pages.models.base import INLINE_FEATURES, TEXT_FEATURES, DepartmentPage


class AboutPage(DepartmentPage):
    """Who the department is: mission, vision and the story told in the body."""

    eyebrow = models.CharField(
        max_length=120, blank=True, help_text="A short line above the title, e.g. a theme."
    )
    mission = RichTextField(blank=True, features=INLINE_FEATURES)
    vision = RichTextField(blank=True, features=TEXT_FEATURES)

    content_panels = Page.content_panels + [
        FieldPanel("eyebrow"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [FieldPanel("mission"), FieldPanel("vision")], heading="Mission and vision"
        ),
        FieldPanel("body"),
    ]
    search_fields = DepartmentPage.search_fields + [
        index.SearchField("mission"),
        index.SearchField("vision"),
    ]

    max_count = 1
    parent_page_types = ["pages.HomePage"]
    subpage_types = [
        "pages.HistoryPage",
        "pages.LectureshipPage",
        "pages.StrategicPlanPage",
        "pages.DEIPage",
        "pages.AlumniPage",
        "pages.StandardPage",
    ]

    class Meta:
        verbose_name = "about page"


class StandardPage(DepartmentPage):
    """Any other content page: Education, Research, Contact and the like."""

    parent_page_types = [
        "pages.HomePage",
        "pages.AboutPage",
        "pages.StandardPage",
        "pages.DEIPage",
        "pages.AlumniPage",
    ]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = "standard page"
