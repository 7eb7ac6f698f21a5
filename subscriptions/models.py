"""E-mail updates: the topics editors offer, the confirmed subscribers, and the send log.

Only confirmed addresses are stored. A request to subscribe travels inside the signed
confirmation link (subscriptions/tokens.py) until its owner confirms it, so an address that
never confirms leaves nothing behind.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class SubscriptionTopic(models.Model):
    """Something a subscriber can ask to hear about: a kind of content and, for some kinds,
    which tag, category or series of it. Editors add and retire topics under Snippets."""

    class Kind(models.TextChoices):
        ALL_NEWS = "news", "All news stories"
        NEWS_TAG = "news-tag", "News stories with a tag"
        NEWS_CATEGORY = "news-category", "News stories in a category"
        EVENTS = "events", "All events"
        EVENT_SERIES = "event-series", "Events of a series"

    # Kinds that name one tag, category or series in ``reference``.
    KINDS_WITH_REFERENCE = {Kind.NEWS_TAG, Kind.NEWS_CATEGORY, Kind.EVENT_SERIES}

    name = models.CharField(max_length=80, unique=True, help_text="As subscribers see it.")
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="Used in links that preselect the topic, such as /subscribe/?topic=alumni-news.",
    )
    description = models.CharField(
        max_length=255, blank=True, help_text="A short line under the name on the sign-up form."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NEWS_TAG)
    reference = models.SlugField(
        max_length=100,
        blank=True,
        help_text="The slug of the tag, category or event series; empty for the other kinds.",
    )
    offered = models.BooleanField(
        default=True,
        help_text="Untick to stop offering the topic; existing subscribers keep getting it.",
    )
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers first.")

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("reference")]),
        FieldRowPanel([FieldPanel("offered"), FieldPanel("sort_order")]),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.kind in self.KINDS_WITH_REFERENCE and not self.reference:
            raise ValidationError({"reference": "Give the slug this topic is about."})
        if self.kind not in self.KINDS_WITH_REFERENCE and self.reference:
            raise ValidationError({"reference": "This kind of topic takes no slug."})


class SubscriberQuerySet(models.QuerySet):
    def deliverable(self):
        """Subscribers whose address the mail server has not refused."""
        return self.filter(refused_at__isnull=True)

    def due_for_digest(self, now=None, force=False):
        """Those whose weekly or monthly digest is due at ``now`` (every deliverable one with
        ``force``). The round runs daily, so an hour's slack keeps a subscriber's day fixed."""
        subscribers = self.deliverable()
        if force:
            return subscribers
        now = now or timezone.now()
        slack = timedelta(hours=1)
        subscribers = subscribers.annotate(last=Coalesce("last_digest_at", "confirmed_at"))
        return subscribers.filter(
            Q(frequency=Subscriber.Frequency.WEEKLY, last__lte=now - Subscriber.WEEK + slack)
            | Q(frequency=Subscriber.Frequency.MONTHLY, last__lte=now - Subscriber.MONTH + slack)
        )


class Subscriber(models.Model):
    """A confirmed address, its topics and how often it gets a digest. Nothing else about the
    person is kept; unsubscribing deletes the row."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", "Weekly"
        MONTHLY = "monthly", "Monthly"

    WEEK = timedelta(days=7)
    MONTH = timedelta(days=30)

    email = models.EmailField(unique=True)
    topics = models.ManyToManyField(SubscriptionTopic, related_name="subscribers")
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default="weekly")
    confirmed_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)
    last_digest_at = models.DateTimeField(null=True, blank=True)
    refused_at = models.DateTimeField(
        null=True, blank=True, help_text="When the mail server refused the address for good."
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.email

    @property
    def period(self):
        return self.MONTH if self.frequency == self.Frequency.MONTHLY else self.WEEK

    @property
    def news_since(self):
        """The start of what the next digest covers: the last digest, or for the first one the
        period before the address was confirmed (a new subscriber sees the latest news)."""
        return self.last_digest_at or self.confirmed_at - self.period


class MailingQuerySet(models.QuerySet):
    def recent(self):
        return self.select_related("topic", "sent_by").order_by("-started_at")


class Mailing(models.Model):
    """One entry of the send log: a digest round, an announcement or a test digest, with how
    many messages went out. It names no subscriber."""

    class Kind(models.TextChoices):
        DIGEST = "digest", "Digest round"
        ANNOUNCEMENT = "announcement", "Announcement"
        TEST = "test", "Test digest"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True, help_text="The text of an announcement.")
    topic = models.ForeignKey(
        SubscriptionTopic, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    nothing_new = models.PositiveIntegerField(
        default=0, help_text="Digests not sent because nothing was new in their topics."
    )
    refused = models.PositiveIntegerField(default=0)

    objects = MailingQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.started_at:%Y-%m-%d %H:%M}"

    def count(self, sent=0, nothing_new=0, refused=0):
        Mailing.objects.filter(pk=self.pk).update(
            sent=F("sent") + sent,
            nothing_new=F("nothing_new") + nothing_new,
            refused=F("refused") + refused,
        )


def topic_counts():
    """Every topic with the number of its deliverable subscribers, for the staff overview."""
    return SubscriptionTopic.objects.annotate(
        subscriber_count=Count("subscribers", filter=Q(subscribers__refused_at__isnull=True))
    )
