"""Absolute addresses for messages: under SITE_URL (the admin's base URL when it is unset)."""

from django.conf import settings
from django.urls import reverse

from subscriptions.tokens import subscriber_token


def site_address():
    return (settings.SITE_URL or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def absolute_url(url):
    """``url`` as an absolute address; one that is absolute already (media on S3) stays."""
    if url.startswith(("http://", "https://")):
        return url
    return site_address() + url


def unsubscribe_url(email):
    token = subscriber_token(email)
    return absolute_url(reverse("subscriptions:unsubscribe", args=[token]))


def manage_url(email):
    token = subscriber_token(email)
    return absolute_url(reverse("subscriptions:manage", args=[token]))
