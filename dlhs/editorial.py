"""Who may do what in the admin: the editorial groups and the permissions of each.

The groups are created by a data migration (dlhs/migrations/0002_editorial_groups.py), so a
fresh deployment has them without anyone setting them up by hand. A news section created later
gets its News editors permissions from ``grant_news_section`` (called when the section's index
page is created).
"""

from django.utils.functional import cached_property
from wagtail.models import PagePermissionTester

EDITORS = "Editors"
MODERATORS = "Moderators"
NEWS_EDITORS = "News editors"
MODERATION_WORKFLOW = "Moderator approval"

# Page permissions, as codenames of wagtailcore.Page permissions.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
NEWS_EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
# Groups whose page permissions on a section's index page cover the pages below it (stories)
# but not the index itself: the section page (its title, intro, privacy, place in the tree,
# whether it is live at all) is the Moderators'. See SectionIndexPermissionTester.
SECTION_EDITOR_GROUPS = [NEWS_EDITORS]

# Collection permissions for the image and document libraries (root collection).
LIBRARY_PERMISSIONS = {
    "wagtailimages.image": ["add_image", "change_image", "choose_image"],
    "wagtaildocs.document": ["add_document", "change_document", "choose_document"],
}

# Moderators may also delete, or replace the file of, media that live pages use (dlhs/library.py).
MODERATOR_LIBRARY_PERMISSIONS = {
    "wagtailimages.image": ["delete_image"],
    "wagtaildocs.document": ["delete_document"],
}

# Model permissions per group, as "app_label.codename".
GROUP_MODEL_PERMISSIONS = {
    EDITORS: ["wagtailadmin.access_admin"],
    MODERATORS: [
        "wagtailadmin.access_admin",
        "wagtailredirects.add_redirect",
        "wagtailredirects.change_redirect",
        "wagtailredirects.delete_redirect",
        "dlhs.change_sitesettings",
        "news.add_newscategory",
        "news.change_newscategory",
        "news.delete_newscategory",
        "people.add_personrole",
        "people.change_personrole",
        "people.add_program",
        "people.change_program",
        "wagtailsearchpromotions.add_searchpromotion",
        "wagtailsearchpromotions.change_searchpromotion",
        "wagtailsearchpromotions.delete_searchpromotion",
        # Settings → Sign-in lockouts: see them and lift them.
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
    ],
    NEWS_EDITORS: [
        "wagtailadmin.access_admin",
        "news.add_newscategory",
        "news.change_newscategory",
    ],
}


def can_see_form_submissions(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=MODERATORS).exists())


def grant_news_section(news_index_page):
    """Give News editors the run of one news section (and nothing outside it)."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    group, _ = Group.objects.get_or_create(name=NEWS_EDITORS)
    for codename in NEWS_EDITOR_PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(
            group=group, page=news_index_page, permission=permission
        )


class SectionIndexPermissionTester(PagePermissionTester):
    """What a user may do with a section's index page (such as /news/).

    Wagtail applies a page permission to the page it is granted on and to every page below it.
    Section editors' grants are made on the index so that they cover the section's pages, so
    here, on the index itself, those grants are left out: News editors add, edit and publish
    stories and order them, but cannot edit, unpublish, make private, move or delete /news/.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        if user.is_active and not user.is_superuser:
            grants = [
                grant
                for grant in self.permission_policy.get_cached_permissions_for_user(user)
                if page.path.startswith(grant.page.path)
            ]
            section_group_ids = set()
            if any(grant.page_id == page.pk for grant in grants):
                from django.contrib.auth.models import Group

                section_group_ids = set(
                    Group.objects.filter(name__in=SECTION_EDITOR_GROUPS).values_list(
                        "pk", flat=True
                    )
                )
            self.permissions = {
                grant.permission.codename.rsplit("_", maxsplit=1)[0]
                for grant in grants
                if not (grant.page_id == page.pk and grant.group_id in section_group_ids)
            }

    @cached_property
    def for_pages_below(self):
        """Wagtail's own tester, with every grant: it answers for the section's pages."""
        return PagePermissionTester(self.user, self.page)

    def can_add_subpage(self):
        return self.for_pages_below.can_add_subpage()

    def can_publish_subpage(self):
        return self.for_pages_below.can_publish_subpage()

    def can_reorder_children(self):
        return self.for_pages_below.can_reorder_children()


class SectionIndexPage:
    """Mixin for a section's index page model: see SectionIndexPermissionTester."""

    def permissions_for_user(self, user):
        return SectionIndexPermissionTester(user, self)
