from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from news.models import NewsCategory


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "folder-open-inverse"
    menu_label = "News categories"
    list_display = ["name", "slug", "description"]
    search_fields = ["name"]
    add_to_admin_menu = False


register_snippet(NewsCategoryViewSet)
