"""Alumni: spotlights, the alumni directory, alumni news and “Share your news”."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.models import Orderable

from dlhs.fields import optional_reference
from dlhs.images import image_field
from dlhs.links import LinkFields, link_address, resolve_links
from news.models import NewsIndexPage, NewsPage
from pages.models.base import DepartmentPage
from people.models import AlumniUpdateFormPage, PersonPage


class AlumniPage(DepartmentPage):
    """Where alumni come back: spotlights, the directory, alumni news and a way to share theirs."""

    news_tag = models.SlugField(
        default="alumni", help_text="Stories with this tag appear here as alumni news."
    )

    content_panels = DepartmentPage.content_panels + [
        InlinePanel("spotlights", heading="Alumni spotlights", label="Spotlight"),
        FieldPanel("news_tag"),
    ]

    max_count = 1
    parent_page_types = ["pages.AboutPage", "pages.HomePage"]
    subpage_types = ["people.AlumniUpdateFormPage", "pages.StandardPage"]

    class Meta:
        verbose_name = "alumni page"

    def spotlight_list(self):
        spotlights = self.spotlights.select_related(
            "image", "person", "person__photo", "person__program", "link_page", "link_document"
        ).prefetch_related("image__renditions", "person__photo__renditions")
        return resolve_links(spotlights, also=("person",))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news_index = NewsIndexPage.objects.live().public().first()
        news_url = news_index.get_url(request) if news_index else ""
        tag_query = urlencode({"tag": self.news_tag})
        context.update(
            spotlights=self.spotlight_list(),
            alumni_directory=PersonPage.objects.alumni_directory(),
            alumni_news=list(NewsPage.objects.for_listing().filter(tags__slug=self.news_tag)[:5]),
            alumni_news_links={
                "listing": f"{news_url}?{tag_query}",
                "rss": f"{news_url}feed/rss/?{tag_query}",
                "atom": f"{news_url}feed/atom/?{tag_query}",
            }
            if news_url
            else {},
            share_news_page=AlumniUpdateFormPage.objects.child_of(self).live().public().first(),
        )
        return context


class AlumniSpotlight(Orderable, LinkFields):
    """An alumnus or alumna in the spotlight: a person with a profile, or a short story.

    The name links to the chosen link, else to the person's profile (while it can be shown).
    """

    page = ParentalKey(AlumniPage, on_delete=models.CASCADE, related_name="spotlights")
    person = optional_reference(
        "people.PersonPage", help_text="Choose a person with a profile, or fill in the name below."
    )
    name = models.CharField(max_length=255, blank=True)
    headline = models.CharField(max_length=255, blank=True, help_text="e.g. HILS PhD 2021")
    story = models.TextField()
    image = image_field()

    panels = [
        PageChooserPanel("person", "people.PersonPage"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("headline")]),
        FieldPanel("story"),
        FieldPanel("image"),
        MultiFieldPanel(LinkFields.link_panels, heading="Read more (optional)"),
    ]

    def clean(self):
        super().clean()
        if not self.person_id and not self.name:
            raise ValidationError({"name": "Choose a person or give a name."})

    @property
    def display_name(self):
        return self.name or (self.person.title if self.person_id else "")

    @property
    def display_image(self):
        if self.image_id:
            return self.image
        return self.person.photo if self.person_id else None

    @property
    def url(self):
        if self.has_link:
            return super().url
        return link_address(page=self.person, shown_ids=getattr(self, "_shown_page_ids", None))
