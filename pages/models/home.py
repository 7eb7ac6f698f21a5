"""The home page: the site's root."""

from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Page

from dlhs.fields import optional_reference
from dlhs.links import link_address, link_text
from dlhs.routing import DirectRouting
from pages.models.base import DepartmentPage


class HomePage(DirectRouting, DepartmentPage):
    """The site root: a welcome, ways into each section and the latest news.

    As the site's root it routes every request below it (``DirectRouting``).
    """

    hero_heading = models.CharField(
        max_length=255, blank=True, help_text="The big line at the top; the title if empty."
    )
    hero_link = optional_reference(
        "wagtailcore.Page", help_text="Where the button in the welcome leads."
    )
    hero_link_label = models.CharField(max_length=60, blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("intro"),
                FieldPanel("hero_image"),
                FieldRowPanel([PageChooserPanel("hero_link"), FieldPanel("hero_link_label")]),
            ],
            heading="Welcome",
        ),
        FieldPanel("body"),
    ]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    # The sections of the site; people's, news's and events' index pages stand here because this
    # list names them (they name no page type of this app).
    subpage_types = [
        "pages.AboutPage",
        "pages.StandardPage",
        "pages.LectureshipPage",
        "pages.AlumniPage",
        "news.NewsIndexPage",
        "events.EventIndexPage",
        "people.PeopleIndexPage",
    ]

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        address = link_address(page=self.hero_link, request=request)
        if address:
            context["hero_link_url"] = address
            context["hero_link_text"] = link_text(self.hero_link_label, self.hero_link)
        return context
