"""Faculty who keep their own profile: an account linked to a person's page (``account``).

The owner of a profile may open the admin and edit that one page, and of it only the fields
in ``OWNER_FIELDS``; they cannot publish, so their changes go to the moderation workflow
("Submit to Moderator approval"). Every other field stays with editors, who hold
``EDIT_PERSON_DETAILS`` (given to Editors and Moderators by people's migration) and link
accounts to profiles in the page's "Account" panel. Ownership is the published page's link:
a draft that links an account gives nothing until a Moderator publishes it.
"""

from django.contrib.auth.backends import BaseBackend
from wagtail.admin.panels import FieldPanel, PanelGroup
from wagtail.models import PagePermissionTester
from wagtail.models.panels import PanelPlaceholder

EDIT_PERSON_DETAILS = "people.edit_person_details"
ACCESS_ADMIN = "wagtailadmin.access_admin"

# What a person may change on their own profile.
OWNER_FIELDS = {
    "photo",
    "short_bio",
    "bio",
    "research_interests",
    "orcid",
    "google_scholar_url",
    "linkedin_url",
    "website_url",
    "office_hours",
    "accepting_students",
}


def owned_profile(user):
    """The person page (live record) linked to ``user``, or None; cached on the user."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_owned_profile"):
        from people.models import PersonPage

        user._owned_profile = PersonPage.objects.filter(account=user).first()
    return user._owned_profile


def for_editors_only(panels):
    """The same panels, each field not in OWNER_FIELDS shown (and saved) for editors only."""
    restricted = []
    for panel in panels:
        if isinstance(panel, PanelPlaceholder):  # Wagtail's lazily built default panels
            panel = panel.construct()
            if panel is None:
                continue
        panel = FieldPanel(panel) if isinstance(panel, str) else panel.clone()
        if isinstance(panel, PanelGroup):
            panel.children = for_editors_only(panel.children)
        elif isinstance(panel, FieldPanel) and panel.field_name not in OWNER_FIELDS:
            panel.permission = EDIT_PERSON_DETAILS
        restricted.append(panel)
    return restricted


class ProfileOwnerPermissionTester(PagePermissionTester):
    """Wagtail's page permissions, plus "change" of their own profile for its owner."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.owner_only = False
        if user.is_active and not user.is_superuser and "change" not in self.permissions:
            profile = owned_profile(user)
            if profile is not None and profile.pk == page.pk:
                self.permissions = self.permissions | {"change"}
                self.owner_only = True

    def can_delete(self, ignore_bulk=False):
        return not self.owner_only and super().can_delete(ignore_bulk)

    def can_lock(self):
        return not self.owner_only and super().can_lock()

    def can_unlock(self):
        return not self.owner_only and super().can_unlock()


class ProfileOwnerBackend(BaseBackend):
    """Lets the owner of a profile into the admin (and nothing more); signs nobody in."""

    def has_perm(self, user_obj, perm, obj=None):
        return perm == ACCESS_ADMIN and user_obj.is_active and owned_profile(user_obj) is not None
