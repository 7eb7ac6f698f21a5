"""Editor panels of the news app."""

from django.core.exceptions import ObjectDoesNotExist
from wagtail.admin.panels import Panel


class StoryOriginPanel(Panel):
    """Where a story came from: the feed item it was imported from, or the alumni update it
    was made from. Shown only on such stories."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "news/panels/story_origin.html"

        def origin(self, name):
            if not self.instance.pk:
                return None
            try:
                return getattr(self.instance, name)
            except ObjectDoesNotExist:
                return None

        def is_shown(self):
            return bool(self.origin("imported_from") or self.origin("alumni_update"))

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["imported_from"] = self.origin("imported_from")
            context["alumni_update"] = self.origin("alumni_update")
            return context


class StorySourceRunsPanel(Panel):
    """A source's last runs and its "Fetch now" button (on the edit view only)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "news/panels/source_runs.html"

        def is_shown(self):
            return bool(self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["source"] = self.instance
            context["runs"] = list(self.instance.recent_runs())
            return context
