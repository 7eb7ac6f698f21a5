"""Staff pages under E-mail updates in the admin.

Everyone with admin access (Editors and up) sees the counts per topic, the send log, a
preview of the next digest and can send a test digest to themselves; only Moderators see
addresses, export them and send announcements.
"""

import csv
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.mail import get_connection
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from dlhs.csv_safety import neutralise_formula
from dlhs.task_report import is_moderator
from subscriptions.digest import DigestBatch
from subscriptions.forms import AnnouncementForm, offered_topics
from subscriptions.mail import Outcome, announcement_message, digest_message, send_one
from subscriptions.models import Mailing, Subscriber, topic_counts
from subscriptions.tasks import start_announcement

PREVIEW_PERIOD = timedelta(days=7)


def moderators_only(view):
    def check(request, *args, **kwargs):
        if not is_moderator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return check


def sample_digest():
    """What a weekly subscriber of every offered topic would get now."""
    topics = list(offered_topics())
    now = timezone.now()
    since = now - PREVIEW_PERIOD
    return DigestBatch(topics, since, now).digest_for({topic.pk for topic in topics}, since)


def overview(request):
    context = {
        "topics": topic_counts(),
        "subscriber_total": Subscriber.objects.deliverable().count(),
        "refused_total": Subscriber.objects.filter(refused_at__isnull=False).count(),
        "mailings": Mailing.objects.recent()[:30],
        "is_moderator": is_moderator(request.user),
    }
    return TemplateResponse(request, "subscriptions/admin/overview.html", context)


def preview_digest(request):
    digest = sample_digest()
    if not digest:
        return TemplateResponse(request, "subscriptions/admin/nothing_new.html")
    message = digest_message(request.user.email or "preview@example.invalid", digest, "Weekly")
    html = message.alternatives[0].content
    return HttpResponse(html)


@require_POST
def send_test_digest(request):
    email = request.user.email
    if not email:
        messages.error(request, "Your account has no e-mail address; add one under Account.")
        return redirect("subscriptions_overview")
    digest = sample_digest()
    if not digest:
        messages.warning(request, "Nothing was published in the last week: no digest to send.")
        return redirect("subscriptions_overview")
    try:
        with get_connection() as connection:
            outcome = send_one(connection, digest_message(email, digest, "Test: weekly"))
    except Exception:  # noqa: BLE001 - the mail server's fault is shown, not a 500
        outcome = None
    if outcome is Outcome.SENT:
        Mailing.objects.create(
            kind=Mailing.Kind.TEST, subject="Test digest", sent_by=request.user, recipients=1,
            sent=1,
        )  # fmt: skip
        messages.success(request, f"A test digest is on its way to {email}.")
    else:
        messages.error(request, "The mail server did not take the test digest; try again later.")
    return redirect("subscriptions_overview")


@moderators_only
def subscriber_list(request):
    subscribers = Subscriber.objects.prefetch_related("topics").order_by("email")
    page = Paginator(subscribers, 50).get_page(request.GET.get("p"))
    return TemplateResponse(request, "subscriptions/admin/subscribers.html", {"page_obj": page})


CSV_COLUMNS = ["email", "topics", "frequency", "confirmed_at", "last_digest_at", "refused_at"]


@moderators_only
def subscriber_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="subscribers.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for subscriber in Subscriber.objects.prefetch_related("topics").order_by("email"):
        row = [
            subscriber.email,
            "; ".join(topic.name for topic in subscriber.topics.all()),
            subscriber.frequency,
            *(
                value.isoformat() if value else ""
                for value in (
                    subscriber.confirmed_at,
                    subscriber.last_digest_at,
                    subscriber.refused_at,
                )
            ),
        ]
        writer.writerow([neutralise_formula(value) for value in row])
    return response


@moderators_only
def announcement(request):
    """Write, preview, then confirm: nothing is sent before the second POST."""
    form = AnnouncementForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "subscriptions/admin/announcement.html", {"form": form})
    topic = form.cleaned_data["topic"]
    subject, body = form.cleaned_data["subject"], form.cleaned_data["body"]
    if request.POST.get("confirmed") != "yes":
        preview = announcement_message(request.user.email or "preview@example.invalid",
                                       subject, body, topic)  # fmt: skip
        context = {
            "form": form,
            "preview_text": preview.body,
            "preview_subject": preview.subject,
            "recipients": Subscriber.objects.deliverable().filter(topics=topic).count(),
            "topic": topic,
        }
        return render(request, "subscriptions/admin/announcement_confirm.html", context)
    mailing = start_announcement(topic, subject, body, request.user)
    messages.success(
        request, f"“{subject}” is being sent to {mailing.recipients} subscriber(s) of {topic}."
    )
    return redirect("subscriptions_overview")
