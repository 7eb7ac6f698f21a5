from django.db.models import Count
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.slug import SlugInput
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from events.models import EventAudience, EventKind, EventSeries


class VocabularyViewSet(SnippetViewSet):
    list_display = ["name", "slug", Column("event_count", label="Events", sort_key="event_count")]
    search_fields = ["name"]
    add_to_admin_menu = False
    panels = [FieldPanel("name"), FieldPanel("slug", widget=SlugInput)]

    def get_queryset(self, request):
        # Drafts count too: a kind with drafts of events is in use.
        return self.model.objects.annotate(event_count=Count("events")).order_by("name")


class EventKindViewSet(VocabularyViewSet):
    model = EventKind
    icon = "tag"
    menu_label = "Event kinds"


class EventAudienceViewSet(VocabularyViewSet):
    model = EventAudience
    icon = "group"
    menu_label = "Event audiences"


class EventSeriesViewSet(SnippetViewSet):
    model = EventSeries
    icon = "repeat"
    menu_label = "Event series"
    list_display = ["name", "slug", "frequency"]
    search_fields = ["name"]
    add_to_admin_menu = False


for viewset in (EventSeriesViewSet, EventKindViewSet, EventAudienceViewSet):
    register_snippet(viewset)
