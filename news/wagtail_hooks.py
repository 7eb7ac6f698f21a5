from django.db.models import Count
from wagtail.admin.panels import FieldPanel, TitleFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.slug import SlugInput
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from news.models import NewsCategory


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
