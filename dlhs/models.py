"""Site-wide models: the image library's image model, the department's settings, and what
keeps content right (page reviews, broken links)."""

import datetime
import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images.models import AbstractImage, AbstractRendition, Filter, Image
from wagtail.models import Orderable, Task, TaskState

from dlhs import editorial
from dlhs.images import image_field
from dlhs.links import LinkFields, resolve_links


@functools.lru_cache(maxsize=1024)
def shared_filter(spec):
    """One ``Filter`` per spec for the whole process.

    Wagtail makes a new Filter for every spec of every picture it shows, and parsing one
    (its operations, checked with ``inspect``) cost half a millisecond: a third of the
    about page's render went on its six pictures' 30 specs. A Filter holds only its parsed
    spec; each image's own values (focal point) are passed in where it is used.
    """
    return Filter(spec=spec)


def shared(filter):
    """The process's Filter for a spec given as text or as a plain Filter (as the picture and
    srcset tags make one per spec on every render); any other kind of filter as it is."""
    if isinstance(filter, str):
        return shared_filter(filter)
    if type(filter) is Filter:
        return shared_filter(filter.spec)
    return filter


class SiteImage(AbstractImage):
    """An image in the library, with the alt text and credit shown wherever it is used."""

    description = models.CharField(
        "alt text",
        max_length=255,
        blank=False,
        default="",
        help_text=(
            "Describe what the picture shows for people who cannot see it. "
            "A block that uses the image may give alt text of its own for that place."
        ),
    )
    credit = models.CharField(
        max_length=255, blank=True, help_text="Photographer or source, shown with the image."
    )

    admin_form_fields = (*Image.admin_form_fields, "credit")

    @property
    def alt_text(self):
        return self.default_alt_text

    def get_rendition(self, filter):
        # Through get_renditions, which leaves a rendition read back from the cache alone;
        # Wagtail's get_rendition writes it to the cache again on every call.
        (rendition,) = self.get_renditions(filter).values()
        return rendition

    def get_renditions(self, *filters):
        return super().get_renditions(*(shared(spec) for spec in filters))


class SiteRendition(AbstractRendition):
    image = models.ForeignKey(SiteImage, on_delete=models.CASCADE, related_name="renditions")

    def __setstate__(self, state):
        # Read back from the renditions cache: say so, or Wagtail's get_renditions writes it
        # back to the cache on every render that shows it (seven file writes per about page).
        super().__setstate__(state)
        self._from_cache = True

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting, ClusterableModel):
    """Who the department is and how to reach it: used by the header, footer and metadata."""

    department_name = models.CharField(
        max_length=255, default="Department of Learning Health Sciences"
    )
    short_name = models.CharField(max_length=40, default="DLHS")
    parent_organisation = models.CharField(
        max_length=255, blank=True, default="University of Michigan Medical School"
    )
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    footer_text = models.TextField(
        blank=True, help_text="A sentence or two shown at the bottom of every page."
    )
    default_share_image = image_field(
        "Used when a shared page has no image of its own (1200 × 630 works best)."
    )

    alert_enabled = models.BooleanField("show the alert banner", default=False)
    alert_text = models.CharField(max_length=255, blank=True)
    alert_link = models.URLField(blank=True)

    x_url = models.URLField("X (Twitter)", blank=True)
    linkedin_url = models.URLField("LinkedIn", blank=True)
    youtube_url = models.URLField("YouTube", blank=True)
    facebook_url = models.URLField("Facebook", blank=True)
    instagram_url = models.URLField("Instagram", blank=True)

    select_related = ["default_share_image"]

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("department_name"), FieldPanel("short_name")]),
                FieldPanel("parent_organisation"),
            ],
            heading="Identity",
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldRowPanel([FieldPanel("phone"), FieldPanel("email")])],
            heading="Contact",
        ),
        MultiFieldPanel(
            [FieldPanel("alert_enabled"), FieldPanel("alert_text"), FieldPanel("alert_link")],
            heading="Alert banner",
        ),
        FieldPanel("footer_text"),
        InlinePanel("navigation_links", heading="Footer and utility links", label="Link"),
        FieldPanel("default_share_image"),
        MultiFieldPanel(
            [
                FieldPanel("x_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("youtube_url"),
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
            ],
            heading="Social media",
        ),
    ]

    class Meta:
        verbose_name = "department settings"

    def clean(self):
        super().clean()
        if self.alert_enabled and not self.alert_text:
            raise ValidationError({"alert_text": "Write the alert before switching it on."})

    @cached_property
    def _links(self):
        # Links whose page cannot be shown (a draft, a private page) are left out.
        links = self.navigation_links.select_related("link_page", "link_document")
        return [link for link in resolve_links(links) if link.url]

    @property
    def footer_link_list(self):
        return [link for link in self._links if link.placement == NavigationLink.FOOTER]

    @property
    def utility_link_list(self):
        return [link for link in self._links if link.placement == NavigationLink.UTILITY]

    @property
    def social_links(self):
        named = [
            ("X", self.x_url),
            ("LinkedIn", self.linkedin_url),
            ("YouTube", self.youtube_url),
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
        ]
        return [(name, url) for name, url in named if url]


class NavigationLink(Orderable, LinkFields):
    """A link in the footer or the utility bar above the header: to a page, document or site."""

    FOOTER = "footer"
    UTILITY = "utility"
    PLACEMENT_CHOICES = [(FOOTER, "Footer"), (UTILITY, "Utility bar (top of every page)")]

    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="navigation_links")
    label = models.CharField(max_length=80)
    placement = models.CharField(max_length=10, choices=PLACEMENT_CHOICES, default=FOOTER)

    link_required = True
    panels = [
        FieldRowPanel([FieldPanel("label"), FieldPanel("placement")]),
        *LinkFields.link_panels,
    ]


class WorkerHeartbeat(models.Model):
    """The last sign of life of a background worker or of the scheduler, for the task report,
    the dashboard warning and /healthz/worker; a worker's unfinished task is run again by
    another worker once its heartbeat is older than TASKS_WORKER_TIMEOUT_SECONDS."""

    class Role(models.TextChoices):
        WORKER = "worker", "Worker"
        SCHEDULER = "scheduler", "Scheduler"

    worker_id = models.CharField(max_length=64, unique=True)
    role = models.CharField(max_length=16, choices=Role.choices)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-seen_at"]

    def __str__(self):
        return f"{self.get_role_display()} {self.hostname}:{self.pid}"


class AccessibilityCheckTask(Task):
    """The workflow step before Moderator approval: the page's content checks must pass.

    When a page is submitted the checks of dlhs/accessibility.py run on the submitted
    revision; a clean page passes the step at once and goes on to the Moderators. A page with
    problems stays here: the author (and the Moderators) see the list in the page editor, fix
    the page and choose "Check and approve", which passes only once every check does.
    Moderators may also send the page back with "Request changes".
    """

    admin_form_fields = Task.admin_form_fields

    class Meta:
        verbose_name = "accessibility check"
        verbose_name_plural = "accessibility checks"

    @classmethod
    def get_description(cls):
        return (
            "Checks image alt text, heading order, link texts, table captions (and what apps "
            "add); passes by itself when the page is right, and cannot be approved until it is."
        )

    @staticmethod
    def problems_of_revision(revision):
        from dlhs import accessibility

        return accessibility.problems(revision.as_object())

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        if not self.problems_of_revision(task_state.revision):
            # update=False: WorkflowState.update moves on to the next step by itself.
            task_state.approve(update=False, comment=CHECKS_PASSED)
        return task_state

    def is_moderator(self, user):
        return user.is_superuser or user.groups.filter(name=editorial.MODERATORS).exists()

    def get_actions(self, obj, user):
        actions = []
        if self.is_moderator(user):
            actions.append(("reject", "Request changes", True))
        permissions = getattr(obj, "permissions_for_user", None)  # pages; not snippets
        if self.is_moderator(user) or (permissions and permissions(user).can_edit()):
            actions.append(("approve", "Check and approve", False))
        return actions

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self.is_moderator(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name != "approve":
            return super().on_action(task_state, user, action_name, **kwargs)
        page = task_state.workflow_state.content_object
        latest = page.get_latest_revision()
        if self.problems_of_revision(latest):
            # Not approved: back to the editor, which lists what to fix (dlhs/wagtail_hooks.py).
            return reverse("wagtailadmin_pages:edit", args=[page.pk])
        task_state.revision = latest
        task_state.save(update_fields=["revision"])
        task_state.approve(user=user, comment=CHECKS_PASSED)
        return None


CHECKS_PASSED = "All accessibility checks passed."


class PageReviewQuerySet(models.QuerySet):
    def of_live_pages(self):
        return self.filter(page__live=True, page__depth__gt=1)

    def due_by(self, day):
        """Reviews of live pages whose date is ``day`` or earlier, the most overdue first."""
        return (
            self.of_live_pages()
            .filter(review_by__lte=day)
            .select_related("page", "owner")
            .order_by("review_by", "page__title")
        )

    def overdue(self, today=None):
        return self.due_by((today or timezone.localdate()) - datetime.timedelta(days=1))

    def owned_by(self, user):
        return self.filter(owner=user)


class PageReview(models.Model):
    """Who answers for a page and by when they check it is still right.

    Kept beside the page rather than on it, so that every page type has one without a
    migration of its own and marking a page reviewed is not a new revision of its content.
    Created when a page is first published (``dlhs.page_review``).
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="review"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_pages",
        verbose_name="responsible person",
        help_text="Reminded by e-mail when the page is due for review.",
    )
    review_by = models.DateField("review by")
    last_reviewed_at = models.DateTimeField(null=True, blank=True)
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = PageReviewQuerySet.as_manager()

    def __str__(self):
        return f"Review of {self.page_id} by {self.review_by}"

    @property
    def is_overdue(self):
        return self.review_by < timezone.localdate()


class BrokenLinkQuerySet(models.QuerySet):
    def on_page(self, page):
        return self.filter(page=page).order_by("kind", "address")

    def for_report(self):
        return self.select_related("page").order_by("kind", "-first_seen_at", "address")


class BrokenLink(models.Model):
    """A link in published content that leads nowhere (or somewhere else), found by the
    weekly link check or at once when the page it leads to is unpublished or deleted."""

    class Kind(models.TextChoices):
        BROKEN = "broken", "Broken"
        REDIRECTED = "redirected", "Redirected"
        NOT_CHECKED = "not_checked", "Not checked"

    # No page: a footer or utility link of the department settings.
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="broken_links",
    )
    place = models.CharField(max_length=255, help_text="Where the link is: a field or block.")
    text = models.CharField("link text", max_length=255, blank=True)
    address = models.CharField(max_length=2048)
    # What the link points at, as compared between runs: "page:12", "document:3" or the URL.
    target = models.CharField(max_length=2048)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.BROKEN)
    problem = models.CharField("what went wrong", max_length=500)
    first_seen_at = models.DateTimeField("since", default=timezone.now)
    checked_at = models.DateTimeField(default=timezone.now)

    objects = BrokenLinkQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "target"], name="broken_link_once_per_page")
        ]

    def __str__(self):
        return f"{self.address}: {self.problem}"

    @property
    def key(self):
        return (self.page_id, self.target)
