"""Building and sending our messages: HTML and plain text, list headers, refusals.

Every message carries ``List-Unsubscribe`` with the site's one-click address (and a mailto
when SUBSCRIPTIONS_UNSUBSCRIBE_MAILTO is set) and ``List-Unsubscribe-Post`` (RFC 8058), so
mail programs can offer their own unsubscribe button.
"""

import logging
import smtplib
from enum import Enum

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import Site

from dlhs.models import SiteSettings
from subscriptions.links import absolute_url, manage_url, site_address, unsubscribe_url
from subscriptions.tokens import confirmation_token

logger = logging.getLogger(__name__)


class Outcome(Enum):
    SENT = "sent"
    REFUSED = "refused"  # a 5xx for the address: permanent
    DEFERRED = "deferred"  # a 4xx: try again later


def department():
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site) if site else SiteSettings()


def one_line(text):
    return " ".join(str(text).split())


def build_message(email, subject, template, context):
    """An HTML and plain-text message to ``email`` from ``subscriptions/email/<template>``."""
    unsubscribe = unsubscribe_url(email)
    context = {
        **context,
        "subject": one_line(subject),
        "department": context.get("department") or department(),
        "site_address": site_address(),
        "unsubscribe_url": unsubscribe,
        "manage_url": manage_url(email),
        "subscribe_url": absolute_url(reverse("subscriptions:subscribe")),
    }
    list_unsubscribe = f"<{unsubscribe}>"
    if settings.SUBSCRIPTIONS_UNSUBSCRIBE_MAILTO:
        list_unsubscribe += (
            f", <mailto:{settings.SUBSCRIPTIONS_UNSUBSCRIBE_MAILTO}?subject=unsubscribe>"
        )
    message = EmailMultiAlternatives(
        subject=one_line(subject),
        body=render_to_string(f"subscriptions/email/{template}.txt", context),
        from_email=settings.SUBSCRIPTIONS_FROM_EMAIL,
        to=[email],
        headers={
            "List-Unsubscribe": list_unsubscribe,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(
        render_to_string(f"subscriptions/email/{template}.html", context), "text/html"
    )
    return message


def confirmation_message(subscription_request, topics):
    token = confirmation_token(subscription_request)
    confirm = absolute_url(reverse("subscriptions:confirm", args=[token]))
    return build_message(
        subscription_request.email,
        "Please confirm your e-mail updates",
        "confirmation",
        {
            "confirm_url": confirm,
            "topics": topics,
            "frequency": subscription_request.frequency,
            "days": settings.SUBSCRIPTIONS_CONFIRMATION_DAYS,
        },
    )


def digest_message(email, digest, frequency_label="Your", site_settings=None):
    site_settings = site_settings or department()
    subject = f"{frequency_label} news from the {site_settings.department_name}"
    return build_message(email, subject, "digest", {"digest": digest, "department": site_settings})


def announcement_message(email, subject, body, topic, site_settings=None):
    context = {"body": body, "topic": topic, "department": site_settings}
    return build_message(email, subject, "announcement", context)


def send_one(connection, message):
    """Send ``message`` on an open connection; what the server said about its recipient.

    Faults of the connection itself (server away, our sender refused) are raised, so the
    task that sends is retried.
    """
    try:
        connection.send_messages([message])
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _ in error.recipients.values()]
        if codes and all(500 <= code < 600 for code in codes):
            logger.info("The mail server refused a subscriber's address for good: %s", codes)
            return Outcome.REFUSED
        logger.warning("The mail server deferred a message: %s", codes)
        return Outcome.DEFERRED
    return Outcome.SENT
