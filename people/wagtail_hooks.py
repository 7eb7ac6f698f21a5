from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from people import admin_views
from people.accounts import owned_profile
from people.models import PeopleIndexPage, PersonRole, Program


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


@hooks.register("register_admin_urls")
def people_spreadsheet_urls():
    return [
        path("people/spreadsheet/", admin_views.import_view, name="people_spreadsheet_import"),
        path(
            "people/spreadsheet/export/",
            admin_views.export_view,
            name="people_spreadsheet_export",
        ),
    ]


class PeopleSpreadsheetMenuItem(MenuItem):
    def is_shown(self, request):
        directory = PeopleIndexPage.objects.first()
        return (
            directory is not None and directory.permissions_for_user(request.user).can_add_subpage()
        )


@hooks.register("register_admin_menu_item")
def people_spreadsheet_menu_item():
    return PeopleSpreadsheetMenuItem(
        "People from a spreadsheet",
        reverse("people_spreadsheet_import"),
        icon_name="table",
        order=310,
    )


class YourProfilePanel(Component):
    """Dashboard: a link to the signed-in person's own profile page, when they have one."""

    name = "your_profile"
    template_name = "people/admin/your_profile.html"
    order = 50

    def __init__(self, profile):
        self.profile = profile

    def get_context_data(self, parent_context):
        return {"profile": self.profile}


@hooks.register("construct_homepage_panels")
def add_your_profile_panel(request, panels):
    if profile := owned_profile(request.user):
        panels.insert(0, YourProfilePanel(profile))
