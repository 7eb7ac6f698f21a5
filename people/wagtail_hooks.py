from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from people.models import PersonRole, Program


class PersonRoleViewSet(SnippetViewSet):
    model = PersonRole
    icon = "group"
    menu_label = "Roles"
    list_display = ["name", "plural_name", "slug", "sort_order"]
    sort_order_field = "sort_order"


class ProgramViewSet(SnippetViewSet):
    model = Program
    icon = "list-ul"
    menu_label = "Programs"
    list_display = ["name", "short_name", "slug"]
    search_fields = ["name", "short_name"]


class PeopleSnippetGroup(SnippetViewSetGroup):
    menu_label = "People lists"
    menu_icon = "group"
    menu_order = 300
    items = (PersonRoleViewSet, ProgramViewSet)


register_snippet(PeopleSnippetGroup)
