"""Who may do what in the admin: the editorial groups and the permissions of each.

The groups are created by a data migration (dlhs/migrations/0002_editorial_groups.py), so a
fresh deployment has them without anyone setting them up by hand. A news section created later
gets its News editors permissions from ``grant_news_section`` (called when the section's index
page is created).
"""

EDITORS = "Editors"
MODERATORS = "Moderators"
NEWS_EDITORS = "News editors"
MODERATION_WORKFLOW = "Moderator approval"

# Page permissions, as codenames of wagtailcore.Page permissions.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
NEWS_EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]

# Collection permissions for the image and document libraries (root collection).
LIBRARY_PERMISSIONS = {
    "wagtailimages.image": ["add_image", "change_image", "choose_image"],
    "wagtaildocs.document": ["add_document", "change_document", "choose_document"],
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
