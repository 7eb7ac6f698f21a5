"""News and stories: the department's own, and those first published elsewhere."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from pages.blocks import BaseStreamBlock


class NewsCategory(models.Model):
    """Where a story comes from or what kind it is: Health Lab, Department News, …"""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(max_length=255, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "news categories"

    def __str__(self):
        return self.name


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPageQuerySet(PageQuerySet):
    def for_listing(self):
        """Live, public stories, newest first, with what a card shows fetched up front."""
        return (
            self.live()
            .public()
            .select_related("category", "hero_image")
            .prefetch_related("tags")
            .order_by("-date", "-pk")
        )

    def featured(self, count=6, tag=None):
        """Featured stories, newest first; the latest stories when none is featured."""
        stories = self.for_listing()
        if tag:
            stories = stories.filter(tags__slug=tag)
        featured = list(stories.filter(featured=True)[:count])
        return featured or list(stories[:count])


NewsPageManager = PageManager.from_queryset(NewsPageQuerySet)


class NewsIndexPage(Page):
    """The news section at /news/: every story, newest first, with filters and feeds."""

    intro = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    max_count = 1
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["news.NewsPage"]

    class Meta:
        verbose_name = "news index page"

    def stories(self, tag=None, category=None, year=None):
        stories = NewsPage.objects.child_of(self).for_listing()
        if tag:
            stories = stories.filter(tags__slug=tag)
        if category:
            stories = stories.filter(category__slug=category)
        if year:
            stories = stories.filter(date__year=year)
        return stories

    @property
    def summary(self):
        return self.search_description or self.intro


class NewsPage(Page):
    """A story: written here, or a teaser for one first published on another site."""

    date = models.DateField("publication date", default=timezone.localdate)
    category = models.ForeignKey(
        NewsCategory, null=True, blank=True, on_delete=models.SET_NULL, related_name="stories"
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True)
    teaser = models.TextField(
        max_length=600, help_text="Two or three sentences shown in listings and shared links."
    )
    hero_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), blank=True)
    featured = models.BooleanField(
        default=False, help_text="Show in “Featured News & Stories” on the home and about pages."
    )
    source_url = models.URLField(
        "first published at",
        blank=True,
        help_text="For stories that live on Health Lab, Medical School News and the like: "
        "listings link straight there.",
    )
    source_name = models.CharField(max_length=120, blank=True, help_text="e.g. Health Lab")

    objects = NewsPageManager()

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
                FieldPanel("tags"),
                FieldPanel("featured"),
            ],
            heading="Filing",
        ),
        FieldPanel("teaser"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("source_url"), FieldPanel("source_name")],
            heading="Published elsewhere",
        ),
        MultipleChooserPanel(
            "related_people", chooser_field_name="person", heading="People in this story"
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.FilterField("date"),
        index.FilterField("featured"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "news story"
        verbose_name_plural = "news stories"

    def clean(self):
        super().clean()
        if self.source_name and not self.source_url:
            raise ValidationError({"source_url": "Give the address where it was first published."})

    @property
    def summary(self):
        return self.search_description or self.teaser

    @property
    def share_image(self):
        return self.hero_image

    @property
    def listing_url(self):
        """Where a listing card leads: the original for stories published elsewhere."""
        return self.source_url or self.url

    def related_stories(self, count=3):
        tag_ids = [tag.pk for tag in self.tags.all()]
        if not tag_ids:
            return NewsPage.objects.none()
        return (
            NewsPage.objects.for_listing()
            .filter(tags__in=tag_ids)
            .exclude(pk=self.pk)
            .distinct()[:count]
        )


class NewsPagePerson(Orderable):
    """A person of the department that a story is about."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_people")
    person = models.ForeignKey(
        "people.PersonPage", on_delete=models.CASCADE, related_name="news_mentions"
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        unique_together = [("page", "person")]
