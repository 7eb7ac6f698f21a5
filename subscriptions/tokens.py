"""The signed links in our messages (django.core.signing, keyed by SECRET_KEY).

A confirmation link carries the whole request (address, topic ids, frequency) and expires
after SUBSCRIPTIONS_CONFIRMATION_DAYS; until it is followed nothing is stored. A
subscriber's own link (unsubscribe, manage) carries only the address and does not expire,
so the unsubscribe link of an old digest still works.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing

CONFIRMATION_SALT = "subscriptions.confirm"
SUBSCRIBER_SALT = "subscriptions.subscriber"


@dataclass(frozen=True)
class SubscriptionRequest:
    email: str
    topic_ids: tuple
    frequency: str


def confirmation_token(request):
    payload = {"e": request.email, "t": list(request.topic_ids), "f": request.frequency}
    return signing.dumps(payload, salt=CONFIRMATION_SALT, compress=True)


def read_confirmation_token(token):
    """The request a confirmation link carries, or None if it is forged, damaged or old."""
    max_age = timedelta(days=settings.SUBSCRIPTIONS_CONFIRMATION_DAYS)
    try:
        payload = signing.loads(token, salt=CONFIRMATION_SALT, max_age=max_age)
        return SubscriptionRequest(
            email=str(payload["e"]),
            topic_ids=tuple(int(pk) for pk in payload["t"]),
            frequency=str(payload["f"]),
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def subscriber_token(email):
    return signing.dumps(email, salt=SUBSCRIBER_SALT)


def read_subscriber_token(token):
    try:
        email = signing.loads(token, salt=SUBSCRIBER_SALT)
    except signing.BadSignature:
        return None
    return email if isinstance(email, str) else None
