"""The public side: sign up, confirm, change or leave, all without an account.

Every view here is ``never_cache``: their pages carry a form, an address or a token and must
not land in the shared page cache. Links from messages are the only credential: the signed
token in the address (subscriptions/tokens.py). Confirming and leaving are POSTs (a button on
the page the link opens), so a mail scanner that follows links changes nothing; the
unsubscribe address also takes the RFC 8058 one-click POST from mail programs.
"""

import logging
import re

from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from dlhs.security import RateLimit
from people.forms import caught_in_honeypot
from subscriptions.forms import ManageSubscriptionForm, SubscribeForm, offered_topics
from subscriptions.models import Subscriber, SubscriptionTopic
from subscriptions.tasks import send_confirmation
from subscriptions.tokens import (
    read_confirmation_token,
    read_subscriber_token,
    subscriber_token,
)


class AddressRateLimit(RateLimit):
    """RateLimit's counting, keyed by an e-mail address instead of the visitor's address:
    however many clients ask, one address gets only a few confirmation messages."""

    def key(self, email):
        digest = salted_hmac(f"rate-limit:{self.scope}", email).hexdigest()[:32]
        return f"rate-limit:{self.scope}:{digest}"


# A person correcting a typo signs up a few times; a script is refused after that.
CLIENT_LIMIT = RateLimit("subscribe", limit=10, window=60 * 60)
ADDRESS_LIMIT = AddressRateLimit("subscribe-address", limit=3, window=24 * 60 * 60)


logger = logging.getLogger(__name__)
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}")


def bad_link(request):
    return render(request, "subscriptions/bad_link.html", status=400)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    """The sign-up form. Whatever the address (new, waiting for confirmation, subscribed,
    refused), a valid form gets the same redirect; only the mailbox's owner learns more."""
    if request.method != "POST":
        wanted = [slug for slug in request.GET.getlist("topic")[:20] if SLUG.fullmatch(slug)]
        initial = {"topics": list(offered_topics().filter(slug__in=wanted))}
        return render(
            request, "subscriptions/subscribe.html", {"form": SubscribeForm(initial=initial)}
        )
    if CLIENT_LIMIT.exceeded(request):
        response = render(request, "subscriptions/rate_limited.html", status=429)
        response["Retry-After"] = str(CLIENT_LIMIT.window)
        return response
    CLIENT_LIMIT.record(request)
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render(request, "subscriptions/subscribe.html", {"form": form})
    if not caught_in_honeypot(form):
        email = form.cleaned_data["email"]
        if not ADDRESS_LIMIT.exceeded(email):
            ADDRESS_LIMIT.record(email)
            topic_ids = sorted(topic.pk for topic in form.cleaned_data["topics"])
            try:
                send_confirmation.enqueue(email, topic_ids, form.cleaned_data["frequency"])
            except Exception:  # noqa: BLE001 - a queue outage must not fail the form
                logger.exception("Could not enqueue a subscription confirmation")
    return redirect("subscriptions:check_your_inbox", permanent=False)


@never_cache
def check_your_inbox(request):
    return render(request, "subscriptions/check_your_inbox.html")


@csrf_exempt  # the signed token is the credential; there is no session to forge
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    subscription_request = read_confirmation_token(token)
    if subscription_request is None:
        return bad_link(request)
    if request.method != "POST":
        return render(request, "subscriptions/confirm.html", {"token": token})
    frequency = subscription_request.frequency
    if frequency not in Subscriber.Frequency.values:
        frequency = Subscriber.Frequency.WEEKLY
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.select_for_update().get_or_create(
            email=subscription_request.email
        )
        subscriber.frequency = frequency
        subscriber.changed_at = timezone.now()
        subscriber.refused_at = None  # its owner has just read our mail
        subscriber.save()
        subscriber.topics.set(
            SubscriptionTopic.objects.filter(pk__in=subscription_request.topic_ids)
        )
    return render(
        request,
        "subscriptions/confirmed.html",
        {"subscriber": subscriber, "manage_path": manage_path(subscriber.email)},
    )


def manage_path(email):
    return reverse("subscriptions:manage", args=[subscriber_token(email)])


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    email = read_subscriber_token(token)
    if email is None:
        return bad_link(request)
    subscriber = Subscriber.objects.filter(email=email).first()
    if subscriber is None:
        return render(request, "subscriptions/not_subscribed.html", status=404)
    form = ManageSubscriptionForm(request.POST or None, subscriber=subscriber)
    saved = False
    if request.method == "POST" and form.is_valid():
        subscriber.frequency = form.cleaned_data["frequency"]
        subscriber.changed_at = timezone.now()
        subscriber.save(update_fields=["frequency", "changed_at"])
        subscriber.topics.set(form.cleaned_data["topics"])
        saved = True
    context = {
        "form": form,
        "subscriber": subscriber,
        "saved": saved,
        "unsubscribe_path": reverse("subscriptions:unsubscribe", args=[token]),
    }
    return render(request, "subscriptions/manage.html", context)


@csrf_exempt  # RFC 8058: mail programs POST "List-Unsubscribe=One-Click" and nothing else
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET shows one button; any POST (the button, or a mail program's one-click) deletes the
    subscription and everything stored with it."""
    email = read_subscriber_token(token)
    if email is None:
        return bad_link(request)
    if request.method != "POST":
        return render(request, "subscriptions/unsubscribe.html", {"email": email})
    Subscriber.objects.filter(email=email).delete()
    return render(request, "subscriptions/unsubscribed.html", {"email": email})
