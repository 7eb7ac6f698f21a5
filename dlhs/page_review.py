"""Owners and review dates: every published page has a responsible person and a date by
which they check it is still right (``dlhs.models.PageReview``).

A page type may set ``review_interval`` (a ``relativedelta``) for a shorter or longer cycle
than the default of 12 months; marking a page reviewed sets the next date from today.
"""

import datetime
import logging
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.utils import get_admin_base_url
from wagtail.log_actions import log
from wagtail.models import Page

from dlhs.models import PageReview

logger = logging.getLogger(__name__)

DEFAULT_REVIEW_INTERVAL = relativedelta(months=12)
# Shown in the page's history (registered in dlhs/wagtail_hooks.py).
PAGE_REVIEWED = "dlhs.page_reviewed"
# The owner's dashboard and reminder show pages this soon before their date.
DUE_SOON_DAYS = 30


def review_interval(page):
    return getattr(page.specific_class or type(page), "review_interval", DEFAULT_REVIEW_INTERVAL)


def next_review_date(page, after=None):
    after = after or timezone.localdate()
    return after + review_interval(page)


def default_owner_id(page, user=None):
    """Who publishes a page first answers for it, else whoever created it."""
    if user is not None and user.pk:
        return user.pk
    return page.owner_id


def start_review_on_publish(sender, instance, revision=None, **kwargs):
    """page_published: a page published for the first time gets its owner and review date."""
    page = instance
    published_at = page.last_published_at or timezone.now()
    PageReview.objects.get_or_create(
        page_id=page.pk,
        defaults={
            "owner_id": default_owner_id(page, getattr(revision, "user", None)),
            "review_by": next_review_date(page, timezone.localdate(published_at)),
        },
    )


def start_missing_reviews():
    """Give every live page without a review one, dated from its last publication: pages
    made live without the page_published signal (imports, older data). Returns the count."""
    missing = Page.objects.live().filter(depth__gt=1, review__isnull=True)
    reviews = [
        PageReview(
            page_id=page.pk,
            owner_id=page.owner_id,
            review_by=next_review_date(
                page, timezone.localdate(page.last_published_at or timezone.now())
            ),
        )
        for page in missing.only("pk", "owner_id", "last_published_at", "content_type")
    ]
    PageReview.objects.bulk_create(reviews, ignore_conflicts=True)
    return len(reviews)


def mark_reviewed(review, user):
    """The owner (or an editor) has checked the page: the next review is one interval away.
    Only the review record changes; the page and its revisions are left alone."""
    review.last_reviewed_at = timezone.now()
    review.last_reviewed_by = user
    review.review_by = next_review_date(review.page)
    review.save(update_fields=["last_reviewed_at", "last_reviewed_by", "review_by"])
    log(instance=review.page, action=PAGE_REVIEWED, user=user)
    return review


def due_soon_date(today=None):
    return (today or timezone.localdate()) + datetime.timedelta(days=DUE_SOON_DAYS)


def reminders_due(today=None):
    """{owner: [reviews]} of the live pages due within DUE_SOON_DAYS, for owners with an
    e-mail address."""
    reviews = (
        PageReview.objects.due_by(due_soon_date(today))
        .filter(owner__is_active=True)
        .exclude(owner__email="")
        .order_by("owner_id", "review_by", "page__title")
    )
    by_owner = defaultdict(list)
    for review in reviews:
        by_owner[review.owner].append(review)
    return by_owner


def send_review_reminders(today=None):
    """One e-mail per owner listing their pages due for review. A refused mail to one owner
    is logged and the others still get theirs. Returns the number of e-mails sent."""
    today = today or timezone.localdate()
    base_url = get_admin_base_url() or ""
    sent = 0
    for owner, reviews in reminders_due(today).items():
        for review in reviews:
            review.edit_url = base_url + reverse("wagtailadmin_pages:edit", args=[review.page_id])
            review.overdue = review.review_by < today
        message = render_to_string(
            "dlhs/emails/review_reminder.txt", {"owner": owner, "reviews": reviews}
        )
        count = len(reviews)
        subject = f"{count} page{'s' if count != 1 else ''} of the website due for review"
        try:
            send_mail(subject, message, settings.DEFAULT_FROM_EMAIL, [owner.email])
        except Exception:  # noqa: BLE001 - one owner's refused mail must not stop the rest
            logger.warning("Review reminder to %s failed", owner.email, exc_info=True)
            continue
        sent += 1
    return sent
