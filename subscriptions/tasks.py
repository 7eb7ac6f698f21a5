"""Sending in the background: confirmations, digest rounds in batches, announcements.

Each task is safe to run again (dlhs/background.py retries it): a digest batch skips whoever
already got this round's digest, and a refused address is marked so it is never tried again.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import Q
from django.utils import timezone

from dlhs.background import retried
from subscriptions.digest import DigestBatch
from subscriptions.mail import (
    Outcome,
    announcement_message,
    confirmation_message,
    department,
    digest_message,
    send_one,
)
from subscriptions.models import Mailing, Subscriber, SubscriptionTopic
from subscriptions.tokens import SubscriptionRequest

logger = logging.getLogger(__name__)


class DeliveryDeferred(Exception):
    """The mail server asked us to try some messages again later (a 4xx)."""


def batches(ids, size=None):
    size = size or settings.SUBSCRIPTIONS_BATCH_SIZE
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def mark_refused(email):
    Subscriber.objects.filter(email=email, refused_at__isnull=True).update(
        refused_at=timezone.now()
    )


@retried(attempts=5)
def send_confirmation(email, topic_ids, frequency):
    """The double opt-in message: the only one ever sent to an address not yet confirmed."""
    subscription_request = SubscriptionRequest(email, tuple(topic_ids), frequency)
    topics = list(SubscriptionTopic.objects.filter(pk__in=topic_ids))
    with get_connection() as connection:
        outcome = send_one(connection, confirmation_message(subscription_request, topics))
    if outcome is Outcome.REFUSED:
        mark_refused(email)
    elif outcome is Outcome.DEFERRED:
        raise DeliveryDeferred("confirmation")


def start_digest_round(force=False, send_batch=None):
    """Log a round and hand the due subscribers to ``send_batch`` (by default: enqueue
    a task per batch); the round's Mailing."""
    send_batch = send_batch or send_digest_batch.enqueue
    now = timezone.now()
    due = list(
        Subscriber.objects.due_for_digest(now, force=force)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    mailing = Mailing.objects.create(
        kind=Mailing.Kind.DIGEST, started_at=now, recipients=len(due), subject="Digest"
    )
    for batch in batches(due):
        send_batch(batch, mailing.pk, now.isoformat())
    return mailing


@retried(attempts=3)
def send_digest_round(force=False):
    """One round: the subscribers whose digest is due, in batches of their own tasks."""
    return start_digest_round(force=force).pk


def deliver_digests(subscriber_ids, mailing_id, round_started):
    """The digests of up to SUBSCRIPTIONS_BATCH_SIZE subscribers over one connection."""
    until = datetime.fromisoformat(round_started)
    subscribers = list(
        Subscriber.objects.deliverable()
        .filter(pk__in=subscriber_ids)
        .filter(Q(last_digest_at__isnull=True) | Q(last_digest_at__lt=until))
        .prefetch_related("topics")
    )
    if not subscribers:
        return
    topics = {topic for subscriber in subscribers for topic in subscriber.topics.all()}
    since = min(subscriber.news_since for subscriber in subscribers)
    batch = DigestBatch(topics, since, until)
    site_settings = department()
    mailing = Mailing(pk=mailing_id)
    sent = nothing_new = refused = deferred = 0
    try:
        with get_connection() as connection:
            for subscriber in subscribers:
                topic_ids = {topic.pk for topic in subscriber.topics.all()}
                digest = batch.digest_for(topic_ids, subscriber.news_since)
                if not digest:
                    nothing_new += 1
                    continue
                label = subscriber.get_frequency_display()
                message = digest_message(subscriber.email, digest, label, site_settings)
                outcome = send_one(connection, message)
                if outcome is Outcome.SENT:
                    Subscriber.objects.filter(pk=subscriber.pk).update(last_digest_at=until)
                    sent += 1
                elif outcome is Outcome.REFUSED:
                    mark_refused(subscriber.email)
                    refused += 1
                else:
                    deferred += 1
    finally:
        mailing.count(sent=sent, nothing_new=nothing_new, refused=refused)
    if deferred:
        raise DeliveryDeferred(f"{deferred} digest(s)")


@retried(attempts=5)
def send_digest_batch(subscriber_ids, mailing_id, round_started):
    """A batch of one round; a retry skips those who already got this round's digest."""
    deliver_digests(subscriber_ids, mailing_id, round_started)


def start_announcement(topic, subject, body, sent_by):
    """Log an announcement to everyone subscribed to ``topic`` and enqueue its batches."""
    ids = list(
        Subscriber.objects.deliverable()
        .filter(topics=topic)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    mailing = Mailing.objects.create(
        kind=Mailing.Kind.ANNOUNCEMENT,
        subject=subject,
        body=body,
        topic=topic,
        sent_by=sent_by,
        recipients=len(ids),
    )
    for batch in batches(ids):
        send_announcement_batch.enqueue(batch, mailing.pk)
    return mailing


@retried(attempts=3)
def send_announcement_batch(subscriber_ids, mailing_id, follow_up=0):
    """An announcement to a batch. Deferred messages go into a later batch of their own
    (a retry of the whole batch would send the others twice)."""
    mailing = Mailing.objects.select_related("topic").get(pk=mailing_id)
    subscribers = list(Subscriber.objects.deliverable().filter(pk__in=subscriber_ids))
    site_settings = department()
    sent = refused = 0
    deferred = []
    try:
        with get_connection() as connection:
            for subscriber in subscribers:
                message = announcement_message(
                    subscriber.email, mailing.subject, mailing.body, mailing.topic, site_settings
                )
                outcome = send_one(connection, message)
                if outcome is Outcome.SENT:
                    sent += 1
                elif outcome is Outcome.REFUSED:
                    mark_refused(subscriber.email)
                    refused += 1
                else:
                    deferred.append(subscriber.pk)
    finally:
        mailing.count(sent=sent, refused=refused)
    if deferred and follow_up < settings.SUBSCRIPTIONS_FOLLOW_UPS:
        later = send_announcement_batch
        if later.get_backend().supports_defer:
            delay = settings.TASKS_RETRY_DELAY_SECONDS * 2**follow_up
            later = later.using(run_after=timezone.now() + timedelta(seconds=delay))
        later.enqueue(deferred, mailing_id, follow_up=follow_up + 1)
