"""News and stories: the department's own, and those first published elsewhere."""

from urllib.parse import urlencode, urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from dlhs.cache import cached_fragment
from dlhs.editorial import SectionIndexPage
from dlhs.fields import optional_reference
from dlhs.images import image_field
from dlhs.pagetree import PlacedByParent
from dlhs.pagination import paginate
from news import schema
from news.blocks import StoryStreamBlock
from news.feeds import StoryAtomFeed, StoryRssFeed
from news.listing import StoryFacets, StoryFilters
from news.panels import StoryOriginPanel
from people.models import PersonPage


class NewsCategory(models.Model):
    """Where a story comes from or what kind it is: Health Lab, Department News, …"""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="Used in addresses such as /news/?category=health-lab. Changing it breaks "
        "links to the old address.",
    )
    description = models.CharField(
        max_length=255, blank=True, help_text="For editors: what belongs in this category."
    )

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
        """Live, public stories, newest first, with what a card shows fetched up front.

        Cards show the category and the hero image; its renditions come in one query for the
        whole page of stories, so the number of queries does not grow with the stories.
        """
        return (
            self.live()
            .public()
            .select_related("category", "hero_image")
            .prefetch_related("hero_image__renditions")
            .order_by("-date", "-pk")
        )

    def headlines(self):
        """Live, public stories, newest first, read for a list of headlines only: title,
        address, date, source and category, without the text or the pictures."""
        return (
            self.live()
            .public()
            .select_related("category")
            .only(
                "title",
                "url_path",
                "date",
                "source_url",
                "source_name",
                "category__name",
                "category__slug",
            )
            .order_by("-date", "-pk")
        )

    def featured(self, count=6, tag=None):
        """Up to ``count`` stories: the featured ones first, then the latest, newest first."""
        stories = self.for_listing()
        if tag:
            # Editors may type a tag's name ("Learning health systems") as well as its slug.
            stories = stories.filter(tags__slug=slugify(tag, allow_unicode=True))
        return list(stories.order_by("-featured", "-date", "-pk")[:count])


NewsPageManager = PageManager.from_queryset(NewsPageQuerySet)


class NewsIndexPage(SectionIndexPage, PlacedByParent, RoutablePageMixin, Page):
    """The news section at /news/: every story, newest first, with filters and feeds.

    Visitors filter by ?tag=, ?category= and ?year= (see news/listing.py for what a wrong
    value gets); /news/feed/rss/ and /news/feed/atom/ take the same ?tag= and ?category=.
    News editors publish the stories under it; the page itself is the Moderators'.
    """

    intro = models.TextField(
        blank=True, help_text="A sentence under the title of the listing; also its summary."
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    max_count = 1
    subpage_types = ["news.NewsPage"]

    stories_per_page = 12
    feed_length = 20

    class Meta:
        verbose_name = "news index page"

    def stories(self, tag=None, category=None, year=None):
        """This section's live, public stories, newest first, narrowed by the filters given."""
        filters = StoryFilters(tag=tag or "", category=category or "", year=year)
        return filters.apply(NewsPage.objects.child_of(self).for_listing())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = StoryFilters.from_query(request.GET)
        # One queryset of the whole section feeds the facets and, filtered, the page shown.
        archive = self.stories()
        facets = cached_fragment(
            "news-facet-counts",  # with the listing's length (renamed from news-facets)
            lambda: StoryFacets.count(archive, filters),
            self.pk,
            sorted(filters.as_query().items()),
        )
        # The facets counted the stories under every filter: the paginator need not again.
        page_obj = paginate(
            request, filters.apply(archive), self.stories_per_page, count=facets.matching
        )
        query = filters.as_query()
        if page_obj.number > 1:
            query["page"] = page_obj.number
        context.update(
            filters=filters,
            facets=facets,
            page_obj=page_obj,
            stories=page_obj.object_list,
            filter_description=facets.describe(),
            feeds=self.feeds(request, filters, facets.describe(with_year=False)),
            canonical_url=self.get_full_url(request) + (f"?{urlencode(query)}" if query else ""),
        )
        return context

    def feeds(self, request, filters=None, about=""):
        """The RSS and Atom feeds of the stories ``filters`` select (their year aside).

        ``about`` says in words what the filters select; the section's title without it.
        """
        query = urlencode(filters.as_query(names=("tag", "category")) if filters else {})
        base = self.get_url(request)
        about = f"{self.title} – {about}" if about else self.title
        return [
            {
                "name": name,
                "type": content_type,
                "url": base + self.reverse_subpage(route) + (f"?{query}" if query else ""),
                "title": f"{about} ({name})",
                "about": about,
            }
            for name, content_type, route in [
                ("RSS", "application/rss+xml", "rss_feed"),
                ("Atom", "application/atom+xml", "atom_feed"),
            ]
        ]

    @path("feed/rss/", name="rss_feed")
    def rss_feed(self, request):
        return StoryRssFeed(self)(request)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        return StoryAtomFeed(self)(request)

    @property
    def summary(self):
        return self.search_description or self.intro


class NewsPageForm(WagtailAdminPageForm):
    """A story may be saved as a draft with a picture that has no alt text yet (as imported
    stories can be), but not published with one. Submitted for moderation, the workflow's
    accessibility check holds it instead (dlhs/accessibility.py)."""

    def clean(self):
        cleaned_data = super().clean()
        image = cleaned_data.get("hero_image")
        if "action-publish" in self.data and image and not image.description.strip():
            self.add_error("hero_image", HERO_IMAGE_NEEDS_ALT_TEXT)
        return cleaned_data


HERO_IMAGE_NEEDS_ALT_TEXT = (
    "This image has no alt text yet: describe it in the image library (Images › edit › Alt "
    "text) before publishing, or choose another."
)


class NewsPage(Page):
    """A story: written here, or a teaser for one first published on another site."""

    base_form_class = NewsPageForm
    serve_select_related = ("category", "hero_image")  # read with the page (dlhs/routing.py)

    date = models.DateField(
        "publication date",
        default=timezone.localdate,
        help_text="Shown on the story and used to order the news; for a story first published "
        "elsewhere, the date it appeared there.",
    )
    category = optional_reference(
        NewsCategory,
        related_name="stories",
        help_text="Add categories under Snippets › News categories.",
    )
    tags = ClusterTaggableManager(
        through=NewsPageTag,
        blank=True,
        help_text="A few topics, e.g. AI, students, HILS. Each links to the stories sharing it "
        "and has its own feed; reuse an existing tag where one fits.",
    )
    teaser = models.TextField(
        max_length=600,
        help_text="Two or three sentences shown in listings, feeds and shared links, and as "
        "the lede of the story.",
    )
    hero_image = image_field(
        "The picture at the top of the story and on its card (cropped to 3:2). Its alt text "
        "comes from the image library."
    )
    body = StreamField(StoryStreamBlock(), blank=True)
    featured = models.BooleanField(
        default=False,
        help_text="Show first in “Featured News & Stories” on the home and about pages. Untick "
        "when the story is no longer news.",
    )
    source_url = models.URLField(
        "first published at",
        blank=True,
        help_text="For stories that live on Health Lab, Medical School News and the like: "
        "listings link straight there, and the story says where it was first published.",
    )
    source_name = models.CharField(
        max_length=120,
        blank=True,
        help_text="The name of that site, e.g. Health Lab. Its address is shown if empty.",
    )

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
            heading="First published elsewhere",
        ),
        MultipleChooserPanel(
            "related_people",
            chooser_field_name="person",
            heading="People in this story",
            label="Person",
            help_text="Their profiles are linked from the story.",
        ),
        StoryOriginPanel(heading="Where this story came from"),
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
        # The orders listings ask for (for_listing and featured): with them a page of cards
        # reads a dozen index entries instead of sorting every story (16 ms to 0.2 ms at
        # 10,000 stories on PostgreSQL).
        indexes = [
            models.Index(fields=["date", "page_ptr"], name="news_story_newest"),
            models.Index(fields=["featured", "date", "page_ptr"], name="news_story_featured"),
        ]

    def clean(self):
        super().clean()
        if self.source_name and not self.source_url:
            raise ValidationError({"source_url": "Give the address where it was first published."})

    def hero_image_ok_to_publish(self):
        """False for a picture without alt text (such as one imported from a feed)."""
        return not self.hero_image_id or bool(self.hero_image.description.strip())

    @property
    def summary(self):
        return self.search_description or self.teaser

    @property
    def share_image(self):
        return self.hero_image

    og_type = "article"

    def structured_data(self, request):
        return schema.news_article(self, request)

    @property
    def listing_url(self):
        """Where a listing card leads: the original for stories published elsewhere."""
        return self.source_url or self.url

    @property
    def source_label(self):
        """The name of the site a story was first published on, or its address."""
        if not self.source_url:
            return ""
        host = urlsplit(self.source_url).hostname or self.source_url
        return self.source_name or host.removeprefix("www.")

    def related_stories(self, count=3):
        """Other live stories sharing a tag with this one, newest first."""
        # In a preview the tags are the unsaved ones from the editor, some maybe new.
        tag_ids = [tag.pk for tag in self.tag_list if tag.pk]
        if not tag_ids:
            return NewsPage.objects.none()
        sharing = NewsPageTag.objects.filter(tag_id__in=tag_ids).values("content_object_id")
        return NewsPage.objects.for_listing().filter(pk__in=sharing).exclude(pk=self.pk)[:count]

    @cached_property
    def tag_list(self):
        """The story's tags, read once per render (the page, its feed entry and its JSON-LD)."""
        return list(self.tags.all())

    def people(self, request):
        """The live people this story is about, in the editor's order, as title and address.

        Read once per render: the page and its JSON-LD both show them.
        """
        if "_people" not in self.__dict__:
            self._people = self._live_people(request)
        return self._people

    def _live_people(self, request):
        person_ids = [link.person_id for link in self.related_people.all() if link.person_id]
        shown = PersonPage.objects.live().public().filter(pk__in=person_ids)
        live = shown.only("title", "url_path").in_bulk()  # not their profiles, photos or bios
        return [
            {"title": live[pk].title, "url": live[pk].get_url(request)}
            for pk in person_ids
            if pk in live
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news_index = self.get_parent().specific_deferred
        news_index_url = news_index.get_url(request)
        context.update(
            category=self.category,
            tags=self.tag_list,
            people=self.people(request),
            related_stories=list(self.related_stories()),
            news_index_url=news_index_url,
            feeds=news_index.feeds(request),
        )
        return context


class NewsPagePerson(Orderable):
    """A person of the department that a story is about."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_people")
    person = models.ForeignKey(
        "people.PersonPage", on_delete=models.CASCADE, related_name="news_mentions"
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        unique_together = [("page", "person")]
