from django.db.models import Count
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, TitleFieldPanel
from wagtail.admin.ui.menus import MenuItem as ButtonMenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.widgets.slug import SlugInput
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from dlhs.editorial import can_see_form_submissions
from news.models import NewsCategory, StorySource
from news.views import AlumniUpdatesView, CreateAlumniStoryView, FetchStorySourceView


class NameFieldPanel(TitleFieldPanel):
    """A name that fills in the slug while a category is new, and leaves it alone after.

    Addresses such as /news/?category=health-lab are shared and bookmarked: renaming a
    category must not quietly change them.
    """

    class BoundPanel(TitleFieldPanel.BoundPanel):
        def get_should_apply(self):
            return not (self.instance and self.instance.pk)


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "folder-open-inverse"
    menu_label = "News categories"
    list_display = [
        "name",
        "slug",
        Column("story_count", label="Stories", sort_key="story_count"),
        "description",
    ]
    search_fields = ["name"]
    add_to_admin_menu = False
    panels = [
        NameFieldPanel("name", placeholder=False),
        FieldPanel("slug", widget=SlugInput),
        FieldPanel("description"),
    ]

    def get_queryset(self, request):
        # Drafts count too: a category with drafts in it is in use.
        return NewsCategory.objects.annotate(story_count=Count("stories")).order_by("name")


register_snippet(NewsCategoryViewSet)


class StorySourceIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm("news.change_storysource"):
            buttons.append(
                ButtonMenuItem(
                    "Fetch now",
                    url=reverse("news_fetch_story_source", args=[instance.pk]),
                    icon_name="download",
                    priority=15,
                )
            )
        return buttons


class StorySourceViewSet(SnippetViewSet):
    """The feeds stories are imported from; each source's edit view lists its last runs."""

    model = StorySource
    icon = "download"
    menu_label = "Story sources"
    index_view_class = StorySourceIndexView
    list_display = [
        "name",
        "category",
        BooleanColumn("active"),
        Column("fetch_interval_hours", label="Every (hours)"),
        DateColumn("fetched_at", label="Last fetched"),
    ]
    list_filter = ["active", "category"]
    add_to_admin_menu = False

    def get_queryset(self, request):
        return StorySource.objects.select_related("category")


register_snippet(StorySourceViewSet)


@hooks.register("register_admin_urls")
def news_admin_urls():
    return [
        path(
            "news/sources/<int:pk>/fetch/",
            FetchStorySourceView.as_view(),
            name="news_fetch_story_source",
        ),
        path("news/alumni-updates/", AlumniUpdatesView.as_view(), name="news_alumni_updates"),
        path(
            "news/alumni-updates/<int:pk>/story/",
            CreateAlumniStoryView.as_view(),
            name="news_create_alumni_story",
        ),
    ]


class AlumniUpdatesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_form_submissions(request.user)


@hooks.register("register_admin_menu_item")
def alumni_updates_menu_item():
    # Beside Forms (order 700), where Moderators read the same submissions.
    return AlumniUpdatesMenuItem(
        "Alumni updates", reverse("news_alumni_updates"), icon_name="group", order=710
    )
