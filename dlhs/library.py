"""Who may delete or replace a file in the image and document libraries.

Editors and News editors upload, choose and describe images and documents (title, alt text,
credit, tags, focal point). Deleting an item, or replacing its file, changes every live page
that shows it at once, without moderation; so while live content uses an item, only users
with the collection's delete permission (Moderators, see dlhs/editorial.py) may do either.
An item nothing live uses may still be deleted by whoever may edit it, as in Wagtail.

Wagtail looks up the policy of a model in its registry for every admin view, bulk action
and API call, so registering ours (``register_library_policies``, from dlhs/apps.py) covers
all of them; the edit forms refuse a new file for the same reason.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.functional import cached_property
from wagtail.documents import get_document_model
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images import get_image_model
from wagtail.images.forms import BaseImageForm
from wagtail.models import Page, ReferenceIndex
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permissions import register_permission_policy

REPLACE_REFUSED = (
    "Live pages use this file, so only Moderators may replace it. Upload the new file as a "
    "new item and choose it on the pages (your change then goes through moderation), or ask "
    "a Moderator."
)


def used_by_live_content(item):
    """Whether a live page, or anything without drafts (settings, snippets), shows ``item``."""
    references = ReferenceIndex.get_references_to(item)
    page_type = ContentType.objects.get_for_model(Page)
    if references.exclude(base_content_type=page_type).exists():
        return True
    # A page's row holds its live content (drafts are revisions), so its references do too.
    page_ids = references.filter(base_content_type=page_type).values_list("object_id", flat=True)
    return Page.objects.live().filter(pk__in=[int(pk) for pk in page_ids]).exists()


class LibraryPermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's library policy, except that "delete" of an item in live use needs the
    collection's delete permission (Wagtail otherwise treats delete as change)."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        actions = set(actions)
        others = actions - {"delete"}
        if others and super().user_has_any_permission_for_instance(user, others, instance):
            return True
        if "delete" not in actions:
            return False
        return super().user_has_any_permission_for_instance(user, {"delete"}, instance) and (
            self._check_perm(user, ["delete"], collection=instance.collection)
            or not used_by_live_content(instance)
        )


class FileReplacementCheck:
    """For the library's edit forms: a new file counts as deleting the old one."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.user = user
        if self.instance.pk and "file" in self.fields and not self.may_replace_file:
            self.fields["file"].help_text = REPLACE_REFUSED

    @cached_property
    def may_replace_file(self):
        if self.user is None:
            return not used_by_live_content(self.instance)
        return self.permission_policy.user_has_permission_for_instance(
            self.user, "delete", self.instance
        )

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and "file" in self.changed_data and not self.may_replace_file:
            self.add_error("file", REPLACE_REFUSED)
        return cleaned_data


class LibraryImageForm(FileReplacementCheck, BaseImageForm):
    """The image library's form (WAGTAILIMAGES_IMAGE_FORM_BASE)."""


class LibraryDocumentForm(FileReplacementCheck, BaseDocumentForm):
    """The document library's form (WAGTAILDOCS_DOCUMENT_FORM_BASE)."""


def register_library_policies():
    # exact_class: ours is found before the one Wagtail's apps register for the same models.
    for model, auth_model in (
        (get_image_model(), "wagtailimages.Image"),
        (get_document_model(), "wagtaildocs.Document"),
    ):
        policy = LibraryPermissionPolicy(
            model, auth_model=auth_model, owner_field_name="uploaded_by_user"
        )
        register_permission_policy(model, policy, exact_class=True)
